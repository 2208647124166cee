// A partition: an ordered log of segments, the journal of batches not yet
// written, a window of recent batches in memory, consumer offsets and the
// optional deduplication set (STORAGE.md §1–3).
//
// Appends are stamped synchronously, in call order, into the active segment's
// in-memory index and the journal, so offsets are contiguous and a batch is
// visible to polls the moment appendMessages accepts it. Every file operation
// of the partition (journal writes, fsync, segment creation and deletion,
// purge) runs on one SerialQueue, so they never interleave and never block
// another partition. Consumer-offset files have their own queue, so auto-commit
// does not wait behind message fsyncs.
import { assert } from '../../assert.js';
import type { BatchLimits, Core, DedupSet } from '../../core/core.js';
import { IggyError } from '../../errors/iggy_error.js';
import { log } from '../../log.js';
import { INDEX_ENTRY_BYTES, IndexEntryOffset } from '../../protocol/layout.js';
import { nowUs } from '../clock.js';
import { recoverSegments } from '../recovery/recover_segments.js';
import { SEGMENT_BYTES_MAX, Segment } from '../segment/segment.js';
import { SerialQueue } from '../serial_queue.js';
import type { ConsumerKey, IncomingBatch, PartitionInfo, PartitionReader, ReadResult } from '../types.js';
import { ConsumerOffsets } from './consumer_offsets.js';
import { Deque } from './deque.js';
import type { CachedBatch, MessageCache } from './message_cache.js';
import { nextSeed, takeBatch } from './take_batch.js';
import type { ReadBlocks } from './read_blocks.js';
import { SegmentGone, readSegment } from './segment_reader.js';
import type { Slab, SlabPool } from './slab_pool.js';

/** Settings shared by every partition of one storage. */
export interface PartitionSettings {
  readonly core: Core;
  readonly cache: MessageCache;
  /** Memory for stamped batches, shared by every partition. */
  readonly slabs: SlabPool;
  /** Recent segment reads, shared by every partition (read_blocks.ts). */
  readonly readBlocks: ReadBlocks;
  readonly segmentSizeBytes: number;
  readonly messagesRequiredToSave: number;
  readonly sizeOfMessagesRequiredToSave: number;
  readonly enforceFsync: boolean;
  readonly validateChecksum: boolean;
  /** Which segments keep their index in memory: all, or only the active one (sealed ones load on demand). */
  readonly cacheIndexes: 'all' | 'open_segment' | 'none';
  readonly batchLimits: BatchLimits;
  readonly dedup: { maxEntries: number; expiryUs: bigint } | null;
  readonly counters: { readBytes: number; writtenBytes: number };
}

interface Batch extends CachedBatch {
  readonly segment: Segment;
  /** The batch's own index entries (a view kept from stamping), so slicing it never needs the segment's index. */
  readonly index: DataView;
  /** Position of the batch's first message in its segment's .log. */
  readonly positionBase: number;
  /** Where `bytes` live; released to the pool when the batch leaves memory (see #release). */
  readonly slab: Slab | null;
  saved: boolean;
}

/** Sealed segments whose index stays loaded after a read (cache_indexes = open_segment). */
const LOADED_SEALED_INDEXES_MAX = 4;

function batchEndPosition(batch: Batch, entry: number): number {
  return batch.index.getUint32(entry * INDEX_ENTRY_BYTES + IndexEntryOffset.endPosition, true);
}

export class Partition implements PartitionReader {
  readonly id: number;
  readonly directory: string;
  readonly createdAtUs: bigint;
  readonly #settings: PartitionSettings;
  #segments: Segment[] = [];
  #nextOffset = 0n;
  #lastTimestampUs = 0n;
  /** Batches held in memory: a contiguous suffix of the log, ending at #nextOffset. */
  #memory = new Deque<Batch>();
  #unsaved: Batch[] = [];
  #unsavedCount = 0;
  #unsavedBytes = 0;
  readonly #writes = new SerialQueue();
  readonly #offsets: ConsumerOffsets;
  #dedup: DedupSet | null = null;
  #deleted = false;
  /** Segments in use by in-flight reads: their indexes are not released. */
  readonly #pins = new Map<Segment, number>();
  /** Sealed segments with a loaded index, least recently used first. */
  readonly #loadedSealed = new Set<Segment>();

