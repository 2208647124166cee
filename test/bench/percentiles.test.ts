// Proves the latency summary: interpolated percentiles on known data, the
// edges (one sample, none), and that the caller's samples are left alone.
import { describe, expect, it } from 'vitest';
import { percentileOfSorted, summarizeLatencies } from '../../bench/percentiles.js';

describe('percentiles', () => {
  it('interpolates between the nearest ranks of 1..100', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i); // unsorted on purpose
    const s = summarizeLatencies(samples);
    expect(s.count).toBe(100);
    expect(s.minMs).toBe(1);
    expect(s.maxMs).toBe(100);
    expect(s.avgMs).toBeCloseTo(50.5, 10);
    expect(s.p50Ms).toBeCloseTo(50.5, 10);
    expect(s.p90Ms).toBeCloseTo(90.1, 10);
    expect(s.p95Ms).toBeCloseTo(95.05, 10);
    expect(s.p99Ms).toBeCloseTo(99.01, 10);
    expect(s.p999Ms).toBeCloseTo(99.901, 10);
    expect(samples[0]).toBe(100);
  });

  it('p0 is the minimum and p100 the maximum', () => {
    const sorted = [2, 3, 5, 7, 11];
    expect(percentileOfSorted(sorted, 0)).toBe(2);
    expect(percentileOfSorted(sorted, 100)).toBe(11);
    expect(percentileOfSorted(sorted, 50)).toBe(5);
    expect(percentileOfSorted(sorted, 75)).toBe(7);
    expect(percentileOfSorted(sorted, 87.5)).toBe(9);
  });

  it('a single sample is every percentile', () => {
    const s = summarizeLatencies([4.25]);
    expect([s.minMs, s.p50Ms, s.p99Ms, s.p999Ms, s.maxMs]).toEqual([4.25, 4.25, 4.25, 4.25, 4.25]);
  });

  it('no samples give count 0 and NaN', () => {
    const s = summarizeLatencies([]);
    expect(s.count).toBe(0);
    expect(Number.isNaN(s.p50Ms)).toBe(true);
    expect(Number.isNaN(s.maxMs)).toBe(true);
  });

  it('sorts numerically, not as strings', () => {
    expect(summarizeLatencies([10, 9, 100, 2]).p50Ms).toBe(9.5);
  });

  it('rejects a percentile outside 0..100', () => {
    expect(() => percentileOfSorted([1], 101)).toThrow(RangeError);
    expect(() => percentileOfSorted([1], -1)).toThrow(RangeError);
  });
});
