// The journal: stamped batches not yet written to their segment files, in
// append order, and the write that groups them per segment (one positional
// write of many buffers each). It runs only on the partition's write queue.
import { INDEX_ENTRY_BYTES, IndexEntryOffset } from '../../protocol/layout.js';
import type { Segment } from '../segment/segment.js';
import type { IndexCache } from './index_cache.js';
import type { CachedBatch, MessageCache } from './message_cache.js';
import type { Slab } from './slab_pool.js';

/** A stamped batch held in memory (the journal, the memory window, the cache). */
export interface Batch extends CachedBatch {
  readonly segment: Segment;
  /** The batch's own index entries (a view kept from stamping), so slicing it never needs the segment's index. */
  readonly index: DataView;
  /** Position of the batch's first message in its segment's .log. */
  readonly positionBase: number;
  /** Where `bytes` live; released to the pool when the batch leaves memory. */
  readonly slab: Slab | null;
  saved: boolean;
}

/** End position (in the segment's .log) of the batch's `entry`-th message. */
export function batchEndPosition(batch: Batch, entry: number): number {
  return batch.index.getUint32(entry * INDEX_ENTRY_BYTES + IndexEntryOffset.endPosition, true);
}

export interface JournalSinks {
  readonly cache: MessageCache;
  readonly indexes: IndexCache;
  readonly counters: { writtenBytes: number };
}

export class Journal {
  #batches: Batch[] = [];
  #count = 0;
  #bytes = 0;

  get count(): number {
    return this.#count;
  }

  get bytes(): number {
    return this.#bytes;
  }

  push(batch: Batch): void {
    this.#batches.push(batch);
    this.#count += batch.count;
    this.#bytes += batch.bytes.length;
  }

  clear(): void {
    this.#batches = [];
    this.#count = 0;
    this.#bytes = 0;
  }

  /** Forgets a removed segment's batches (retention runs on the write queue: none is being written). */
  dropSegment(segment: Segment): void {
    this.#batches = this.#batches.filter((batch) => batch.segment !== segment);
    this.#count = this.#batches.reduce((sum, batch) => sum + batch.count, 0);
    this.#bytes = this.#batches.reduce((sum, batch) => sum + batch.bytes.length, 0);
  }

  /**
   * Writes every journaled batch to its segment, grouped per segment; with
   * `deferIndex` the active segment's index waits (Segment.write). On a failure
   * what was not written goes back to the front of the journal, ahead of newer
   * batches, and the error propagates.
   */
  async write(sinks: JournalSinks, deferIndex: boolean): Promise<void> {
    const batches = this.#batches;
    this.clear();
    let done = 0;
    try {
      while (done < batches.length) done = await writeRun(batches, done, sinks, deferIndex);
    } catch (error) {
      const rest = batches.slice(done);
      const newer = this.#batches;
      this.clear();
      for (const batch of [...rest, ...newer]) this.push(batch);
      throw error;
    }
  }
}

/** Writes the run of batches from `first` that share one segment; returns where the next run starts. */
async function writeRun(batches: Batch[], first: number, sinks: JournalSinks, deferIndex: boolean): Promise<number> {
  const segment = batches[first]!.segment;
  let end = first;
  let bytes = 0;
  let count = 0;
  const buffers: Uint8Array[] = [];
  while (end < batches.length && batches[end]!.segment === segment) {
    buffers.push(batches[end]!.bytes);
    bytes += batches[end]!.bytes.length;
    count += batches[end]!.count;
    end += 1;
  }
  if (!segment.deleted) {
    // enforce_fsync appends defer the active segment's index (Segment.write); a sealed one gets it whole.
    await segment.write(buffers, count, bytes, deferIndex && !segment.sealed);
    sinks.counters.writtenBytes += bytes;
  }
  for (let i = first; i < end; i += 1) {
    const batch = batches[i]!;
    batch.saved = true;
    if (!segment.deleted) sinks.cache.add(batch);
  }
  sinks.indexes.releaseIfIdle(segment);
  return end;
}
