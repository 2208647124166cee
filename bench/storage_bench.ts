// Storage benchmark (npm run bench:storage, after npm run build). In one run,
// in-process, no network:
//   append  BATCHES × MESSAGES messages of PAYLOAD bytes as the server does:
//           each copied once into a Storage.payloadBuffer (where the socket
//           reads it), then Storage.appendMessages in place (validate,
//           stamp, checksum, journal, write)
//           and, beside it, a raw FileHandle write loop of the same bytes;
//   read    them back with pollMessages, one batch's worth per poll (cache
//           off, so every byte comes from the segment file and is checksum-
//           verified) beside a raw read loop of the same chunks into fresh
//           buffers;
//   both again with enforce_fsync (storage: appends resolve after fsync;
//           raw: write + fdatasync per batch).
// Same bytes, same core, same process. After one untimed warm-up round of
// each side, raw and storage passes alternate, BENCH_REPEATS times (default
// 5, with fsync too), which side goes first alternating too (so the garbage
// one pass leaves — the raw loops allocate a fresh buffer per read — is
// collected on either side's clock), and the best time of each side counts
// (the machine is shared: best-of is the least noisy estimate). No forced
// GC between passes: a full collection hands freed memory back to the OS
// and every later allocation faults it in again, which measures page
// faults, not the storage.
// Two extra rows put the numbers in context: the page-cache append against
// a raw loop that first copies each batch into a fresh buffer (the one copy
// out of the request frame the storage must make), and the read against a
// raw loop reading 1 MiB at a time — the storage reads a forward consumer's
// segment in 1 MiB blocks (partition/read_blocks.ts), so that row compares
// like with like. The load average is printed and kept with the results.
// Defaults: 1000 batches × 100 messages × 1000-byte payload (1064 B per
// message, ≈ 106 MB per pass). Override with BENCH_BATCHES, BENCH_MESSAGES, BENCH_REPEATS,
// BENCH_PAYLOAD, IGGY_CORE. Prints a table and writes JSON to
// bench/results/storage-<ISO timestamp>.json. Data goes to a temp directory
// (os.tmpdir()) that is removed afterwards.
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, type ServerConfig } from '../src/config/config.js';
import type { Core } from '../src/core/core.js';
import { coreModeFromEnv, loadCore } from '../src/core/load.js';
import { setLogLevel } from '../src/log.js';
import { CompressionAlgorithm, Identifier } from '../src/protocol/types.js';
import { READ_AHEAD_BYTES } from '../src/storage/partition/read_blocks.js';
import { openStorage } from '../src/storage/storage.js';
import type { IncomingBatch, Storage } from '../src/storage/types.js';

const BATCHES = Number(process.env.BENCH_BATCHES ?? 1000);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 100);
const PAYLOAD_BYTES = Number(process.env.BENCH_PAYLOAD ?? 1000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);
const TEMPLATES = 16;
/** The ratio the storage aims for (storage throughput / raw throughput). */
const TARGET = 0.8;
const S = Identifier.numeric;

interface Row {
  case: string;
  storageMBps: number;
  rawMBps: number;
  ratio: number;
  storageMs: number;
  rawMs: number;
  bytes: number;
}

function randomBytes(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i += 1) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
}

/** A SendMessages batch as the SDKs send it: id 0, no user headers. */
function sendBatch(seed: number): IncomingBatch {
  const size = 64 + PAYLOAD_BYTES;
  const messages = new Uint8Array(MESSAGES * size);
  const indexes = new Uint8Array(MESSAGES * 16);
  const view = new DataView(messages.buffer);
  const indexView = new DataView(indexes.buffer);
  const payload = randomBytes(PAYLOAD_BYTES, seed);
  for (let i = 0; i < MESSAGES; i += 1) {
    view.setUint32(i * size + 52, PAYLOAD_BYTES, true);
    messages.set(payload, i * size + 64);
    messages[i * size + 64] = i & 0xff;
    indexView.setUint32(i * 16 + 4, (i + 1) * size, true);
  }
  return { count: MESSAGES, indexes, messages };
}

function config(path: string, fsync: boolean): ServerConfig {
  const c = loadConfig({ env: {} });
  c.system.path = path;
  c.system.partition.enforce_fsync = fsync;
  c.system.cache.size = 0; // reads come from the segment files, as a cold consumer's would
  c.message_saver.enabled = false;
  return c;
}

