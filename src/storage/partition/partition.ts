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
import { nowUs } from '../clock.js';
import { recoverSegments } from '../recovery/recover_segments.js';
import { SEGMENT_BYTES_MAX, Segment } from '../segment/segment.js';
import { SerialQueue } from '../serial_queue.js';
import type { ConsumerKey, IncomingBatch, PartitionInfo, PartitionReader, ReadResult } from '../types.js';
import { ConsumerOffsets } from './consumer_offsets.js';
import { Deque } from './deque.js';
import { IndexCache } from './index_cache.js';
import { type Batch, Journal } from './journal.js';
import type { MessageCache } from './message_cache.js';
import { stampBatch, takeBatch } from './take_batch.js';
import type { ReadBlocks } from './read_blocks.js';
import { type ReadWindow, offsetAtTimestamp, planRead } from './read_plan.js';
import { SegmentGone } from './segment_reader.js';
import type { PayloadPool } from './payload_pool.js';
import type { SlabPool } from './slab_pool.js';

/** Settings shared by every partition of one storage. */
export interface PartitionSettings {
  readonly core: Core;
  readonly cache: MessageCache;
  /** Memory for stamped batches, shared by every partition. */
  readonly slabs: SlabPool;
  /** Buffers request payloads are read into; batches stay in them (payload_pool.ts). */
  readonly payloads: PayloadPool;
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
  readonly #journal = new Journal();
  readonly #writes = new SerialQueue();
  readonly #offsets: ConsumerOffsets;
  #dedup: DedupSet | null = null;
  #deleted = false;
  readonly #indexes: IndexCache;

  private constructor(directory: string, id: number, createdAtUs: bigint, settings: PartitionSettings) {
    this.directory = directory;
    this.id = id;
    this.createdAtUs = createdAtUs;
    this.#settings = settings;
    this.#indexes = new IndexCache(settings.cacheIndexes);
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
    const owned = takeBatch(batch, timestampUs, this.#dedup, settings);
    if (owned === null) return Promise.resolve();
    const { bytes, count } = owned;

    if (this.#active.sizeBytes > 0 && this.#active.sizeBytes + bytes.length > SEGMENT_BYTES_MAX) this.#roll();
    const segment = this.#active;
    const stamped = stampBatch(settings.core, segment, owned, this.#nextOffset, timestampUs, () => this.#trimMemory());
    this.#nextOffset += BigInt(count);
    this.#lastTimestampUs = timestampUs;
    this.#memory.push(stamped);
    this.#journal.push(stamped);

    let write =
      settings.enforceFsync ||
      this.#journal.count >= settings.messagesRequiredToSave ||
      this.#journal.bytes >= settings.sizeOfMessagesRequiredToSave;
    if (segment.sizeBytes >= settings.segmentSizeBytes) {
      this.#roll();
      write = true;
    }
    // The append path always lets the index lag (Segment.write): the .log is what makes a batch safe.
    return write ? this.flush(settings.enforceFsync ? 'log' : 'none', true) : Promise.resolve();
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
   * (enough for durability, see Segment.sync), 'none' nothing. With
   * `deferIndex` (and always with 'log') the active segment's .index may lag
   * behind its .log by a bounded amount (Segment.write): one file write per
   * flush instead of two, and recovery re-derives the missing entries.
   */
  flush(fsync: 'none' | 'log' | 'all', deferIndex = false): Promise<void> {
    return this.#writes.run(() => this.#flushStep(fsync, deferIndex || fsync === 'log'));
  }

  async #flushStep(fsync: 'none' | 'log' | 'all', deferIndex: boolean): Promise<void> {
    if (this.#deleted) return;
    const sinks = { cache: this.#settings.cache, indexes: this.#indexes, counters: this.#settings.counters };
    try {
      await this.#journal.write(sinks, deferIndex);
    } finally {
      this.#trimMemory();
    }
    if (fsync === 'none') return;
    for (const segment of this.#segments) await segment.sync(fsync === 'log');
    // A segment sealed while its index lagged has it on disk only now.
    if (fsync === 'all') for (const segment of this.#segments) this.#indexes.releaseIfIdle(segment);
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

  #window(): ReadWindow {
    return { segments: this.#segments, memory: this.#memory, nextOffset: this.#nextOffset, indexes: this.#indexes, settings: this.#settings };
  }

  /** Offset of the first message with timestamp ≥ `timestampUs`, or null. */
  offsetAtTimestamp(timestampUs: bigint): Promise<bigint | null> {
    return offsetAtTimestamp(this.#window(), timestampUs);
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
        const plan = planRead(this.#window(), typeof start === 'function' ? start() : start, count, pinned);
        if ('missing' in plan) {
          // A sealed segment's index is not in memory: load it, then plan again.
          await this.#indexes.load(plan.missing);
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
      for (const segment of pinned) this.#indexes.unpin(segment);
      this.#indexes.trim();
    }
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
    this.#journal.dropSegment(segment);
  }

  /** Deletes every segment and stored offset and starts again with an empty segment at offset 0. */
  async purge(): Promise<void> {
    const old = this.#segments;
    for (const batch of this.#memory) this.#release(batch, false);
    this.#memory = new Deque<Batch>();
    this.#journal.clear();
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
    this.#journal.clear();
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
