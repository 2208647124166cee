// Core benchmark (npm run bench:core, after npm run build): in one run,
// XXH3-64 on 64 B, 1 KB and 64 KB inputs through the WASM core, its TS twin
// and hash-wasm, and validate+stamp of a 1000 × 1 KB SendMessages batch
// through both cores: with the WASM core both as the server runs it (the
// batch already in the core's memory, where the socket read it) and for a
// batch in ordinary memory (copied in and out). Prints a table and writes JSON to
// bench/results/core-<ISO timestamp>.json. BENCH_MS sets the time per
// implementation and case (default 1500).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cpus } from 'node:os';
import { createXXHash3 } from 'hash-wasm';
import type { BatchLimits, Core, StampParams } from '../src/core/core.js';
import { coreTs } from '../src/core/core_ts.js';
import { defaultWasmPath, instantiateCoreWasm } from '../src/core/core_wasm.js';

const TIME_PER_CASE_MS = Number(process.env.BENCH_MS ?? 1500);

interface Row {
  case: string;
  impl: string;
  /** Median round rate. */
  opsPerSec: number;
  bestOpsPerSec: number;
  mbPerSec: number;
  bytesPerOp: number;
}

interface Impl {
  impl: string;
  op: () => void;
  /** Calls of `op` per timed round. */
  batch: number;
  /** Untimed setup before each round. */
  before?: () => void;
}

/**
 * Times the implementations of one case in interleaved rounds (a slice of
 * each in turn), so load from other processes on the shared machine hits
 * them alike; reports the median and best round rate (ops/s) of each.
 */
function measure(impls: Impl[]): { median: number; best: number }[] {
  const rounds = 15;
  const sliceMs = TIME_PER_CASE_MS / rounds;
  const rates: number[][] = impls.map(() => []);
  for (let round = -2; round < rounds; round++) {
    impls.forEach(({ op, batch, before }, n) => {
      let ops = 0;
      let elapsed = 0;
      while (elapsed < sliceMs) {
        before?.();
        const start = performance.now();
        for (let i = 0; i < batch; i++) op();
        elapsed += performance.now() - start;
        ops += batch;
      }
      if (round >= 0) (rates[n] as number[]).push((ops * 1000) / elapsed); // rounds -2, -1 warm up
    });
  }
  return rates.map((r) => {
    const sorted = [...r].sort((a, b) => a - b);
    return { median: sorted[Math.floor(sorted.length / 2)] as number, best: sorted[sorted.length - 1] as number };
  });
}

function randomBytes(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
}

/** A SendMessages batch as the Node SDK sends it: id 0, 1 KB payloads, no user headers. */
function sendBatch(count: number, payloadBytes: number): { indexes: Uint8Array; messages: Uint8Array } {
  const size = 64 + payloadBytes;
  const messages = randomBytes(count * size, 7);
  const indexes = new Uint8Array(count * 16);
  const msg = new DataView(messages.buffer);
  const idx = new DataView(indexes.buffer);
  for (let i = 0; i < count; i++) {
    const pos = i * size;
    for (let b = 0; b < 40; b++) messages[pos + b] = 0; // checksum, id, offset, timestamp
    msg.setBigUint64(pos + 40, 1_750_000_000_000_000n + BigInt(i), true);
    msg.setUint32(pos + 48, 0, true);
    msg.setUint32(pos + 52, payloadBytes, true);
    msg.setBigUint64(pos + 56, 0n, true);
    idx.setUint32(i * 16 + 4, pos + size, true);
  }
  return { indexes, messages };
}

