// One bench session: the same workload against each target (the ceiling
// sink, our server with each requested core, or an external server), each
// run with fresh streams, then one SessionResults with medians and ratios.
// Targets run one after another, never at once: two cores cannot host two
// honest runs.
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { isGroupKind, type BenchArgs, type ServerCore } from './args.js';
import { renderHtmlReport } from './html_report.js';
import { ProgressBar } from './progress.js';
import { cpuSnapshot, memorySample, phaseCpu, separatePid, type CpuSnapshot, type MemorySample } from './proc_meter.js';
import { startCeilingProcess, startServerInProcess, startServerProcess, type StartedProcess } from './processes.js';
import { machineInfo, medianSummaries, ratiosAgainst, RESULTS_FORMAT_VERSION, summarizeRun, workloadOf, type RunResult, type SessionResults } from './report.js';
import { runActors } from './runner.js';
import { type Address, type BenchConnection } from './wire/connection.js';
import { LISTENER_OF, openConnection, parseEndpoint, type Endpoint } from './wire/open.js';
import type { ServerStats } from './wire/commands.js';
import type { IggyClient } from '../sdk/client.js';
import { buildActorSpecs, ceilingTopology, connectAdmin, consumerTargets, createTopology, deleteTopology, fillStreams, type Topology } from './workload.js';

/** A ceiling with an address is already running (tests start the sink in-process). */
export type TargetPlan = { kind: 'ceiling'; address?: Address } | { kind: 'server'; core: ServerCore } | { kind: 'external'; address: Address };

export function planTargets(args: BenchArgs): TargetPlan[] {
  const targets: TargetPlan[] = [];
  if (args.ceiling || args.compareCeiling) targets.push({ kind: 'ceiling' });
  if (!args.ceiling || args.compareCeiling) {
    if (args.startServer) for (const core of args.serverCores) targets.push({ kind: 'server', core });
    else targets.push({ kind: 'external', address: parseEndpoint(args.target, args.transport) });
  }
  return targets;
}

export interface SessionOptions {
  /** The command line as typed, recorded in the results. */
  command: string;
  /** Status lines (default stderr). */
  log?: (line: string) => void;
  /** Overrides planTargets(args), e.g. servers a test has already started. */
  targets?: TargetPlan[];
}

/** Processes this session started and has not stopped yet: stopped on SIGINT by main.ts. */
export const liveProcesses = new Set<StartedProcess>();

function totalBatches(args: BenchArgs): number {
  const targets = consumerTargets(args);
  const perBatch = args.messagesPerBatch;
  let total = args.producers * args.messageBatches;
  if (isGroupKind(args.kind)) {
    if (!args.kind.startsWith('end-to-end')) for (const t of targets.perGroup) total += Math.ceil(t / perBatch);
  } else {
    for (const t of targets.perConsumer) total += Math.ceil(t / perBatch);
  }
  return total;
}

async function statsOf(admin: BenchConnection | null): Promise<{ stats: ServerStats | null; error?: string }> {
  if (admin === null) return { stats: null, error: 'the ceiling sink has no GetStats' };
  try {
    return { stats: await admin.stats() };
  } catch (error) {
    return { stats: null, error: (error as Error).message };
  }
}

/** A target that is up: its process (if the bench started it) and its two admin connections. */
interface LiveTarget {
  plan: TargetPlan;
  label: string;
  /** Where its connections go: the ceiling over TCP, a server over the transport under test. */
  address: Endpoint;
  started: StartedProcess | null;
  /** Raw connection for the fill and GetStats (plain numbers; works against the ceiling too). */
  admin: BenchConnection;
  /** SDK client for creating and deleting the topology; null for the ceiling. */
  client: IggyClient | null;
}

function labelOf(plan: TargetPlan): string {
  return plan.kind === 'ceiling' ? 'ceiling' : plan.kind === 'server' ? `server core=${plan.core}` : `target ${plan.address.host}:${plan.address.port}`;
}