/**
 * One batch the way the server appends it: its bytes land once in a buffer
 * storage lends (the socket's read, here one copy from the template), the
 * batch is appended where it landed (stamped in place in the WASM core's
 * memory), and the buffer is handed back once the request is over.
 */
async function appendAsServed(storage: Storage, template: IncomingBatch): Promise<void> {
  const buffer = storage.payloadBuffer(template.indexes.length + template.messages.length);
  buffer.set(template.indexes, 0);
  buffer.set(template.messages, template.indexes.length);
  const batch = { count: template.count, indexes: buffer.subarray(0, template.indexes.length), messages: buffer.subarray(template.indexes.length) };
  try {
    await storage.appendMessages(S(0), S(0), 0, batch);
  } finally {
    storage.returnBytes([buffer]);
  }
}

const elapsedMs = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;

async function storagePass(core: Core, dir: string, templates: IncomingBatch[], fsync: boolean): Promise<{ appendMs: number; readMs: number; bytes: number }> {
  const storage = await openStorage(config(dir, fsync), core);
  await storage.createStream('bench');
  await storage.createTopic(S(0), {
    name: 'bench', partitionsCount: 1, compression: CompressionAlgorithm.None, messageExpiryUs: 0n, maxTopicSizeBytes: 0n, replicationFactor: 1,
  });
  let start = process.hrtime.bigint();
  for (let b = 0; b < BATCHES; b += 1) await appendAsServed(storage, templates[b % TEMPLATES]!);
  await storage.flushUnsavedBuffer(S(0), S(0), 0, fsync);
  const appendMs = elapsedMs(start);
  const bytes = Number(storage.listPartitions(S(0), S(0))[0]!.sizeBytes);

  start = process.hrtime.bigint();
  let offset = 0n;
  let readBytes = 0;
  const partition = storage.partitionReader(S(0), S(0), 0);
  for (;;) {
    const result = await partition.read(offset, MESSAGES);
    if (result.count === 0) break;
    for (const chunk of result.chunks) readBytes += chunk.length;
    offset = result.lastOffset + 1n;
  }
  const readMs = elapsedMs(start);
  if (readBytes !== bytes) throw new Error(`read back ${readBytes} of ${bytes} bytes`);
  await storage.close();
  return { appendMs, readMs, bytes };
}

/**
 * `copy`: each batch is first copied into a fresh buffer, as the storage must copy it out of the request frame.
 * `readChunkBytes`: read back in chunks of this size (default: one batch).
 */
async function rawPass(
  dir: string,
  templates: IncomingBatch[],
  fsync: boolean,
  copy = false,
  readChunkBytes = templates[0]!.messages.length,
): Promise<{ appendMs: number; readMs: number; bytes: number }> {
  const path = join(dir, 'raw.log');
  const handle = await open(path, 'w+');
  let start = process.hrtime.bigint();
  let position = 0;
  for (let b = 0; b < BATCHES; b += 1) {
    const template = templates[b % TEMPLATES]!.messages;
    const bytes = copy ? Buffer.from(template) : template;
    await handle.write(bytes, 0, bytes.length, position);
    if (fsync) await handle.datasync();
    position += bytes.length;
  }
  const appendMs = elapsedMs(start);
  const chunkBytes = readChunkBytes;
  start = process.hrtime.bigint();
  let readBytes = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(chunkBytes);
    const { bytesRead } = await handle.read(chunk, 0, chunkBytes, readBytes);
    if (bytesRead === 0) break;
    readBytes += bytesRead;
  }
  const readMs = elapsedMs(start);
  await handle.close();
  if (readBytes !== position) throw new Error(`raw read back ${readBytes} of ${position} bytes`);
  return { appendMs, readMs, bytes: position };
}

