// Recent reads of segment files, kept as whole blocks so that a consumer
// reading on through a segment is served by one large read (and one checksum
// pass) per READ_AHEAD_BYTES instead of one read per poll.
//
// A read that starts where an earlier block ended (a consumer moving forward)
// is extended to whole messages up to READ_AHEAD_BYTES, and the block after
// it is requested at once, so the next read overlaps the checksum pass and
// the polls of this one; any other read covers just what was asked. Every block is verified once (core.verifyStored) when
// it arrives from disk; polls inside it are then slices of verified bytes. If
// that whole-block check fails, the block is kept unverified and each poll
// checks its own range, so a corrupt message fails only the polls that
// include it. Segment files are append-only and their bytes never change once
// written, so a block stays valid until its segment is deleted.
//
// Blocks are shared by every partition of a storage, least recently used
// evicted first, within BLOCKS_BYTES_MAX. Poll results are views of a block's
// memory, each one lent (lend/returned): an evicted block's buffer is
// recycled (block_buffers.ts) once every view of it came back, and never
// while one is out; a view that never comes back leaves it to the garbage
// collector.
import type { Segment } from '../segment/segment.js';

import { BlockBuffers } from './block_buffers.js';

/** How far a forward read is extended. */
export const READ_AHEAD_BYTES = 1024 * 1024;
/** All blocks together (the chunks already handed out keep their blocks alive on their own). */
const BLOCKS_BYTES_MAX = 32 * 1024 * 1024;

export interface LoadedBlock {
  readonly bytes: Uint8Array;
  /** The whole block passed core.verifyStored. */
  readonly verified: boolean;
}

export interface ReadBlock {
  readonly segment: Segment;
  /** Byte range [start, end) of the segment's .log. */
  readonly start: number;
  readonly end: number;
  /** Index entry of the first message after the block. */
  readonly entryEnd: number;
  /** A read-ahead block: polls served from it prefetch the block after it. */
  readonly ahead: boolean;
  /** Resolves once read and checked; rejects when the read failed (the block is then forgotten). */
  readonly load: Promise<LoadedBlock>;
  /** Set once `load` resolved: polls inside the block are answered synchronously. */
  loaded: LoadedBlock | null;
  /** Slices lent out (or promised) and not returned. */
  lent: number;
  /** Left the list: its buffer goes back to the pool once nothing is lent. */
  evicted: boolean;
}

export class ReadBlocks {
  /** Least recently used first. */
  #blocks: ReadBlock[] = [];
  #bytes = 0;
  readonly buffers: BlockBuffers;
  /** Slices lent out, to the block they are of. */
  readonly #lent = new WeakMap<Uint8Array, ReadBlock>();

  constructor(buffers = new BlockBuffers()) {
    this.buffers = buffers;
  }

  /** A slice of `block` will be handed out: its buffer stays until returned() (or forever). */
  lease(block: ReadBlock): void {
    block.lent += 1;
  }

  /** The leased slice is `view`: returned(view) gives it back. */
  lend(block: ReadBlock, view: Uint8Array): void {
    this.#lent.set(view, block);
  }

  /** Nobody reads `view` any more (its reply was sent). Views not lent by us are ignored. */
  returned(view: Uint8Array): void {
    const block = this.#lent.get(view);
    if (block === undefined) return;
    this.#lent.delete(view);
    block.lent -= 1;
    this.#recycleIfFree(block);
  }

  #recycleIfFree(block: ReadBlock): void {
    if (!block.evicted || block.lent > 0 || block.loaded === null) return;
    const bytes = block.loaded.bytes;
    block.loaded = null; // the block is unreachable from the list; nothing may read it again
    this.buffers.recycle(bytes);
  }

  /** The block holding [start, end) of `segment`'s log, if any (and marks it used). */
  find(segment: Segment, start: number, end: number): ReadBlock | undefined {
    const blocks = this.#blocks;
    for (let i = blocks.length - 1; i >= 0; i -= 1) {
      const block = blocks[i]!;
      if (block.segment !== segment || block.start > start || block.end < end) continue;
      if (i !== blocks.length - 1) {
        blocks.splice(i, 1);
        blocks.push(block);
      }
      return block;
    }
    return undefined;
  }

  /** A block of `segment` holding the byte at `position`, if any (and marks it used). */
  holding(segment: Segment, position: number): ReadBlock | undefined {
    return this.find(segment, position, position + 1);
  }

  /** Whether some block of `segment` ends at `position` (a read from there moves forward). */
  endsAt(segment: Segment, position: number): boolean {
    for (const block of this.#blocks) if (block.segment === segment && block.end === position) return true;
    return false;
  }

  /** Whether some block of `segment` starts at `position` (the block after one is already there). */
  startsAt(segment: Segment, position: number): boolean {
    for (const block of this.#blocks) if (block.segment === segment && block.start === position) return true;
    return false;
  }

  add(block: ReadBlock): void {
    this.#blocks.push(block);
    this.#bytes += block.end - block.start;
    while (this.#bytes > BLOCKS_BYTES_MAX && this.#blocks.length > 1) this.#remove(0);
    block.load.then(
      (loaded) => {
        block.loaded = loaded;
        this.#recycleIfFree(block);
      },
      () => this.forget(block),
    );
  }

  forget(block: ReadBlock): void {
    const i = this.#blocks.indexOf(block);
    if (i >= 0) this.#remove(i);
  }

  /** Drops every block of a segment that went away (retention, purge, deletion). */
  forgetSegment(segment: Segment): void {
    for (let i = this.#blocks.length - 1; i >= 0; i -= 1) if (this.#blocks[i]!.segment === segment) this.#remove(i);
  }

  get bytes(): number {
    return this.#bytes;
  }

  #remove(i: number): void {
    const [block] = this.#blocks.splice(i, 1);
    this.#bytes -= block!.end - block!.start;
    block!.evicted = true;
    this.#recycleIfFree(block!);
  }
}