  private constructor(directory: string, id: number, createdAtUs: bigint, settings: PartitionSettings) {
    this.directory = directory;
    this.id = id;
    this.createdAtUs = createdAtUs;
    this.#settings = settings;
    this.#offsets = new ConsumerOffsets(directory, settings.enforceFsync);
    if (settings.dedup !== null) this.#dedup = settings.core.createDedupSet(settings.dedup.maxEntries, settings.dedup.expiryUs);
  }

  /** A new partition: its directories and an empty first segment (STORAGE.md §1). */
  static async create(directory: string, id: number, createdAtUs: bigint, settings: PartitionSettings): Promise<Partition> {
    const partition = new Partition(directory, id, createdAtUs, settings);
    await partition.#offsets.makeDirectories();
    const first = new Segment(directory, 0n);
    partition.#segments = [first];
    await first.ensureFiles();
    return partition;
  }

  /** An existing partition: recovers its segments and loads its stored offsets. */
  static async load(directory: string, id: number, createdAtUs: bigint, settings: PartitionSettings, cleanShutdown: boolean): Promise<Partition> {
    const partition = new Partition(directory, id, createdAtUs, settings);
    await partition.#offsets.makeDirectories();
    const segments = await recoverSegments(directory, settings.core, { verifyAll: settings.validateChecksum, verifyTail: !cleanShutdown });
    if (segments.length === 0) {
      const first = new Segment(directory, 0n);
      await first.ensureFiles();
      segments.push(first);
    }
    partition.#segments = segments;
    const last = segments[segments.length - 1]!;
    partition.#nextOffset = last.nextOffset;
    partition.#lastTimestampUs = last.lastTimestamp;
    for (const segment of segments.slice(0, -1)) {
      segment.sealed = true;
      if (settings.cacheIndexes !== 'all') segment.releaseIndex();
    }
    await partition.#offsets.load();
    return partition;
  }

  // ---- state -------------------------------------------------------------

  get deleted(): boolean {
    return this.#deleted;
  }

  get hasMessages(): boolean {
    return this.#nextOffset > 0n;
  }

  /** Offset of the last message; 0n when the partition never held one. */
  get currentOffset(): bigint {
    return this.#nextOffset > 0n ? this.#nextOffset - 1n : 0n;
  }

  get firstOffset(): bigint {
    return this.#segments[0]!.startOffset;
  }

  get segments(): readonly Segment[] {
    return this.#segments;
  }