async function main(): Promise<void> {
  setLogLevel('warn');
  const core = await loadCore(coreModeFromEnv());
  const templates = Array.from({ length: TEMPLATES }, (_, i) => sendBatch(i + 1));
  const rows: Row[] = [];
  const row = (name: string, storageMs: number, rawMs: number, bytes: number): Row => {
    const storageMBps = bytes / 1e6 / (storageMs / 1000);
    const rawMBps = bytes / 1e6 / (rawMs / 1000);
    return { case: name, storageMBps, rawMBps, ratio: storageMBps / rawMBps, storageMs, rawMs, bytes };
  };
  const loadBefore = loadavg();
  const runs: Record<string, unknown> = {};
  for (const fsync of [false, true]) {
    const dir = await mkdtemp(join(tmpdir(), 'iggy-storage-bench-'));
    try {
      // Raw and storage alternate, REPEATS times each, and the best time of
      // each side counts: load from other processes and page-cache state
      // then favour neither side, and JIT warm-up is paid once.
      const repeats = REPEATS;
      const raws: { appendMs: number; readMs: number }[] = [];
      const rawCopies: { appendMs: number; readMs: number }[] = [];
      const stores: { appendMs: number; readMs: number; bytes: number }[] = [];
      if (!fsync) {
        // One untimed round of each side first: the first passes ran 2-4x slower on
        // both sides (JIT tiers, first-touch memory) and a long-running server is past that.
        await rawPass(dir, templates, fsync, true, READ_AHEAD_BYTES);
        await rm(join(dir, 'raw.log'));
        await storagePass(core, join(dir, 'warm-up'), templates, fsync);
        await rm(join(dir, 'warm-up'), { recursive: true });
      }
      for (let r = 0; r < repeats; r += 1) {
        const storageSide = async (): Promise<void> => {
          stores.push(await storagePass(core, join(dir, `s${r}`), templates, fsync));
          await rm(join(dir, `s${r}`), { recursive: true });
        };
        if (r % 2 === 1) await storageSide();
        raws.push(await rawPass(dir, templates, fsync));
        await rm(join(dir, 'raw.log'));
        if (!fsync) {
          // Copies on append, reads back 1 MiB at a time (the two context rows).
          rawCopies.push(await rawPass(dir, templates, fsync, true, READ_AHEAD_BYTES));
          await rm(join(dir, 'raw.log'));
        }
        if (r % 2 === 0) await storageSide();
      }
      const label = fsync ? 'enforce_fsync' : 'page cache';
      const best = (values: number[]): number => Math.min(...values);
      const bytes = stores[0]!.bytes;
      rows.push(row(`append (${label})`, best(stores.map((p) => p.appendMs)), best(raws.map((p) => p.appendMs)), bytes));
      if (!fsync) rows.push(row(`append vs raw+1 copy`, best(stores.map((p) => p.appendMs)), best(rawCopies.map((p) => p.appendMs)), bytes));
      rows.push(row(`read (${label})`, best(stores.map((p) => p.readMs)), best(raws.map((p) => p.readMs)), bytes));
      if (!fsync) rows.push(row(`read vs raw 1 MiB reads`, best(stores.map((p) => p.readMs)), best(rawCopies.map((p) => p.readMs)), bytes));
      runs[label] = { storage: stores, raw: raws, ...(fsync ? {} : { rawCopyAnd1MiBReads: rawCopies }) };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  const loadAfter = loadavg();
  const load = (l: number[]): string => l.map((x) => x.toFixed(2)).join(' ');
  console.log(`storage bench: ${BATCHES} batches × ${MESSAGES} messages × ${PAYLOAD_BYTES} B payload (${64 + PAYLOAD_BYTES} B/message), core ${core.kind}`);
  console.log(`best of ${REPEATS} interleaved passes per side and phase; load average ${load(loadBefore)} before, ${load(loadAfter)} after`);
  console.log(`ratio = storage MB/s ÷ raw MB/s (target ≥ ${TARGET.toFixed(2)} on the four main rows)`);
  console.log('case                      storage MB/s    raw MB/s   ratio   storage ms    raw ms');
  for (const r of rows) {
    const context = r.case.includes(' vs ');
    const mark = context ? '  (context)' : r.ratio >= TARGET ? '  ok' : '  below target';
    console.log(
      `${r.case.padEnd(24)} ${r.storageMBps.toFixed(1).padStart(13)} ${r.rawMBps.toFixed(1).padStart(11)} ${r.ratio.toFixed(2).padStart(7)} ${r.storageMs.toFixed(0).padStart(12)} ${r.rawMs.toFixed(0).padStart(9)}${mark}`,
    );
  }
  const here = dirname(fileURLToPath(import.meta.url));
  // dist/bench/storage_bench.js → <repo>/bench/results
  const resultsDir = join(here, '..', '..', 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `storage-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(
    file,
    JSON.stringify(
      {
        node: process.version,
        cpu: cpus()[0]?.model ?? 'unknown',
        cpus: cpus().length,
        loadAverage: { before: loadBefore, after: loadAfter },
        core: core.kind,
        batches: BATCHES,
        messagesPerBatch: MESSAGES,
        payloadBytes: PAYLOAD_BYTES,
        repeats: REPEATS,
        rows,
        runs,
      },
      null,
      2,
    ),
  );
  console.log(`wrote ${file}`);
}

await main();