async function main(): Promise<void> {
  const wasm = await instantiateCoreWasm();
  const hasher = await createXXHash3();
  const rows: Row[] = [];
  let sink = 0n;

  for (const length of [64, 1024, 65_536]) {
    const input = randomBytes(length, length);
    const batch = Math.max(1, Math.floor(2_000_000 / length));
    const label = length >= 1024 ? `${length / 1024} KB` : `${length} B`;
    const impls: Impl[] = [
      { impl: 'wasm', batch, op: () => void (sink ^= wasm.xxh3_64(input)) },
      { impl: 'ts', batch, op: () => void (sink ^= coreTs.xxh3_64(input)) },
      {
        impl: 'hash-wasm',
        batch,
        op: () => {
          hasher.init();
          hasher.update(input);
          sink ^= BigInt((hasher.digest('binary') as Uint8Array)[0] as number);
        },
      },
    ];
    measure(impls).forEach(({ median, best }, n) => {
      rows.push({
        case: `xxh3_64 ${label}`,
        impl: (impls[n] as Impl).impl,
        opsPerSec: median,
        bestOpsPerSec: best,
        mbPerSec: (median * length) / 1e6,
        bytesPerOp: length,
      });
    });
  }

  const COUNT = 1000;
  const limits: BatchLimits = { messagePayloadBytesMax: 64_000_000, userHeadersBytesMax: 100_000, messagesCountMax: 100_000 };
  const template = sendBatch(COUNT, 1024);
  const COPIES = 16;
  const copies = Array.from({ length: COPIES }, () => template.messages.slice());
  const indexOut = new Uint8Array(COUNT * 16);
  let round = 0n;
  // The server's path: the socket reads a batch into the WASM core's own memory
  // (Core.hostMemory, partition/payload_pool.ts), which validates and stamps
  // it there. 'wasm (copies in/out)' is a batch in ordinary memory.
  const inPlace = Array.from({ length: COPIES }, () => {
    const copy = wasm.hostMemory(template.messages.length);
    if (copy === null) throw new Error('the WASM core lends no memory');
    return copy;
  });
  const stampImpls: Impl[] = ([
    ['wasm (in place)', wasm, inPlace],
    ['wasm (copies in/out)', wasm, copies],
    ['ts', coreTs, copies],
  ] as [string, Core, Uint8Array[]][]).map(([impl, core, buffers]) => {
    let next = 0;
    const params: StampParams = {
      baseOffset: 0n,
      timestampUs: 1_750_000_000_000_000n,
      segmentStartOffset: 0n,
      positionBase: 0,
      idSeedLo: 0x1234n,
      idSeedHi: 0x5678n,
    };
    return {
      impl,
      batch: COPIES,
      op: (): void => {
        const messages = buffers[next++] as Uint8Array;
        const code = core.validateBatch(template.indexes, messages, COUNT, limits);
        if (code !== 0) throw new Error(`bench batch invalid: ${code}`);
        params.idSeedLo = ++round;
        core.stampBatch(messages, COUNT, params, indexOut);
      },
      // Fresh (id 0) copies for every op: restoring them is untimed.
      before: (): void => {
        for (const copy of buffers) copy.set(template.messages);
        next = 0;
      },
    };
  });
  const bytes = template.messages.length;
  measure(stampImpls).forEach(({ median, best }, n) => {
    rows.push({
      case: 'validate+stamp 1000 × 1 KB',
      impl: (stampImpls[n] as Impl).impl,
      opsPerSec: median,
      bestOpsPerSec: best,
      mbPerSec: (median * bytes) / 1e6,
      bytesPerOp: bytes,
    });
  });

  const byCase = new Map<string, Row[]>();
  for (const row of rows) byCase.set(row.case, [...(byCase.get(row.case) ?? []), row]);
  const ratios: Record<string, Record<string, number>> = {};
  console.log(`core bench (node ${process.version}, ${cpus()[0]?.model ?? 'cpu'}; ~${TIME_PER_CASE_MS} ms per impl and case)`);
  console.log('median of 15 interleaved rounds; best round in brackets');
  console.log('case                         impl                   ops/s          MB/s   vs ts        (best ops/s)');
  for (const [name, group] of byCase) {
    const ts = group.find((r) => r.impl === 'ts') as Row;
    ratios[name] = {};
    for (const row of group) {
      const ratio = row.opsPerSec / ts.opsPerSec;
      (ratios[name] as Record<string, number>)[row.impl] = Number(ratio.toFixed(2));
      console.log(
        `${name.padEnd(28)} ${row.impl.padEnd(20)} ${row.opsPerSec.toFixed(0).padStart(11)} ${row.mbPerSec.toFixed(1).padStart(12)} ${ratio.toFixed(2).padStart(6)}x ${`(${row.bestOpsPerSec.toFixed(0)})`.padStart(14)}`,
      );
    }
  }

  const root = dirname(dirname(defaultWasmPath()));
  const dir = join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = join(dir, `core-${stamp}.json`);
  writeFileSync(
    file,
    JSON.stringify({ node: process.version, cpu: cpus()[0]?.model, timePerCaseMs: TIME_PER_CASE_MS, rows, ratios }, null, 2) + '\n',
  );
  console.log(`wrote ${file}${sink === -1n ? '' : ''}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
