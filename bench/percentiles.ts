// Latency summaries. Percentiles use linear interpolation between the two
// nearest ranks (the "R-7"/NumPy default): p = 0 is the minimum, p = 100 the
// maximum, and a single sample is every percentile. Samples are milliseconds.

export interface LatencySummary {
  count: number;
  minMs: number;
  avgMs: number;
  p50Ms: number;
  p90Ms: number;
  p95Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
}

/** The p-th percentile (0..100) of samples already sorted ascending. */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile ${p} outside 0..100`);
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const rank = (p / 100) * (n - 1);
  const below = Math.floor(rank);
  const above = Math.min(below + 1, n - 1);
  const low = sorted[below] as number;
  const high = sorted[above] as number;
  return low + (high - low) * (rank - below);
}

/** Summary of unsorted samples; the input is not modified. An empty input gives count 0 and NaN values. */
export function summarizeLatencies(samples: ArrayLike<number>): LatencySummary {
  const sorted = Float64Array.from(samples).sort();
  let sum = 0;
  for (const value of sorted) sum += value;
  const n = sorted.length;
  return {
    count: n,
    minMs: n === 0 ? Number.NaN : (sorted[0] as number),
    avgMs: n === 0 ? Number.NaN : sum / n,
    p50Ms: percentileOfSorted(sorted, 50),
    p90Ms: percentileOfSorted(sorted, 90),
    p95Ms: percentileOfSorted(sorted, 95),
    p99Ms: percentileOfSorted(sorted, 99),
    p999Ms: percentileOfSorted(sorted, 99.9),
    maxMs: n === 0 ? Number.NaN : (sorted[n - 1] as number),
  };
}
