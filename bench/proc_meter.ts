// CPU and memory of the two sides of a run, so a report can say which side
// was saturated: the bench process (process.cpuUsage covers every thread,
// worker actors included) and the server process, read from /proc by the pid
// the bench started (or the one GetStats names, for a server on this host).
// Linux only: elsewhere the server's figures are null and the report says so.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** USER_HZ: the unit of utime/stime in /proc/<pid>/stat; 100 on every Linux Node supports. */
const CLOCK_TICKS_PER_SECOND = 100;

export interface CpuSnapshot {
  atMs: number;
  /** Bench process CPU time, µs (user + system). */
  clientUs: number;
  /** Server process CPU time, µs, or null when it cannot be read (or is this process). */
  serverUs: number | null;
}

/** CPU% of one core over a phase; 200% is the whole of a 2-core machine. */
export interface PhaseCpu {
  serverPct: number | null;
  clientPct: number;
  /** Why serverPct is null, when it is. */
  note?: string;
}

/** utime + stime of a process in µs, or null if /proc has no such pid. */
export function processCpuUs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2 (comm) may hold spaces and parentheses: count fields after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14, 15)
    return Number.isFinite(ticks) ? (ticks * 1e6) / CLOCK_TICKS_PER_SECOND : null;
  } catch {
    return null;
  }
}

/** A pid the meter can read separately from the bench; null for none or for this very process. */
export function separatePid(pid: number | null | undefined): number | null {
  return pid === null || pid === undefined || pid <= 0 || pid === process.pid ? null : pid;
}

export function cpuSnapshot(serverPid: number | null): CpuSnapshot {
  const usage = process.cpuUsage();
  return { atMs: performance.now(), clientUs: usage.user + usage.system, serverUs: serverPid === null ? null : processCpuUs(serverPid) };
}

export function phaseCpu(before: CpuSnapshot, after: CpuSnapshot, note?: string): PhaseCpu {
  const wallUs = Math.max(1, (after.atMs - before.atMs) * 1000);
  const pct = (us: number) => Math.round((us / wallUs) * 1000) / 10;
  const serverPct = before.serverUs === null || after.serverUs === null ? null : pct(after.serverUs - before.serverUs);
  return { serverPct, clientPct: pct(after.clientUs - before.clientUs), ...(serverPct === null && note !== undefined ? { note } : {}) };
}

export interface MemorySample {
  /** Milliseconds since the measured phase started. */
  tMs: number;
  rssBytes: number | null;
  /** V8 heap in use; only known for a server inside the bench process (the wire has no heap figure). */
  heapUsedBytes: number | null;
}

/** VmRSS of a process from /proc/<pid>/status, in bytes, or null. */
export function processRssBytes(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match === null ? null : Number(match[1]) * 1024;
  } catch {
    return null;
  }
}

/** One memory sample of the server: its own process by pid, or this process when it runs in-process. */
export function memorySample(serverPid: number | null, inProcess: boolean, tMs: number): MemorySample {
  if (inProcess) {
    const usage = process.memoryUsage();
    return { tMs, rssBytes: usage.rss, heapUsedBytes: usage.heapUsed };
  }
  return { tMs, rssBytes: serverPid === null ? null : processRssBytes(serverPid), heapUsedBytes: null };
}