async function startTarget(args: BenchArgs, plan: TargetPlan, log: (line: string) => void): Promise<LiveTarget> {
  const label = labelOf(plan);
  let started: StartedProcess | null = null;
  try {
    let address: Endpoint;
    if (plan.kind === 'ceiling') {
      // Only a workload that polls needs the sink to keep what it received.
      if (plan.address === undefined) started = await startCeilingProcess({ retainForPolls: args.consumers > 0 || args.kind.startsWith('end-to-end') });
      address = { ...(plan.address ?? started!.address), transport: 'tcp' };
    } else if (plan.kind === 'server') {
      const listener = LISTENER_OF[args.transport];
      const options = { core: plan.core, listener, username: args.username, password: args.password };
      started = args.serverInProcess ? await startServerInProcess(options) : await startServerProcess(options);
      if (started.core !== undefined && started.core !== plan.core) {
        throw new Error(`asked for the ${plan.core} core, the server reports ${started.core}`);
      }
      address = { ...started.listeners[listener]!, transport: args.transport };
    } else {
      address = { host: plan.address.host, port: plan.address.port, transport: args.transport };
    }
    if (started !== null) liveProcesses.add(started);
    log(`${label}: ${address.transport} ${address.host}:${address.port}${started === null ? '' : ` (pid ${started.pid})`}`);
    const ceiling = plan.kind === 'ceiling';
    const admin = await openConnection(address);
    if (!ceiling) await admin.login(args.username, args.password);
    const client = ceiling ? null : await connectAdmin(address, { username: args.username, password: args.password });
    return { plan, label, address, started, admin, client };
  } catch (error) {
    const output = started?.output().trim();
    if (output) log(`${label} output:\n${output}`);
    if (started !== null) {
      await started.stop();
      liveProcesses.delete(started);
    }
    throw error;
  }
}

async function stopTarget(target: LiveTarget): Promise<void> {
  await target.client?.close().catch(() => {});
  await target.admin.close();
  if (target.started !== null) {
    await target.started.stop();
    liveProcesses.delete(target.started);
  }
}

/** One measured run on a live target: fresh streams, fill, actors, stats, clean-up. */
async function runRound(args: BenchArgs, target: LiveTarget, round: number, rounds: number, log: (line: string) => void): Promise<RunResult> {
  const { plan, address, admin, client } = target;
  const label = rounds > 1 ? `${target.label} #${round + 1}` : target.label;
  const ceiling = client === null;
  let topology: Topology | null = null;
  try {
    topology = client === null ? ceilingTopology(args, round) : await createTopology(client, args);
    const targets = consumerTargets(args);
    let filledMessages = 0;
    if (targets.fillPerStream.some((n) => n > 0)) {
      log(`${label}: filling ${targets.fillPerStream.reduce((a, b) => a + b, 0)} messages to read (unmeasured)`);
      filledMessages = await fillStreams(admin, args, topology, targets.fillPerStream);
    }
    const before = await statsOf(ceiling ? null : admin);
    const specs = buildActorSpecs(args, {
      address,
      credentials: ceiling ? null : { username: args.username, password: args.password },
      topology,
    });
    // A duration run has no batch total to show progress against; its memory lines show it is alive.
    const progress = args.progress && args.durationMs === undefined ? new ProgressBar(label, specs[0]!.progress, totalBatches(args)) : null;
    const server = serverProcessOf(target, before.stats);
    const meter = new PhaseMeter(server.pid, server.inProcess, args, (line) => log(`${label}: ${line}`));
    progress?.start();
    let outcome: Awaited<ReturnType<typeof runActors>>;
    try {
      outcome = await runActors(specs, args.actors, () => meter.start());
    } finally {
      progress?.stop();
    }
    const { cpu, memory } = meter.stop(server.pid === null ? serverPidNote(server.inProcess) : undefined);
    const after = await statsOf(ceiling ? null : admin);
    const summary = summarizeRun(outcome.results, args.samplingMs, outcome.sessionStartMs);
    const statsError = before.error ?? after.error;
    return {
      label,
      round: round + 1,
      target: {
        kind: plan.kind,
        label: target.label,
        address: `${address.host}:${address.port}`,
        transport: address.transport,
        ...(plan.kind === 'server' ? { core: plan.core, process: args.serverInProcess ? 'in-process' : 'child' } : {}),
      },
      filledMessages,
      ...summary,
      cpu,
      memory,
      statsBefore: before.stats,
      statsAfter: after.stats,
      ...(statsError === undefined || ceiling ? {} : { statsError }),
    };
  } catch (error) {
    const output = target.started?.output().trim();
    if (output) log(`${label} output:\n${output}`);
    throw error;
  } finally {
    if (client !== null && topology !== null && !args.keep) {
      await deleteTopology(client, topology).catch((error: Error) => log(`${label}: could not delete the bench streams: ${error.message}`));
    }
  }
}

/**
 * The server's process as far as the bench can see it: one it started, or
 * the pid GetStats names for a server on this host. `pid` is null when it
 * cannot be read apart from the bench (unknown, or this very process).
 */
