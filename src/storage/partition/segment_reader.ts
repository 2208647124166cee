// The disk half of a poll: messages of a segment file served from the shared
// read blocks (read_blocks.ts), reading a new block, with read-ahead, when
// none holds them. Bytes from disk are checksum-verified before anyone sees
// them.
import type { Core } from '../../core/core.js';
import { IggyError } from '../../errors/iggy_error.js';
import type { Segment } from '../segment/segment.js';
import { READ_AHEAD_BYTES, type LoadedBlock, type ReadBlock, type ReadBlocks } from './read_blocks.js';

/** What a segment read needs of the partition's settings. */
export interface SegmentReadContext {
  readonly core: Core;
  readonly readBlocks: ReadBlocks;
  readonly counters: { readBytes: number };
}

/** A segment was removed (retention, purge) while being read: the partition plans the read again. */
export class SegmentGone extends Error {
  constructor() {
    super('segment removed while being read');
  }
}

/**
 * Messages [entry, entry + n) of a segment file, as parts: slices of blocks
 * read earlier (a range that runs past the end of one block continues in
 * the next), else a new block (extended past the request when it continues
 * an earlier block, see read_blocks.ts). Bytes from disk are checksum-
 * verified before anyone sees them. A part is plain bytes when its block
 * is already in memory.
 */
export function readSegment(context: SegmentReadContext, segment: Segment, entry: number, n: number, parts: (Uint8Array | Promise<Uint8Array>)[]): void {
  const blocks = context.readBlocks;
  const last = entry + n; // exclusive
  while (entry < last) {
    const from = segment.startPosition(entry);
    const to = segment.endPosition(last - 1);
    const block =
      blocks.find(segment, from, to) ?? blocks.holding(segment, from) ?? newBlock(context, segment, entry, last, blocks.endsAt(segment, from));
    if (block.ahead && block.entryEnd < segment.savedCount && !blocks.startsAt(segment, block.end)) {
      // The consumer moves forward: have the next block read while this one is served.
      newBlock(context, segment, block.entryEnd, block.entryEnd + 1, true);
    }
    const until = block.entryEnd < last ? block.entryEnd : last;
    parts.push(slice(context, segment, block, entry, until));
    entry = until;
  }
}

/** Messages [entry, until) from a block that holds them. */
function slice(context: SegmentReadContext, segment: Segment, block: ReadBlock, entry: number, until: number): Uint8Array | Promise<Uint8Array> {
  const from = segment.startPosition(entry) - block.start;
  const to = segment.endPosition(until - 1) - block.start;
  context.readBlocks.lease(block); // a slice that fails below is never returned: its buffer is never reused
  const sliceOf = (loaded: LoadedBlock): Uint8Array => {
    const bytes = loaded.bytes.subarray(from, to);
    if (!loaded.verified) {
      // Something in the block is corrupt: only polls that include it fail.
      const first = segment.startOffset + BigInt(entry);
      const code = context.core.verifyStored(bytes, until - entry, first);
      if (code !== 0) throw IggyError.fromCode(code, `segment ${segment.logPath} at offset ${first}`);
    }
    context.readBlocks.lend(block, bytes);
    return bytes;
  };
  return block.loaded !== null ? sliceOf(block.loaded) : block.load.then(sliceOf);
}

/**
 * Starts reading messages [entry, ≥ minEnd) of a segment's file as a block;
 * `ahead`: extended to whole messages up to READ_AHEAD_BYTES, never past
 * what the file holds. The segment's index must be loaded (it is pinned).
 */
function newBlock(context: SegmentReadContext, segment: Segment, entry: number, minEnd: number, ahead: boolean): ReadBlock {
  const start = segment.startPosition(entry);
  let entryEnd = minEnd;
  if (ahead) {
    let high = segment.savedCount;
    while (entryEnd < high) {
      const mid = (entryEnd + high + 1) >> 1;
      if (segment.endPosition(mid - 1) - start <= READ_AHEAD_BYTES) entryEnd = mid;
      else high = mid - 1;
    }
  }
  const end = segment.endPosition(entryEnd - 1);
  const count = entryEnd - entry;
  const firstOffset = segment.startOffset + BigInt(entry);
  const load = (async (): Promise<LoadedBlock> => {
    let bytes: Uint8Array;
    try {
      bytes = await segment.read(start, end - start, context.readBlocks.buffers.take(end - start));
    } catch (error) {
      if (segment.deleted) throw new SegmentGone();
      throw error;
    }
    if (segment.deleted) throw new SegmentGone();
    context.counters.readBytes += bytes.length;
    if (bytes.length !== end - start) throw IggyError.of('InvalidMessagesSize', `segment ${segment.logPath} is shorter than its index`);
    return { bytes, verified: context.core.verifyStored(bytes, count, firstOffset) === 0 };
  })();
  const block: ReadBlock = { segment, start, end, entryEnd, ahead, load, loaded: null, lent: 0, evicted: false };
  context.readBlocks.add(block);
  return block;
}
