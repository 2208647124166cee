// Planning a read: which byte ranges of which segment files, and which slices
// of the batches still in memory, hold `count` messages from an offset. The
// plan is made synchronously, because the memory window may move while disk
// reads are awaited; the partition then awaits the parts (partition.ts read).
import type { Segment } from '../segment/segment.js';
import type { Deque } from './deque.js';
import type { IndexCache } from './index_cache.js';
import { type Batch, batchEndPosition } from './journal.js';
import { type SegmentReadContext, readSegment } from './segment_reader.js';
import type { SlabPool } from './slab_pool.js';

/** The partition state a plan reads. */
export interface ReadWindow {
  readonly segments: readonly Segment[];
  /** Batches held in memory: a contiguous suffix of the log, ending at nextOffset. */
  readonly memory: Deque<Batch>;
  readonly nextOffset: bigint;
  readonly indexes: IndexCache;
  readonly settings: SegmentReadContext & { readonly slabs: SlabPool };
}

export type Part = Uint8Array | Promise<Uint8Array>;
export type ReadPlan = { count: number; lastOffset: bigint; parts: Part[] } | { missing: Segment };

/** Index of the last of `length` ascending start offsets at or before `offset` (0 if none). */
function lastAtOrBefore(length: number, startAt: (index: number) => bigint, offset: bigint): number {
  let low = 0;
  let high = length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (startAt(mid) <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * Segments the plan reads are pinned (their indexes stay loaded until the read
 * ends, `pinned` lists them for the caller to unpin); the first one whose index
 * is not in memory is returned as `missing` instead, to be loaded and planned again.
 */
export function planRead(window: ReadWindow, requestedStart: bigint, count: number, pinned: Segment[]): ReadPlan {
  const empty = { count: 0, lastOffset: 0n, parts: [] };
  const { segments, nextOffset } = window;
  if (count <= 0 || nextOffset === 0n) return empty;
  const firstOffset = segments[0]!.startOffset;
  const start = requestedStart < firstOffset ? firstOffset : requestedStart;
  if (start >= nextOffset) return empty;
  const remaining = nextOffset - start;
  const total = remaining < BigInt(count) ? Number(remaining) : count;
  const end = start + BigInt(total);
  const memoryStart = window.memory.first?.baseOffset ?? nextOffset;
  const parts: Part[] = [];
  const diskEnd = end < memoryStart ? end : memoryStart;
  const reached = planDisk(window, start, diskEnd, pinned, parts);
  if (typeof reached !== 'bigint') return reached;
  if (reached < end) planMemory(window, reached, end, parts);
  return { count: total, lastOffset: end - 1n, parts };
}

/** Segment ranges for [start, diskEnd); returns the offset reached, or the segment whose index is missing. */
function planDisk(window: ReadWindow, start: bigint, diskEnd: bigint, pinned: Segment[], parts: Part[]): bigint | { missing: Segment } {
  const { segments, indexes } = window;
  const reads: [Segment, number, number][] = [];
  let offset = start;
  for (let s = lastAtOrBefore(segments.length, (i) => segments[i]!.startOffset, offset); offset < diskEnd; s += 1) {
    const segment = segments[s]!;
    if (!pinned.includes(segment)) {
      indexes.pin(segment);
      pinned.push(segment);
    }
    if (!segment.indexLoaded) return { missing: segment };
    const entry = Number(offset - segment.startOffset);
    const untilOffset = segment.nextOffset < diskEnd ? segment.nextOffset : diskEnd;
    reads.push([segment, entry, Number(untilOffset - offset)]);
    offset = untilOffset;
  }
  // Only once every index is known to be loaded do the reads start.
  for (const [segment, entry, n] of reads) readSegment(window.settings, segment, entry, n, parts);
  return offset;
}

/** Slices of the batches in memory for [start, end). */
function planMemory(window: ReadWindow, start: bigint, end: bigint, parts: Part[]): void {
  const memory = window.memory;
  let offset = start;
  for (let b = lastAtOrBefore(memory.length, (i) => memory.at(i)!.baseOffset, offset); offset < end; b += 1) {
    const batch = memory.at(b)!;
    const first = Number(offset - batch.baseOffset);
    const batchEnd = batch.baseOffset + BigInt(batch.count);
    const until = batchEnd < end ? batchEnd : end;
    const last = Number(until - batch.baseOffset) - 1;
    const from = first === 0 ? 0 : batchEndPosition(batch, first - 1) - batch.positionBase;
    const to = batchEndPosition(batch, last) - batch.positionBase;
    // The view leaves the storage: its slab is not recycled before the view is returned.
    const view = batch.bytes.subarray(from, to);
    window.settings.slabs.lend(batch.slab, view);
    parts.push(view);
    offset = until;
  }
}

/** Offset of the first message with timestamp ≥ `timestampUs`, or null. */
export async function offsetAtTimestamp(window: ReadWindow, timestampUs: bigint): Promise<bigint | null> {
  for (const segment of [...window.segments]) {
    // Timestamps are kept outside the index, so only the one segment that holds the answer is loaded.
    if (segment.messagesCount === 0 || segment.lastTimestamp < timestampUs || segment.deleted) continue;
    window.indexes.pin(segment);
    try {
      await window.indexes.load(segment);
      const entry = window.settings.core.searchIndexByTimestamp(segment.indexView(), timestampUs);
      if (entry >= 0) return segment.startOffset + BigInt(entry);
    } finally {
      window.indexes.unpin(segment);
    }
  }
  return null;
}
