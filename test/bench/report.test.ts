// Proves the session summaries: aggregates over wall-clock time, medians
// over interleaved rounds per target, and ratios of medians.
import { describe, expect, it } from 'vitest';
import type { ActorResult } from '../../bench/actor.js';
import { medianSummaries, ratiosAgainst, summarizeRun, type RunResult } from '../../bench/report.js';

function actor(index: number, role: ActorResult['role'], startMs: number, endMs: number, latenciesMs: number[]): ActorResult {
  return {
    index,
    role,
    batches: latenciesMs.length,
    messages: latenciesMs.length * 10,
    bytes: latenciesMs.length * 10 * 100,
    startMs,
    endMs,
    latenciesMs,
    timeline: { messages: [10 * latenciesMs.length], latencySumMs: [latenciesMs.reduce((a, b) => a + b, 0)], latencyCount: [latenciesMs.length] },
    emptyPolls: 0,
    warmupBatches: 0,
  };
}

function run(label: string, kind: RunResult['target']['kind'], round: number, mbPerSecond: number, p50Ms: number): RunResult {
  const latency = { count: 1, minMs: p50Ms, avgMs: p50Ms, p50Ms, p90Ms: p50Ms, p95Ms: p50Ms, p99Ms: 2 * p50Ms, p999Ms: 2 * p50Ms, maxMs: 2 * p50Ms };
  return {
    label: `${label} #${round}`,
    round,
    target: { kind, label, address: 'x:1', transport: 'tcp' },
    filledMessages: 0,
    actors: [],
    aggregate: { send: { actors: 1, messages: 1, bytes: 1, batches: 1, durationMs: 1, mbPerSecond, messagesPerSecond: mbPerSecond * 1000, latency } },
    timeline: {},
    cpu: { serverPct: 100, clientPct: 30 },
    memory: [],
    statsBefore: null,
    statsAfter: null,
  };
}

describe('bench report', () => {
  it('aggregates a role over wall-clock time from the first start to the last end', () => {
    const summary = summarizeRun([actor(0, 'producer', 1000, 2000, [1, 2]), actor(1, 'producer', 1500, 3000, [3, 4]), actor(2, 'consumer', 1000, 1500, [5])], 100, 1000);
    // Producers: 4 batches × 10 messages × 100 B = 4000 B over 2 s (1000 → 3000), not the sum of per-actor rates.
    expect(summary.aggregate.send).toMatchObject({ actors: 2, messages: 40, bytes: 4000, batches: 4, durationMs: 2000, messagesPerSecond: 20 });
    expect(summary.aggregate.send!.mbPerSecond).toBeCloseTo(0.002, 12);
    expect(summary.aggregate.send!.latency.p50Ms).toBe(2.5);
    expect(summary.aggregate.poll!.latency.maxMs).toBe(5);
    expect(summary.actors[1]).toMatchObject({ role: 'producer', durationMs: 1500 });
    expect(summary.timeline.send![0]).toMatchObject({ tMs: 100, avgLatencyMs: 2.5 });
  });

  it('takes medians per target over the rounds and ratios of the medians', () => {
    const runs = [
      run('ceiling', 'ceiling', 1, 100, 1),
      run('server', 'server', 1, 30, 4),
      run('ceiling', 'ceiling', 2, 300, 3),
      run('server', 'server', 2, 90, 2),
      run('ceiling', 'ceiling', 3, 200, 2),
      run('server', 'server', 3, 60, 6),
    ];
    const medians = medianSummaries(runs);
    expect(medians).toEqual([
      { label: 'ceiling', targetKind: 'ceiling', metric: 'send', rounds: 3, mbPerSecond: 200, mbPerSecondMin: 100, mbPerSecondMax: 300, messagesPerSecond: 200_000, p50Ms: 2, p99Ms: 4 },
      { label: 'server', targetKind: 'server', metric: 'send', rounds: 3, mbPerSecond: 60, mbPerSecondMin: 30, mbPerSecondMax: 90, messagesPerSecond: 60_000, p50Ms: 4, p99Ms: 8 },
    ]);
    const [ratio] = ratiosAgainst([medians[0]!], medians);
    expect(ratio).toEqual({ run: 'server', against: 'ceiling', metric: 'send', mbPerSecondRatio: 0.3, p50Ratio: 2, p99Ratio: 2 });
    expect(ratiosAgainst([medians[1]!], [medians[1]!])).toEqual([]);
  });
});
