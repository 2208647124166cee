// One segment of a partition: `<start>.log` holds messages exactly as
// PollMessages returns them (BINARY.md §4.1) and `<start>.index` one 16-byte
// entry per message (STORAGE.md §2.3):
//   u32 relative offset (offset − start) | u32 end position in .log | u64 timestamp µs
// The segment keeps its whole index in memory (cache_indexes = all): entries for
// messages still in the partition's journal are written by core.stampBatch
// straight into that buffer at append time, so lookups by offset or timestamp
// never touch the disk. `sizeBytes`/`messagesCount` include the journal;
// `savedBytes`/`savedCount` are what the .log holds; the .index may lag
// behind it by a bounded number of entries (see `write`).
import { open, readFile, unlink, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { assert } from '../../assert.js';
import { INDEX_ENTRY_BYTES, IndexEntryOffset } from '../../protocol/layout.js';
import { U32_MAX } from '../../protocol/types.js';
import { log } from '../../log.js';

/** Positions inside a segment are u32 (STORAGE.md §2.1). */
export const SEGMENT_BYTES_MAX = U32_MAX;
/**
 * How far the .index may lag behind the .log when writes defer it: start-up
 * recovery re-derives missing entries by walking (and verifying) the log
 * bytes no entry covers, so this bounds that walk after a crash.
 */
export const INDEX_LAG_ENTRIES_MAX = 1024;
export const INDEX_LAG_BYTES_MAX = 4 * 1024 * 1024;

export function segmentFileStem(startOffset: bigint): string {
  return startOffset.toString().padStart(20, '0');
}

interface Handles {
  log: FileHandle;
  index: FileHandle;
}

export class Segment {
  readonly startOffset: bigint;
  readonly logPath: string;
  readonly indexPath: string;
  sealed = false;
  deleted = false;
  /** .log / .index written since their last fsync. */
  #logDirty = false;
  #indexDirty = false;
  messagesCount = 0;
  sizeBytes = 0;
  savedCount = 0;
  savedBytes = 0;
  /** Entries (and the log bytes they cover) the .index file holds; ≤ savedCount. */
  #indexSavedCount = 0;
  #indexSavedBytes = 0;
  /** Null while a sealed segment's index is released (cache_indexes = open_segment / none). */
  #index: Uint8Array | null;
  #view: DataView | null;
  #loading: Promise<void> | null = null;
  /** Kept outside the index so retention and timestamp search need no index. */
  firstTimestamp = 0n;
  lastTimestamp = 0n;
  #handles: Promise<Handles> | null = null;
  /** No files yet: the first open creates them. */
  #fresh: boolean;
  #reads = 0;
  #closeWhenIdle = false;

  /** A new segment (no `index`) creates its files on first use; a recovered one opens them. */
  constructor(directory: string, startOffset: bigint, index?: Uint8Array, logBytes = 0) {
    this.startOffset = startOffset;
    this.#fresh = index === undefined;
    const stem = segmentFileStem(startOffset);
    this.logPath = join(directory, `${stem}.log`);
    this.indexPath = join(directory, `${stem}.index`);
    this.#index = index ?? new Uint8Array(1024 * INDEX_ENTRY_BYTES);
    this.#view = new DataView(this.#index.buffer, this.#index.byteOffset, this.#index.byteLength);
    if (index !== undefined) {
      assert(index.length % INDEX_ENTRY_BYTES === 0, 'segment index length');
      this.messagesCount = this.savedCount = this.#indexSavedCount = index.length / INDEX_ENTRY_BYTES;
      this.sizeBytes = this.savedBytes = this.#indexSavedBytes = logBytes;
      assert(this.messagesCount === 0 || this.endPosition(this.messagesCount - 1) === logBytes, 'segment index/log mismatch');
      if (this.messagesCount > 0) {
        this.firstTimestamp = this.timestamp(0);
        this.lastTimestamp = this.timestamp(this.messagesCount - 1);
      }
    }
  }

  get indexLoaded(): boolean {
    return this.#index !== null;
  }

  /** Drops a sealed, fully written segment's index from memory; loadIndex brings it back. */
  releaseIndex(): void {
    if (!this.sealed || this.#indexSavedCount !== this.messagesCount || this.#loading !== null) return;
    this.#index = null;
    this.#view = null;
  }

  /** Reads the index back from .index. */
  loadIndex(): Promise<void> {
    if (this.#index !== null) return Promise.resolve();
    this.#loading ??= (async () => {
      try {
        const bytes = await readFile(this.indexPath);
        const length = this.savedCount * INDEX_ENTRY_BYTES;
        if (bytes.length < length) throw new Error(`index ${this.indexPath} holds ${bytes.length} of ${length} bytes`);
        const index = new Uint8Array(bytes.buffer, bytes.byteOffset, length);
        this.#index = index;
        this.#view = new DataView(index.buffer, index.byteOffset, index.byteLength);
      } finally {
        this.#loading = null;
      }
    })();
    return this.#loading;
  }

  #indexBytes(): Uint8Array {
    assert(this.#index !== null, `index of ${this.logPath} is not loaded`);
    return this.#index;
  }

  /** Offset of the last message; start − 1 when empty. */
  get lastOffset(): bigint {
    return this.startOffset + BigInt(this.messagesCount) - 1n;
  }

  get nextOffset(): bigint {
    return this.startOffset + BigInt(this.messagesCount);
  }

  /** The index entries of every message (journal included). */
  indexView(): Uint8Array {
    return this.#indexBytes().subarray(0, this.messagesCount * INDEX_ENTRY_BYTES);
  }

  /** Room for `count` more entries, for core.stampBatch to fill; commit with commitAppend. */
  reserveIndex(count: number): Uint8Array {
    const needed = (this.messagesCount + count) * INDEX_ENTRY_BYTES;
    let index = this.#indexBytes();
    if (needed > index.length) {
      let capacity = Math.max(index.length * 2, 1024 * INDEX_ENTRY_BYTES);
      while (capacity < needed) capacity *= 2;
      const grown = new Uint8Array(capacity);
      grown.set(index.subarray(0, this.messagesCount * INDEX_ENTRY_BYTES));
      this.#index = index = grown;
      this.#view = new DataView(grown.buffer);
    }
    return index.subarray(this.messagesCount * INDEX_ENTRY_BYTES, needed);
  }

  commitAppend(count: number, batchBytes: number): void {
    this.messagesCount += count;
    this.sizeBytes += batchBytes;
    assert(this.endPosition(this.messagesCount - 1) === this.sizeBytes, 'stamped index disagrees with segment size');
    if (this.messagesCount === count) this.firstTimestamp = this.timestamp(0);
    this.lastTimestamp = this.timestamp(this.messagesCount - 1);
  }

  endPosition(entry: number): number {
    this.#indexBytes();
    return this.#view!.getUint32(entry * INDEX_ENTRY_BYTES + IndexEntryOffset.endPosition, true);
  }

  startPosition(entry: number): number {
    return entry === 0 ? 0 : this.endPosition(entry - 1);
  }

  timestamp(entry: number): bigint {
    this.#indexBytes();
    return this.#view!.getBigUint64(entry * INDEX_ENTRY_BYTES + IndexEntryOffset.timestamp, true);
  }

  /** Makes sure both files exist (a new segment's are created, truncating leftovers). */
  async ensureFiles(): Promise<void> {
    await this.#open();
  }

  #open(): Promise<Handles> {
    this.#handles ??= (async (): Promise<Handles> => {
      const fresh = this.#fresh;
      this.#fresh = false;
      const flags = fresh ? 'w+' : 'r+';
      const log = await open(this.logPath, flags);
      const index = await open(this.indexPath, flags).catch(async (error: unknown) => {
        await log.close();
        throw error;
      });
      // New names must survive a power loss too, or an fsynced append into a
      // fresh segment could vanish with its directory entry.
      if (fresh) await syncDirectory(dirname(this.logPath));
      return { log, index };
    })();
    return this.#handles;
  }

  /**
   * Writes the journal part [savedCount, savedCount + count) — `buffers` are
   * those messages' bytes — at the end of the .log, and the index entries
   * the .index lacks, both issued at once (two threadpool writes in parallel,
   * one wait). An index entry may thus reach the file before the log bytes
   * it points to; until both writes returned the batch is not acknowledged,
   * and start-up recovery truncates index entries past the log end. A failed
   * index write after a good log write only leaves the index lagging (logged;
   * the next write retries it), so the log bytes are never written twice.
   * `deferIndex` (appends: the .log alone makes a batch safe, with or
   * without enforce_fsync) leaves the .index behind until it lags by
   * INDEX_LAG_ENTRIES_MAX entries or INDEX_LAG_BYTES_MAX log bytes, or a
   * sync of both files or close writes it: one threadpool write per batch
   * instead of two, and less for an fsync to commit.
   */
  async write(buffers: Uint8Array[], count: number, bytes: number, deferIndex = false): Promise<void> {
    assert(!this.deleted, 'write to a deleted segment');
    const handles = await this.#open();
    const savedCount = this.savedCount + count;
    const savedBytes = this.savedBytes + bytes;
    const lagging = savedCount - this.#indexSavedCount >= INDEX_LAG_ENTRIES_MAX || savedBytes - this.#indexSavedBytes >= INDEX_LAG_BYTES_MAX;
    const indexWrite = !deferIndex || lagging ? this.#writeIndex(handles, savedCount) : null;
    // Settled before the log's outcome is acted on, so no index write is left running unobserved.
    const [logWrite, indexDone] = await Promise.allSettled([handles.log.writev(buffers, this.savedBytes), indexWrite]);
    if (logWrite.status === 'rejected') throw logWrite.reason;
    assert(logWrite.value.bytesWritten === bytes, `short segment write ${logWrite.value.bytesWritten} < ${bytes}`);
    this.savedBytes = savedBytes;
    this.savedCount = savedCount;
    this.#logDirty = true;
    if (indexDone.status === 'rejected') log.error({ segment: this.indexPath, error: String(indexDone.reason) }, 'index write failed; it lags until the next write');
  }

  /** Writes the index entries of messages [#indexSavedCount, to) that the .index does not hold yet. */
  async #writeIndex(handles: Handles, to = this.savedCount): Promise<void> {
    const from = this.#indexSavedCount;
    if (from >= to) return;
    const entries = this.#indexBytes().subarray(from * INDEX_ENTRY_BYTES, to * INDEX_ENTRY_BYTES);
    const indexWritten = await handles.index.write(entries, 0, entries.length, from * INDEX_ENTRY_BYTES);
    assert(indexWritten.bytesWritten === entries.length, 'short index write');
    // A concurrent (later) index write may have gone further already.
    if (to > this.#indexSavedCount) {
      this.#indexSavedCount = to;
      this.#indexSavedBytes = this.endPosition(to - 1);
    }
    this.#indexDirty = true;
  }

  /**
   * fsyncs what was written. `logOnly` is the append path under
   * enforce_fsync: the .log is the truth and start-up recovery re-derives
   * any index entries it lacks (recovery/recover_segments.ts), so one fsync
   * per write makes the batch durable; the index is fsynced on flush
   * requests with fsync, roll-over and close.
   */
  async sync(logOnly = false): Promise<void> {
    if (this.deleted) return;
    if (!logOnly && this.#indexSavedCount < this.savedCount) await this.#writeIndex(await this.#open());
    if (!this.#logDirty && (logOnly || !this.#indexDirty)) return;
    const handles = await this.#open();
    const log = this.#logDirty;
    const index = !logOnly && this.#indexDirty;
    this.#logDirty = false;
    if (index) this.#indexDirty = false;
    await Promise.all([log ? handles.log.datasync() : undefined, index ? handles.index.datasync() : undefined]);
  }

  /** Reads `length` saved bytes at `start` from .log (positions from the index), into `into` if given. Short when the segment went away. */
  async read(start: number, length: number, into?: Buffer): Promise<Uint8Array> {
    assert(start + length <= this.savedBytes, 'read past the saved part of a segment');
    this.#reads += 1;
    try {
      const handles = await this.#open();
      assert(into === undefined || into.length === length, 'segment read into a buffer of another size');
      const bytes = into ?? Buffer.allocUnsafe(length);
      let done = 0;
      while (done < length) {
        const { bytesRead } = await handles.log.read(bytes, done, length - done, start + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return done === length ? bytes : bytes.subarray(0, 0);
    } finally {
      this.#reads -= 1;
      if (this.#reads === 0 && this.#closeWhenIdle) void this.close();
    }
  }

  async close(): Promise<void> {
    if (this.#reads > 0) {
      this.#closeWhenIdle = true;
      return;
    }
    const handles = this.#handles;
    this.#handles = null;
    if (handles === null) return;
    const { log, index } = await handles.catch(() => ({ log: null, index: null }));
    try {
      // A deferred index is written before the files close (a clean shutdown leaves it whole).
      if (!this.deleted && log !== null && index !== null && this.#indexSavedCount < this.savedCount) await this.#writeIndex({ log, index });
    } finally {
      await Promise.all([log?.close(), index?.close()]);
    }
  }

  /** Deletes both files; open handles are closed once in-flight reads finish (unlinked files stay readable). */
  async remove(): Promise<void> {
    this.deleted = true;
    await this.close();
    await Promise.all([unlinkIfExists(this.logPath), unlinkIfExists(this.indexPath)]);
  }
}

async function unlinkIfExists(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

async function syncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
