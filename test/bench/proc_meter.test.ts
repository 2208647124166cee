// Proves the CPU and memory meter reads this process's /proc entries (Linux,
// as on the bench machine) and turns CPU time into percent of one core.
import { describe, expect, it } from 'vitest';
import { cpuSnapshot, memorySample, phaseCpu, processCpuUs, processRssBytes, separatePid } from '../../bench/proc_meter.js';

describe('process meter', () => {
  it('reads CPU time and RSS of a process from /proc', () => {
    let spin = 0;
    for (let i = 0; i < 2e6; i++) spin += i;
    expect(spin).toBeGreaterThan(0);
    expect(processCpuUs(process.pid)).toBeGreaterThan(0);
    expect(processRssBytes(process.pid)).toBeGreaterThan(1024 * 1024);
    expect(processCpuUs(0x7fff_fff0)).toBeNull(); // no such pid
    expect(processRssBytes(0x7fff_fff0)).toBeNull();
  });

  it('gives percent of one core over the phase, server null when unreadable', () => {
    const before = { atMs: 1000, clientUs: 0, serverUs: 0 };
    const after = { atMs: 2000, clientUs: 250_000, serverUs: 1_500_000 };
    expect(phaseCpu(before, after)).toEqual({ serverPct: 150, clientPct: 25 });
    expect(phaseCpu({ ...before, serverUs: null }, { ...after, serverUs: null }, 'why')).toEqual({ serverPct: null, clientPct: 25, note: 'why' });
    expect(cpuSnapshot(null).serverUs).toBeNull();
  });

  it('never meters the bench itself as the server', () => {
    expect(separatePid(process.pid)).toBeNull();
    expect(separatePid(undefined)).toBeNull();
    expect(separatePid(-1)).toBeNull();
    expect(separatePid(4242)).toBe(4242);
    const inProcess = memorySample(null, true, 5);
    expect(inProcess.tMs).toBe(5);
    expect(inProcess.heapUsedBytes).toBeGreaterThan(0);
    expect(memorySample(null, false, 0)).toEqual({ tMs: 0, rssBytes: null, heapUsedBytes: null });
  });
});
