// Results of a bench session: per-actor and aggregate throughput and batch
// latency, the throughput/latency timeline, server stats before and after,
// and ratios against the ceiling. The JSON written by --output is exactly a
// `SessionResults`; the text table and the HTML report are views of it.
import os from 'node:os';
import type { ActorResult, ActorRole } from './actor.js';
import type { BenchArgs } from './args.js';
import { summarizeLatencies, type LatencySummary } from './percentiles.js';
import type { MemorySample, PhaseCpu } from './proc_meter.js';
import type { ServerStats } from './wire/commands.js';

export const RESULTS_FORMAT_VERSION = 1;
const MB = 1e6;

export interface Throughput {
  messages: number;
  bytes: number;
  batches: number;
  durationMs: number;
  mbPerSecond: number;
  messagesPerSecond: number;
}

export interface ActorSummary extends Throughput {
  index: number;
  role: ActorRole;
  emptyPolls: number;
  warmupBatches: number;
  latency: LatencySummary;
}

export interface RoleSummary extends Throughput {
  actors: number;
  latency: LatencySummary;
}

export interface TimelinePoint {
  /** Milliseconds from the session start to the end of the interval. */
  tMs: number;
  mbPerSecond: number;
  avgLatencyMs: number | null;
}

export interface RunResult {
  /** The target's label, with " #round" when there are several rounds. */
  label: string;
  /** 1-based round. */
  round: number;
  /** label: e.g. "server core=wasm", "ceiling", "target 10.0.0.5:8090". */
  target: { kind: 'server' | 'ceiling' | 'external'; label: string; address: string; transport: string; core?: string; process?: 'child' | 'in-process' };
  /** Messages written before the measured phase (consumer-only kinds), unmeasured. */
  filledMessages: number;
  actors: ActorSummary[];
  /** Keyed by role: producers (incl. producing consumers) and consumers. */
  aggregate: Partial<Record<'send' | 'poll' | 'roundTrip', RoleSummary>>;
  timeline: Partial<Record<'send' | 'poll' | 'roundTrip', TimelinePoint[]>>;
  /** CPU% of one core over the measured phase, server and bench: which side was saturated. */
  cpu: PhaseCpu;
  /** Server memory at the phase start, every --memory-every of a duration run, and at its end. */
  memory: MemorySample[];
  statsBefore: ServerStats | null;
  statsAfter: ServerStats | null;
  statsError?: string;
}

