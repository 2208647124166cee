// Real process and host figures for GetStats (BINARY.md §8.2). CPU usage is a
// delta between calls: process time from process.cpuUsage(), system time from
// os.cpus(); the first call measures from the module's load at start-up. Disk figures come from fs.statfs on the data
// directory. Nothing here runs on the request path except GetStats itself.
import { readFileSync, readdirSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import os from 'node:os';
import type { Stats } from '../protocol/records/stats.js';
import { nowUs } from './clients.js';
import type { ServerContext } from './context.js';

export const SERVER_VERSION = '0.8.0';
/** major·1 000 000 + minor·1 000 + patch. */
export const SERVER_SEMVER = 8000;

interface CpuSample {
  atUs: bigint;
  process: NodeJS.CpuUsage;
  idle: number;
  total: number;
}

function systemTimes(): { idle: number; total: number } {
  let idle = 0;
  let total = 0;
  for (const cpu of os.cpus()) {
    const t = cpu.times;
    idle += t.idle;
    total += t.user + t.nice + t.sys + t.idle + t.irq;
  }
  return { idle, total };
}

function sample(): CpuSample {
  return { atUs: nowUs(), process: process.cpuUsage(), ...systemTimes() };
}

/** Baseline taken when the server module loads, i.e. at start-up. */
let lastSample: CpuSample = sample();

/** Process and system CPU percent since the previous call (the first: since start-up). */
function cpuPercent(): { process: number; system: number } {
  const now = sample();
  const previous = lastSample;
  lastSample = now;
  const elapsedUs = Number(now.atUs - previous.atUs);
  const processUs = now.process.user + now.process.system - (previous.process.user + previous.process.system);
  const processPercent = elapsedUs > 0 ? (processUs / elapsedUs) * 100 : 0;
  const totalDelta = now.total - previous.total;
  const idleDelta = now.idle - previous.idle;
  const systemPercent = totalDelta > 0 ? ((totalDelta - idleDelta) / totalDelta) * 100 : 0;
  return { process: Math.max(0, processPercent), system: Math.min(100, Math.max(0, systemPercent)) };
}

function osRelease(): { name: string; version: string } {
  try {
    const text = readFileSync('/etc/os-release', 'utf8');
    const field = (key: string): string | undefined => new RegExp(`^${key}="?([^"\\n]*)"?$`, 'm').exec(text)?.[1];
    return { name: field('NAME') ?? os.type(), version: field('VERSION_ID') ?? os.version() };
  } catch {
    return { name: os.type(), version: os.version() };
  }
}

const OS = osRelease();

/** Threads of this process (Linux: /proc/self/task); elsewhere main thread + libuv pool. */
function threadsCount(): number {
  try {
    return readdirSync('/proc/self/task').length;
  } catch {
    return 1 + Number(process.env.UV_THREADPOOL_SIZE ?? 4);
  }
}

/** MemAvailable on Linux (what can be allocated without swapping); os.freemem() elsewhere. */
function availableMemoryBytes(): bigint {
  try {
    const kib = /^MemAvailable:\s+(\d+) kB$/m.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1];
    if (kib !== undefined) return BigInt(kib) * 1024n;
  } catch {
    // not Linux
  }
  return BigInt(os.freemem());
}

async function diskSpace(path: string): Promise<{ free: bigint; total: bigint }> {
  try {
    const s = await statfs(path, { bigint: true });
    return { free: s.bavail * s.bsize, total: s.blocks * s.bsize };
  } catch {
    return { free: 0n, total: 0n };
  }
}

export async function collectStats(ctx: ServerContext): Promise<Stats> {
  const storage = ctx.storage.stats();
  const cpu = cpuPercent();
  const disk = await diskSpace(ctx.config.system.path);
  const now = nowUs();
  return {
    processId: process.pid,
    cpuUsage: cpu.process,
    totalCpuUsage: cpu.system,
    memoryUsageBytes: BigInt(process.memoryUsage.rss()),
    totalMemoryBytes: BigInt(os.totalmem()),
    availableMemoryBytes: availableMemoryBytes(),
    runTimeUs: now - ctx.startedAtUs,
    startTimeUs: ctx.startedAtUs,
    readBytes: storage.readBytes,
    writtenBytes: storage.writtenBytes,
    messagesSizeBytes: storage.messagesSizeBytes,
    streamsCount: storage.streamsCount,
    topicsCount: storage.topicsCount,
    partitionsCount: storage.partitionsCount,
    segmentsCount: storage.segmentsCount,
    messagesCount: storage.messagesCount,
    clientsCount: ctx.clients.count,
    consumerGroupsCount: storage.consumerGroupsCount,
    hostname: os.hostname(),
    osName: OS.name,
    osVersion: OS.version,
    kernelVersion: os.release(),
    iggyServerVersion: SERVER_VERSION,
    iggyServerSemver: SERVER_SEMVER,
    cacheMetrics: [],
    threadsCount: threadsCount(),
    freeDiskSpaceBytes: disk.free,
    totalDiskSpaceBytes: disk.total,
  };
}
