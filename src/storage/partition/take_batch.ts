// The append path's one copy and its stamping: a validated SendMessages batch
// leaves the request frame for pooled memory the partition owns, minus
// duplicates when deduplication is on, and is stamped there in place (offsets,
// timestamp, ids from random seeds, checksums, the segment's index entries).
import { randomFillSync } from 'node:crypto';
import { assert } from '../../assert.js';
import type { Core, DedupSet } from '../../core/core.js';
import { messageSizeBytesAt } from '../../protocol/layout.js';
import type { Segment } from '../segment/segment.js';
import type { IncomingBatch } from '../types.js';
import type { Batch } from './journal.js';
import type { PayloadPool } from './payload_pool.js';
import type { Slab, SlabPool } from './slab_pool.js';

export interface TakenBatch {
  readonly bytes: Buffer;
  readonly slab: Slab | null;
  readonly count: number;
}

/**
 * Random seeds for the ids of messages sent with id 0, 128 bits per batch,
 * drawn from the CSPRNG 256 batches at a time: one randomFillSync call per
 * batch cost more than stamping a 100-message batch.
 */
const seeds = new BigUint64Array(2 * 256);
let seedsUsed = seeds.length;

function nextSeed(): { lo: bigint; hi: bigint } {
  if (seedsUsed === seeds.length) {
    randomFillSync(seeds);
    seedsUsed = 0;
  }
  const lo = seeds[seedsUsed]!;
  const hi = seeds[seedsUsed + 1]!;
  seedsUsed += 2;
  return { lo, hi };
}

/**
 * Dedup, then the one copy out of the request frame, into pooled memory; a
 * batch without duplicates that was read into a payload buffer of the pool
 * (payload_pool.ts) is kept where it is, no copy at all.
 * null = every message was a duplicate.
 */
export function takeBatch(batch: IncomingBatch, timestampUs: bigint, dedup: DedupSet | null, pools: { slabs: SlabPool; payloads: PayloadPool }): TakenBatch | null {
  const { messages, count } = batch;
  const { slabs, payloads } = pools;
  if (dedup === null) {
    const home = payloads.adopt(messages);
    if (home !== null) return { bytes: toBuffer(messages), slab: home, count };
    const { bytes, slab } = slabs.take(messages.length);
    bytes.set(messages);
    return { bytes, slab, count };
  }
  const flags = new Uint8Array(count);
  const duplicates = dedup.checkBatch(messages, count, timestampUs, flags);
  if (duplicates === 0) {
    const home = payloads.adopt(messages);
    if (home !== null) return { bytes: toBuffer(messages), slab: home, count };
    const { bytes, slab } = slabs.take(messages.length);
    bytes.set(messages);
    return { bytes, slab, count };
  }
  if (duplicates === count) return null;
  const view = new DataView(messages.buffer, messages.byteOffset, messages.byteLength);
  let keptBytes = 0;
  for (let i = 0, position = 0; i < count; i += 1) {
    const size = messageSizeBytesAt(view, position);
    if (flags[i] === 0) keptBytes += size;
    position += size;
  }
  const { bytes, slab } = slabs.take(keptBytes);
  // Kept messages are copied in runs (one copy per run of non-duplicates, no per-message garbage).
  let at = 0;
  let runStart = -1;
  let position = 0;
  for (let i = 0; i <= count; i += 1) {
    const kept = i < count && flags[i] === 0;
    if (kept && runStart < 0) runStart = position;
    if (!kept && runStart >= 0) {
      bytes.set(messages.subarray(runStart, position), at);
      at += position - runStart;
      runStart = -1;
    }
    if (i < count) position += messageSizeBytesAt(view, position);
  }
  assert(at === keptBytes, 'deduplicated batch size');
  return { bytes, slab, count: count - duplicates };
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Stamps a taken batch in place as the next append to `segment`, reserving and filling its index entries. */
export function stampBatch(core: Core, segment: Segment, taken: TakenBatch, baseOffset: bigint, timestampUs: bigint, onEvict: () => void): Batch {
  const { bytes, count, slab } = taken;
  const seed = nextSeed();
  const positionBase = segment.sizeBytes;
  const indexOut = segment.reserveIndex(count);
  const stamp = { baseOffset, timestampUs, segmentStartOffset: segment.startOffset, positionBase, idSeedLo: seed.lo, idSeedHi: seed.hi };
  const batchBytes = core.stampBatch(bytes, count, stamp, indexOut);
  assert(batchBytes === bytes.length, 'stamped batch size differs from its bytes');
  segment.commitAppend(count, batchBytes);
  const index = new DataView(indexOut.buffer, indexOut.byteOffset, indexOut.byteLength);
  return { segment, index, baseOffset, count, bytes, positionBase, slab, saved: false, cached: false, onEvict };
}