function serverProcessOf(target: LiveTarget, stats: ServerStats | null): { pid: number | null; inProcess: boolean } {
  const local = target.address.host === '127.0.0.1' || target.address.host === 'localhost' || target.address.host === '::1';
  const pid = target.started !== null ? target.started.pid : local ? stats?.processId : undefined;
  return { pid: separatePid(pid), inProcess: pid === process.pid };
}

function serverPidNote(inProcess: boolean): string {
  return inProcess ? 'the server runs inside the bench process: its CPU is in the client figure' : 'the server is not a process on this host that the bench can read';
}

/**
 * CPU of both sides over the measured phase, and the server's memory at its
 * start, every `memorySampleMs` of a duration run (logged as it goes: a soak
 * is watched), and at its end.
 */
class PhaseMeter {
  #cpuStart: CpuSnapshot | null = null;
  #timer: ReturnType<typeof setInterval> | null = null;
  readonly #memory: MemorySample[] = [];

  constructor(
    private readonly serverPid: number | null,
    private readonly inProcess: boolean,
    private readonly args: BenchArgs,
    private readonly log: (line: string) => void,
  ) {}

  start(): void {
    this.#cpuStart = cpuSnapshot(this.serverPid);
    this.#sample();
    if (this.args.durationMs !== undefined) this.#timer = setInterval(() => this.#sample(true), this.args.memorySampleMs);
  }

  stop(note?: string): { cpu: RunResult['cpu']; memory: MemorySample[] } {
    const end = cpuSnapshot(this.serverPid);
    if (this.#timer !== null) clearInterval(this.#timer);
    const start = this.#cpuStart ?? end;
    this.#sample(this.args.durationMs !== undefined);
    return { cpu: phaseCpu(start, end, note), memory: this.#memory };
  }

  #sample(logIt = false): void {
    const startMs = this.#cpuStart?.atMs ?? performance.now();
    const sample = memorySample(this.serverPid, this.inProcess, Math.round(performance.now() - startMs));
    this.#memory.push(sample);
    if (logIt) this.log(formatMemorySample(sample));
  }
}

const MIB = 1024 * 1024;

export function formatMemorySample(sample: MemorySample): string {
  const rss = sample.rssBytes === null ? 'rss unknown' : `rss ${(sample.rssBytes / MIB).toFixed(1)} MiB`;
  const heap = sample.heapUsedBytes === null ? '' : `, heap ${(sample.heapUsedBytes / MIB).toFixed(1)} MiB`;
  return `t=${(sample.tMs / 1000).toFixed(0)}s server ${rss}${heap}`;
}

/**
 * Starts every target first, then runs the rounds interleaved (A B C, A B C,
 * ...): on a shared machine, load that comes and goes then hits every target
 * alike instead of whichever happened to run during it. Ratios compare the
 * per-target medians over the rounds.
 */
export async function runSession(args: BenchArgs, options: SessionOptions): Promise<SessionResults> {
  const log = options.log ?? ((line: string) => process.stderr.write(line + '\n'));
  const startedAt = new Date().toISOString();
  const loadAverageStart = os.loadavg()[0] ?? 0;
  const live: LiveTarget[] = [];
  const runs: RunResult[] = [];
  try {
    for (const plan of options.targets ?? planTargets(args)) live.push(await startTarget(args, plan, log));
    for (let round = 0; round < args.rounds; round++) {
      for (const target of live) runs.push(await runRound(args, target, round, args.rounds, log));
    }
  } finally {
    for (const target of live) await stopTarget(target);
  }
  const medians = medianSummaries(runs);
  const ceiling = medians.filter((m) => m.targetKind === 'ceiling');
  const servers = medians.filter((m) => m.targetKind !== 'ceiling');
  const ratios = [...ratiosAgainst(ceiling, servers), ...ratiosAgainst(servers.filter((m) => m.label === servers[0]?.label), servers)];
  return {
    formatVersion: RESULTS_FORMAT_VERSION,
    tool: 'iggy-ts bench',
    startedAt,
    finishedAt: new Date().toISOString(),
    command: options.command,
    machine: machineInfo(loadAverageStart),
    workload: workloadOf(args),
    runs,
    medians,
    ratios,
  };
}

/** Writes the results JSON and the HTML report next to it; returns both paths. */
export async function writeOutputs(session: SessionResults, jsonPath: string): Promise<{ json: string; html: string }> {
  const html = jsonPath.replace(/\.json$/, '.html');
  await mkdir(path.dirname(path.resolve(jsonPath)), { recursive: true });
  await writeFile(jsonPath, JSON.stringify(session, null, 2) + '\n');
  await writeFile(html, renderHtmlReport(session));
  return { json: jsonPath, html };
}
