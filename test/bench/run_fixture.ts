// Shared set-up of the end-to-end bench run tests: cleanups run after each
// test (last registered first), temp dirs, the tiny workload flags, and the
// latency sanity checks every run must pass.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect } from 'vitest';
import type { SessionResults } from '../../bench/report.js';

export const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'iggy-ts-bench-test-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

export const tiny = ['--message-batches', '4', '--messages-per-batch', '10', '--message-size', '100', '--actors', 'inline', '--no-progress', '--sampling-time', '10ms'];

export function checkLatency(latency: SessionResults['runs'][number]['aggregate']['send']): void {
  expect(latency).toBeDefined();
  const l = latency!.latency;
  expect(l.minMs).toBeGreaterThan(0);
  expect(l.p50Ms).toBeGreaterThanOrEqual(l.minMs);
  expect(l.p99Ms).toBeGreaterThanOrEqual(l.p50Ms);
  expect(l.maxMs).toBeGreaterThanOrEqual(l.p999Ms);
}