  get messagesCount(): bigint {
    let count = 0;
    for (const segment of this.#segments) count += segment.messagesCount;
    return BigInt(count);
  }

  get sizeBytes(): bigint {
    let bytes = 0;
    for (const segment of this.#segments) bytes += segment.sizeBytes;
    return BigInt(bytes);
  }

  info(): PartitionInfo {
    return {
      id: this.id,
      createdAtUs: this.createdAtUs,
      segmentsCount: this.#segments.length,
      currentOffset: this.currentOffset,
      sizeBytes: this.sizeBytes,
      messagesCount: this.messagesCount,
    };
  }

  get #active(): Segment {
    return this.#segments[this.#segments.length - 1]!;
  }

  // ---- append ------------------------------------------------------------

  /**
   * Appends a validated batch. Duplicates (when deduplication is on) are
   * dropped first so offsets stay contiguous; the rest is copied once into a
   * buffer the partition owns, stamped and journaled. Resolves at once unless
   * the batch triggered a write (thresholds, roll-over) or enforce_fsync is on,
   * in which case it resolves after the write (and fsync).
   */
  append(batch: IncomingBatch): Promise<void> {
    assert(!this.#deleted, 'append to a deleted partition');
    const settings = this.#settings;
    // Timestamps never go backwards within a partition: index search relies on it.
    const now = nowUs();
    const timestampUs = now > this.#lastTimestampUs ? now : this.#lastTimestampUs;
    const owned = takeBatch(batch, timestampUs, this.#dedup, settings.slabs);
    if (owned === null) return Promise.resolve();
    const { bytes, count, slab } = owned;

    if (this.#active.sizeBytes > 0 && this.#active.sizeBytes + bytes.length > SEGMENT_BYTES_MAX) this.#roll();
    const segment = this.#active;
    const seed = nextSeed();
    const positionBase = segment.sizeBytes;
    const indexOut = segment.reserveIndex(count);
    const batchBytes = settings.core.stampBatch(
      bytes,
      count,
      {
        baseOffset: this.#nextOffset,
        timestampUs,
        segmentStartOffset: segment.startOffset,
        positionBase,
        idSeedLo: seed.lo,
        idSeedHi: seed.hi,
      },
      indexOut,
    );
    assert(batchBytes === bytes.length, 'stamped batch size differs from its bytes');
    segment.commitAppend(count, batchBytes);
    const stamped: Batch = {
      segment,
      index: new DataView(indexOut.buffer, indexOut.byteOffset, indexOut.byteLength),
      baseOffset: this.#nextOffset,
      count,
      bytes,
      positionBase,
      slab,
      saved: false,
      cached: false,
      onEvict: () => this.#trimMemory(),
    };
    this.#nextOffset += BigInt(count);
    this.#lastTimestampUs = timestampUs;
    this.#memory.push(stamped);
    this.#unsaved.push(stamped);
    this.#unsavedCount += count;
    this.#unsavedBytes += batchBytes;

    let write =
      settings.enforceFsync ||
      this.#unsavedCount >= settings.messagesRequiredToSave ||
      this.#unsavedBytes >= settings.sizeOfMessagesRequiredToSave;
    if (segment.sizeBytes >= settings.segmentSizeBytes) {
      this.#roll();
      write = true;
    }
    return write ? this.flush(settings.enforceFsync ? 'log' : 'none') : Promise.resolve();
  }

  /** Seals the active segment and starts a new one at the next offset; its files are made in the queue. */
  #roll(): void {
    const sealed = this.#active;
    sealed.sealed = true;
    const next = new Segment(this.directory, this.#nextOffset);
    this.#segments.push(next);
    // Awaited by the append that caused the roll (its own flush queues behind this one).
    void this.flush(this.#settings.enforceFsync ? 'all' : 'none').catch((error: unknown) => {
      log.error({ segment: sealed.logPath, error }, 'cannot write a sealed segment; the journal keeps its batches');
    });
    void this.#writes.run(() => next.ensureFiles()).catch((error: unknown) => {
      log.error({ segment: next.logPath, error }, 'cannot create segment files');
    });
  }

  /**
   * Writes the journal to the segment files in queue order, then fsyncs:
   * 'all' both files of every written segment, 'log' only the .log files
   * (enough for durability, see Segment.sync), 'none' nothing.
   */
  flush(fsync: 'none' | 'log' | 'all'): Promise<void> {
    return this.#writes.run(() => this.#flushStep(fsync));
  }

  async #flushStep(fsync: 'none' | 'log' | 'all'): Promise<void> {
    if (this.#deleted) return;
    const batches = this.#unsaved;
    this.#unsaved = [];
    this.#unsavedCount = 0;
    this.#unsavedBytes = 0;
    let done = 0;
    try {
      while (done < batches.length) {
        const segment = batches[done]!.segment;
        let end = done;
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
          await segment.write(buffers, count, bytes, fsync === 'log' && !segment.sealed);
          this.#settings.counters.writtenBytes += bytes;
        }
        for (let i = done; i < end; i += 1) {
          const batch = batches[i]!;
          batch.saved = true;
          if (!segment.deleted) this.#settings.cache.add(batch);
        }
        done = end;
        if (segment.sealed && this.#settings.cacheIndexes !== 'all' && !this.#pins.has(segment)) segment.releaseIndex();
      }
    } catch (error) {
      // Keep what was not written for the next flush, ahead of newer batches.
      const rest = batches.slice(done);
      this.#unsaved = [...rest, ...this.#unsaved];
      for (const batch of rest) {
        this.#unsavedCount += batch.count;
        this.#unsavedBytes += batch.bytes.length;
      }
      throw error;
    } finally {
      this.#trimMemory();
    }
    if (fsync === 'none') return;
    for (const segment of this.#segments) await segment.sync(fsync === 'log');
    if (fsync === 'all' && this.#settings.cacheIndexes !== 'all') {
      // A segment sealed while its index lagged has it on disk only now.
      for (const segment of this.#segments) if (segment.sealed && segment.indexLoaded && !this.#pins.has(segment)) segment.releaseIndex();
    }
  }

  /** Drops evicted (already written) batches from the front of the memory window. */
  #trimMemory(): void {
    for (;;) {
      const first = this.#memory.first;
      if (first === undefined || first.cached || !first.saved) return;
      this.#memory.shift();
      this.#settings.slabs.release(first.slab);
    }
  }

  /**
   * A batch left the memory window and the cache for good. Its bytes go back
   * to the pool only when no write of them can be in flight: it was written
   * (`saved`), or the caller runs on the write queue. Otherwise the slab is
   * simply never recycled (the garbage collector frees it).
   */
  #release(batch: Batch, onWriteQueue: boolean): void {
    this.#settings.cache.drop(batch);
    if (batch.saved || onWriteQueue) this.#settings.slabs.release(batch.slab);
  }

  // ---- read --------------------------------------------------------------

  /** Offset of the first message with timestamp ≥ `timestampUs`, or null. */
  async offsetAtTimestamp(timestampUs: bigint): Promise<bigint | null> {
    for (const segment of [...this.#segments]) {
      // Timestamps are kept outside the index, so only the one segment that holds the answer is loaded.
      if (segment.messagesCount === 0 || segment.lastTimestamp < timestampUs || segment.deleted) continue;
      this.#pin(segment);
      try {
        await this.#loadIndex(segment);
        const entry = this.#settings.core.searchIndexByTimestamp(segment.indexView(), timestampUs);
        if (entry >= 0) return segment.startOffset + BigInt(entry);
      } finally {
        this.#unpin(segment);
      }
    }
    return null;
  }

  /**
   * Up to `count` messages from `start` (clamped to the first available), as
   * stored. `start` may be a function, evaluated when the read is planned
   * (Next polls: the stored offset as of then). With `commitFor`, that
   * consumer's offset moves to the last returned message when the read is
   * planned (so an overlapping Next poll of the same consumer starts after
   * it) and is persisted before resolving.
   */
  async read(start: bigint | (() => bigint), count: number, commitFor?: ConsumerKey): Promise<ReadResult> {
    const pinned: Segment[] = [];
    try {
      for (let attempt = 0; ; ) {
        const plan = this.#plan(typeof start === 'function' ? start() : start, count, pinned);
        if ('missing' in plan) {
          // A sealed segment's index is not in memory: load it, then plan again.
          await this.#loadIndex(plan.missing);
          continue;
        }
        const commit = commitFor !== undefined && plan.count > 0 ? commitFor : null;
        const restore = commit !== null ? this.#offsets.advance(commit, plan.lastOffset) : null;
        try {
          const chunks = await Promise.all(plan.parts);
          if (commit !== null) await this.#offsets.persist(commit);
          return { count: plan.count, chunks, lastOffset: plan.lastOffset };
        } catch (error) {
          restore?.();
          // Retention or purge removed a segment mid-read: plan again once.
          if (attempt > 0 || !(error instanceof SegmentGone)) throw error;
          attempt += 1;
        }
      }
    } finally {
      for (const segment of pinned) this.#unpin(segment);
      this.#releaseIndexes();
    }
  }

  /**
   * Plans a read synchronously (the memory window may move while disk reads
   * are awaited): byte ranges of segment files and slices of batches in
   * memory. Segments it reads are pinned (their indexes stay loaded until
   * the read ends); the first one whose index is not in memory is returned
   * as `missing` instead.
   */
  #plan(
    requestedStart: bigint,
    count: number,
    pinned: Segment[],
  ): { count: number; lastOffset: bigint; parts: (Uint8Array | Promise<Uint8Array>)[] } | { missing: Segment } {
    const empty = { count: 0, lastOffset: 0n, parts: [] };
    if (count <= 0 || this.#nextOffset === 0n) return empty;
    const start = requestedStart < this.firstOffset ? this.firstOffset : requestedStart;
    if (start >= this.#nextOffset) return empty;
    const remaining = this.#nextOffset - start;
    const total = remaining < BigInt(count) ? Number(remaining) : count;
    const end = start + BigInt(total);
    const memoryStart = this.#memory.first?.baseOffset ?? this.#nextOffset;

    const diskEnd = end < memoryStart ? end : memoryStart;
    const reads: [Segment, number, number][] = [];
    let offset = start;
    for (let s = this.#segmentIndexOf(offset); offset < diskEnd; s += 1) {
      const segment = this.#segments[s]!;
      if (!pinned.includes(segment)) {
        this.#pin(segment);
        pinned.push(segment);
      }
      if (!segment.indexLoaded) return { missing: segment };
      const entry = Number(offset - segment.startOffset);
      const untilOffset = segment.nextOffset < diskEnd ? segment.nextOffset : diskEnd;
      reads.push([segment, entry, Number(untilOffset - offset)]);
      offset = untilOffset;
    }
    const parts: (Uint8Array | Promise<Uint8Array>)[] = [];
    for (const [segment, entry, n] of reads) readSegment(this.#settings, segment, entry, n, parts);
    if (offset < end) {
      let b = this.#batchIndexOf(offset);
      while (offset < end) {
        const batch = this.#memory.at(b)!;
        const first = Number(offset - batch.baseOffset);
        const batchEnd = batch.baseOffset + BigInt(batch.count);
        const until = batchEnd < end ? batchEnd : end;
        const last = Number(until - batch.baseOffset) - 1;
        const from = first === 0 ? 0 : batchEndPosition(batch, first - 1) - batch.positionBase;
        const to = batchEndPosition(batch, last) - batch.positionBase;
        // The view leaves the storage: its slab must never be recycled.
        this.#settings.slabs.expose(batch.slab);
        parts.push(batch.bytes.subarray(from, to));
        offset = until;
        b += 1;
      }
    }
    return { count: total, lastOffset: end - 1n, parts };
  }

  // ---- sealed segments' indexes (system.segment.cache_indexes) ------------

  #pin(segment: Segment): void {
    this.#pins.set(segment, (this.#pins.get(segment) ?? 0) + 1);
  }

  #unpin(segment: Segment): void {
    const pins = (this.#pins.get(segment) ?? 1) - 1;
    if (pins === 0) this.#pins.delete(segment);
    else this.#pins.set(segment, pins);
  }

  async #loadIndex(segment: Segment): Promise<void> {
    if (segment.deleted) throw new SegmentGone();
    try {
      await segment.loadIndex();
    } catch (error) {
      if (segment.deleted) throw new SegmentGone();
      throw error;
    }
    this.#loadedSealed.delete(segment);
    this.#loadedSealed.add(segment); // most recently used last
  }

  /** Keeps at most LOADED_SEALED_INDEXES_MAX sealed indexes loaded (none pinned by a read is dropped). */
  #releaseIndexes(): void {
    if (this.#settings.cacheIndexes === 'all') return;
    const keep = this.#settings.cacheIndexes === 'none' ? 0 : LOADED_SEALED_INDEXES_MAX;
    for (const segment of this.#loadedSealed) {
      if (this.#loadedSealed.size <= keep) return;
      if (this.#pins.has(segment)) continue;
      segment.releaseIndex();
      this.#loadedSealed.delete(segment);
    }
  }

  #segmentIndexOf(offset: bigint): number {
    let low = 0;
    let high = this.#segments.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.#segments[mid]!.startOffset <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  #batchIndexOf(offset: bigint): number {
    let low = 0;
    let high = this.#memory.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.#memory.at(mid)!.baseOffset <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  // ---- consumer offsets (consumer_offsets.ts) ---------------------------

  getOffset(consumer: ConsumerKey): bigint | undefined {
    return this.#offsets.get(consumer);
  }

  /** Lowest stored consumer or group offset; segments past it are kept (STORAGE.md §2.6). */
  lowestStoredOffset(): bigint | undefined {
    return this.#offsets.lowest();
  }

  async storeOffset(consumer: ConsumerKey, offset: bigint): Promise<void> {
    if (this.#nextOffset === 0n) throw IggyError.of('InvalidOffset', `partition ${this.id} holds no messages`);
    if (offset > this.currentOffset) {
      throw IggyError.of('InvalidOffset', `offset ${offset} is past the current offset ${this.currentOffset}`);
    }
    await this.#offsets.store(consumer, offset);
  }

  async deleteOffset(consumer: ConsumerKey): Promise<void> {
    if (!(await this.#offsets.delete(consumer))) {
      throw IggyError.of('ConsumerOffsetNotFound', `${consumer.kind} ${consumer.id} on partition ${this.id}`);
    }
  }

  /** A consumer group was deleted: forget its offset here, if any. */
  async deleteGroupOffset(groupId: number): Promise<void> {
    const consumer: ConsumerKey = { kind: 'group', id: groupId };
    if (this.#offsets.has(consumer)) await this.deleteOffset(consumer);
  }

  // ---- segments, purge, deletion -----------------------------------------

  /**
   * Deletes up to `limit` of the oldest sealed segments, oldest first, while
   * `eligible` accepts them; never the active segment, never one holding
   * messages past the lowest stored consumer offset. Returns how many went.
   */
  removeOldestSegments(limit: number, eligible: (segment: Segment) => boolean = () => true): Promise<number> {
    return this.#writes.run(async () => {
      let removed = 0;
      const lowest = this.lowestStoredOffset();
      while (removed < limit && this.#segments.length > 1) {
        const oldest = this.#segments[0]!;
        assert(oldest.sealed, 'only sealed segments precede the active one');
        if (lowest !== undefined && oldest.lastOffset > lowest) break;
        if (!eligible(oldest)) break;
        this.#segments.shift();
        this.#forgetBatchesOf(oldest);
        this.#settings.readBlocks.forgetSegment(oldest);
        await oldest.remove();
        removed += 1;
      }
      return removed;
    });
  }

  #forgetBatchesOf(segment: Segment): void {
    // Runs on the write queue (removeOldestSegments): no flush is in flight.
    while (this.#memory.first?.segment === segment) this.#release(this.#memory.shift()!, true);
    this.#unsaved = this.#unsaved.filter((batch) => batch.segment !== segment);
  }

  /** Deletes every segment and stored offset and starts again with an empty segment at offset 0. */
  async purge(): Promise<void> {
    const old = this.#segments;
    for (const batch of this.#memory) this.#release(batch, false);
    this.#memory = new Deque<Batch>();
    this.#unsaved = [];
    this.#unsavedCount = 0;
    this.#unsavedBytes = 0;
    const fresh = new Segment(this.directory, 0n);
    this.#segments = [fresh];
    this.#nextOffset = 0n;
    for (const segment of old) {
      segment.deleted = true;
      this.#settings.readBlocks.forgetSegment(segment);
    }
    await Promise.all([
      this.#writes.run(async () => {
        for (const segment of old) await segment.remove();
        await fresh.ensureFiles();
      }),
      this.#offsets.clear(),
    ]);
  }

  /** Writes the journal, fsyncs and closes the files (shutdown). */
  async close(): Promise<void> {
    if (this.#deleted) return;
    await this.flush('all');
    await this.#offsets.drain();
    await this.#writes.run(async () => {
      for (const segment of this.#segments) await segment.close();
    });
    this.#dedup?.dispose();
    this.#dedup = null;
  }

  /** Stops all activity and closes files before the caller removes the directory. */
  async destroy(): Promise<void> {
    if (this.#deleted) return;
    this.#deleted = true;
    for (const batch of this.#memory) this.#release(batch, false);
    this.#memory = new Deque<Batch>();
    this.#unsaved = [];
    await this.#offsets.stop();
    await this.#writes.run(async () => {
      for (const segment of this.#segments) {
        segment.deleted = true;
        this.#settings.readBlocks.forgetSegment(segment);
        await segment.close();
      }
    });
    this.#dedup?.dispose();
    this.#dedup = null;
  }
}