/** One target and metric over all rounds: medians of the per-round aggregates. */
export interface MedianSummary {
  label: string;
  targetKind: RunResult['target']['kind'];
  metric: 'send' | 'poll' | 'roundTrip';
  rounds: number;
  mbPerSecond: number;
  mbPerSecondMin: number;
  mbPerSecondMax: number;
  messagesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/** Ratios of medians: ours / against. */
export interface Ratio {
  run: string;
  against: string;
  metric: 'send' | 'poll' | 'roundTrip';
  mbPerSecondRatio: number;
  p50Ratio: number;
  p99Ratio: number;
}

export interface SessionResults {
  formatVersion: number;
  tool: 'iggy-ts bench';
  startedAt: string;
  finishedAt: string;
  command: string;
  machine: {
    cpus: number;
    cpuModel: string;
    totalMemoryBytes: number;
    node: string;
    platform: string;
    release: string;
    /** 1-minute load average when the session started and ended: above `cpus`, other work competed. */
    loadAverageStart: number;
    loadAverageEnd: number;
  };
  workload: Workload;
  runs: RunResult[];
  medians: MedianSummary[];
  ratios: Ratio[];
}

export function machineInfo(loadAverageStart: number): SessionResults['machine'] {
  const cpus = os.cpus();
  return {
    loadAverageStart,
    loadAverageEnd: os.loadavg()[0] ?? 0,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    totalMemoryBytes: os.totalmem(),
    node: process.version,
    platform: process.platform,
    release: os.release(),
  };
}

/** The BenchArgs fields that describe the workload in the results JSON. */
const WORKLOAD_KEYS = [
  'kind',
  'transport',
  'producers',
  'consumers',
  'streams',
  'partitions',
  'consumerGroups',
  'messageSizeBytes',
  'messagesPerBatch',
  'messageBatches',
  'warmupMs',
  'inFlight',
  'durationMs',
  'rateLimitBytesPerSecond',
  'samplingMs',
  'rounds',
  'actors',
] as const satisfies ReadonlyArray<keyof BenchArgs>;

export type Workload = Pick<BenchArgs, (typeof WORKLOAD_KEYS)[number]>;

export function workloadOf(args: BenchArgs): Workload {
  return Object.fromEntries(WORKLOAD_KEYS.map((key) => [key, args[key]])) as Workload;
}

function throughput(messages: number, bytes: number, batches: number, durationMs: number): Throughput {
  const seconds = durationMs / 1000;
  return {
    messages,
    bytes,
    batches,
    durationMs,
    mbPerSecond: seconds > 0 ? bytes / MB / seconds : 0,
    messagesPerSecond: seconds > 0 ? messages / seconds : 0,
  };
}

function metricOf(role: ActorRole): 'send' | 'poll' | 'roundTrip' {
  return role === 'producer' ? 'send' : role === 'consumer' ? 'poll' : 'roundTrip';
}

/**
 * Aggregates are over wall-clock time, from the first actor's start to the
 * last actor's end, not sums of per-actor rates: a straggler lowers the
 * aggregate, as it lowers what a user of the server gets.
 */
export function summarizeRun(
  results: readonly ActorResult[],
  samplingMs: number,
  sessionStartMs: number,
): Pick<RunResult, 'actors' | 'aggregate' | 'timeline'> {
  const actors: ActorSummary[] = results.map((r) => ({
    index: r.index,
    role: r.role,
    ...throughput(r.messages, r.bytes, r.batches, r.endMs - r.startMs),
    emptyPolls: r.emptyPolls,
    warmupBatches: r.warmupBatches,
    latency: summarizeLatencies(r.latenciesMs),
  }));
  const aggregate: RunResult['aggregate'] = {};
  const timeline: RunResult['timeline'] = {};
  for (const metric of ['send', 'poll', 'roundTrip'] as const) {
    const group = results.filter((r) => metricOf(r.role) === metric);
    if (group.length === 0) continue;
    const start = Math.min(...group.map((r) => r.startMs));
    const end = Math.max(...group.map((r) => r.endMs));
    const latencies: number[] = [];
    for (const r of group) for (const value of r.latenciesMs) latencies.push(value);
    const sum = (pick: (r: ActorResult) => number) => group.reduce((total, r) => total + pick(r), 0);
    aggregate[metric] = {
      actors: group.length,
      ...throughput(
        sum((r) => r.messages),
        sum((r) => r.bytes),
        sum((r) => r.batches),
        end - start,
      ),
      latency: summarizeLatencies(latencies),
    };
    const buckets = Math.max(...group.map((r) => r.timeline.messages.length));
    const messageBytes = (group[0]?.bytes ?? 0) / Math.max(1, group[0]?.messages ?? 1);
    const points: TimelinePoint[] = [];
    for (let b = 0; b < buckets; b++) {
      let messages = 0;
      let latencySum = 0;
      let latencyCount = 0;
      for (const r of group) {
        messages += r.timeline.messages[b] ?? 0;
        latencySum += r.timeline.latencySumMs[b] ?? 0;
        latencyCount += r.timeline.latencyCount[b] ?? 0;
      }
      points.push({
        tMs: (b + 1) * samplingMs,
        mbPerSecond: (messages * messageBytes) / MB / (samplingMs / 1000),
        avgLatencyMs: latencyCount === 0 ? null : latencySum / latencyCount,
      });
    }
    // Leading empty buckets are warm-up time; keep them so the x axis is real time.
    void sessionStartMs;
    timeline[metric] = points;
  }
  return { actors, aggregate, timeline };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  return n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

/** Per target and metric, the median over the rounds of aggregate MB/s, msg/s, p50 and p99 (and the MB/s range). */
export function medianSummaries(runs: readonly RunResult[]): MedianSummary[] {
  const out: MedianSummary[] = [];
  const labels = [...new Set(runs.map((run) => run.target.label))];
  for (const label of labels) {
    const mine = runs.filter((run) => run.target.label === label);
    for (const metric of ['send', 'poll', 'roundTrip'] as const) {
      const aggregates = mine.flatMap((run) => (run.aggregate[metric] === undefined ? [] : [run.aggregate[metric]!]));
      if (aggregates.length === 0) continue;
      const mbPerSecond = aggregates.map((a) => a.mbPerSecond);
      out.push({
        label,
        targetKind: mine[0]!.target.kind,
        metric,
        rounds: aggregates.length,
        mbPerSecond: median(mbPerSecond),
        mbPerSecondMin: Math.min(...mbPerSecond),
        mbPerSecondMax: Math.max(...mbPerSecond),
        messagesPerSecond: median(aggregates.map((a) => a.messagesPerSecond)),
        p50Ms: median(aggregates.map((a) => a.latency.p50Ms)),
        p99Ms: median(aggregates.map((a) => a.latency.p99Ms)),
      });
    }
  }
  return out;
}

/** Ratios of each summary to the baseline summary of the same metric (skipping itself). */
export function ratiosAgainst(baselines: readonly MedianSummary[], summaries: readonly MedianSummary[]): Ratio[] {
  const ratios: Ratio[] = [];
  for (const base of baselines) {
    for (const ours of summaries) {
      if (ours.label === base.label || ours.metric !== base.metric) continue;
      ratios.push({
        run: ours.label,
        against: base.label,
        metric: ours.metric,
        mbPerSecondRatio: ours.mbPerSecond / base.mbPerSecond,
        p50Ratio: ours.p50Ms / base.p50Ms,
        p99Ratio: ours.p99Ms / base.p99Ms,
      });
    }
  }
  return ratios;
}

const fmt = (value: number, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : '-');

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ')).join('\n');
}

/** CPU% of one core per side; a side near 100% (one event loop) or both near 200% together was the limit. */
export function formatCpu(cpu: PhaseCpu): string {
  const server = cpu.serverPct === null ? `server ? (${cpu.note ?? 'unknown'})` : `server ${fmt(cpu.serverPct, 0)}%`;
  return `CPU over the measured phase: ${server}, bench client ${fmt(cpu.clientPct, 0)}% (of one core; 100% = one core busy)`;
}

/** The memory samples of a duration run, RSS and (in-process only) heap in MiB. */
export function formatMemory(samples: readonly MemorySample[]): string {
  if (samples.length === 0) return 'not sampled';
  const mib = (bytes: number | null) => (bytes === null ? '?' : fmt(bytes / (1024 * 1024), 1));
  const heap = samples.some((s) => s.heapUsedBytes !== null);
  const parts = samples.map((s) => `t=${fmt(s.tMs / 1000, 0)}s ${mib(s.rssBytes)}${heap ? `/${mib(s.heapUsedBytes)}` : ''}`);
  return `(rss${heap ? '/heap' : ''} MiB${heap ? '' : '; heap not exposed by the server over the wire'}): ${parts.join(', ')}`;
}

/** Plain-text report for stdout. */
export function formatSession(session: SessionResults): string {
  const w = session.workload;
  const lines: string[] = [];
  lines.push(
    `${w.kind} over ${w.transport}: ${w.producers} producer(s), ${w.consumers} consumer(s), ${w.streams} stream(s) × ${w.partitions} partition(s), ` +
      `${w.durationMs === undefined ? `${w.messageBatches} batches` : `${fmt(w.durationMs / 1000, 0)} s of batches`} × ${w.messagesPerBatch} messages × ${w.messageSizeBytes} B per actor, ${w.inFlight} in flight per producer, actors in ${w.actors === 'worker' ? 'worker threads' : 'the main thread'}`,
  );
  const m = session.machine;
  lines.push(`machine: ${m.cpus} × ${m.cpuModel}, node ${m.node}, load average ${fmt(m.loadAverageStart)} → ${fmt(m.loadAverageEnd)}`);
  if (Math.max(m.loadAverageStart, m.loadAverageEnd) > m.cpus) {
    lines.push(`warning: the load average exceeded the ${m.cpus} cores: other work competed with this run`);
  }
  const header = ['run', 'metric', 'actors', 'MB/s', 'msg/s', 'p50 ms', 'p90 ms', 'p95 ms', 'p99 ms', 'p999 ms', 'max ms'];
  const rows: string[][] = [header];
  for (const run of session.runs) {
    for (const [metric, s] of Object.entries(run.aggregate)) {
      rows.push([
        run.label,
        metric,
        String(s.actors),
        fmt(s.mbPerSecond),
        fmt(s.messagesPerSecond, 0),
        fmt(s.latency.p50Ms, 3),
        fmt(s.latency.p90Ms, 3),
        fmt(s.latency.p95Ms, 3),
        fmt(s.latency.p99Ms, 3),
        fmt(s.latency.p999Ms, 3),
        fmt(s.latency.maxMs, 3),
      ]);
    }
    for (const a of run.actors) {
      rows.push([
        `  actor ${a.index + 1}`,
        a.role,
        '1',
        fmt(a.mbPerSecond),
        fmt(a.messagesPerSecond, 0),
        fmt(a.latency.p50Ms, 3),
        fmt(a.latency.p90Ms, 3),
        fmt(a.latency.p95Ms, 3),
        fmt(a.latency.p99Ms, 3),
        fmt(a.latency.p999Ms, 3),
        fmt(a.latency.maxMs, 3),
      ]);
    }
  }
  lines.push(table(rows));
  for (const run of session.runs) {
    lines.push(`${run.label}: ${formatCpu(run.cpu)}`);
    if (session.workload.durationMs !== undefined) lines.push(`${run.label}: server memory ${formatMemory(run.memory)}`);
  }
  for (const run of session.runs) {
    const before = run.statsBefore;
    const after = run.statsAfter;
    if (before !== null && after !== null) {
      lines.push(
        `${run.label}: server ${after.serverVersion} pid ${after.processId}, messages ${before.messagesCount} → ${after.messagesCount}, ` +
          `stored ${fmt(before.messagesSizeBytes / MB)} → ${fmt(after.messagesSizeBytes / MB)} MB, rss ${fmt(after.memoryUsageBytes / MB, 0)} MB, cpu ${fmt(after.cpuUsage, 1)}%`,
      );
    } else if (run.statsError !== undefined) {
      lines.push(`${run.label}: no server stats (${run.statsError})`);
    }
  }
  if (session.workload.rounds > 1) {
    lines.push(`medians over ${session.workload.rounds} interleaved rounds:`);
    const medianRows: string[][] = [['target', 'metric', 'MB/s', 'MB/s min..max', 'msg/s', 'p50 ms', 'p99 ms']];
    for (const m of session.medians) {
      medianRows.push([m.label, m.metric, fmt(m.mbPerSecond), `${fmt(m.mbPerSecondMin)}..${fmt(m.mbPerSecondMax)}`, fmt(m.messagesPerSecond, 0), fmt(m.p50Ms, 3), fmt(m.p99Ms, 3)]);
    }
    lines.push(table(medianRows));
  }
  for (const ratio of session.ratios) {
    lines.push(
      `${ratio.run} / ${ratio.against} (${ratio.metric}): throughput ${fmt(ratio.mbPerSecondRatio, 3)}×, p50 ${fmt(ratio.p50Ratio, 2)}×, p99 ${fmt(ratio.p99Ratio, 2)}×`,
    );
  }
  return lines.join('\n');
}
