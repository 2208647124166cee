// Recently written batches kept in memory so that tail polls (the common case:
// consumers close behind producers) never touch the disk. One byte budget
// (system.cache.size) for the whole server; batches enter when they have been
// written to their segment (the unsaved journal is held separately and never
// evicted) and leave oldest first. Because every partition writes its batches
// in offset order, evicting globally oldest-first leaves each partition with a
// contiguous suffix of its log in memory.
import { Deque } from './deque.js';

export interface CachedBatch {
  readonly baseOffset: bigint;
  readonly count: number;
  readonly bytes: Uint8Array;
  /** False once evicted or dropped; the owner then forgets it. */
  cached: boolean;
  /** Called when the cache evicts the batch. */
  readonly onEvict: (batch: CachedBatch) => void;
}

export class MessageCache {
  readonly capacityBytes: number;
  #usedBytes = 0;
  readonly #queue = new Deque<CachedBatch>();

  constructor(capacityBytes: number) {
    this.capacityBytes = capacityBytes;
  }

  get usedBytes(): number {
    return this.#usedBytes;
  }

  /** Admits a written batch; returns false (and keeps nothing) when it cannot fit at all. */
  add(batch: CachedBatch): boolean {
    if (batch.bytes.length > this.capacityBytes) return false;
    batch.cached = true;
    this.#usedBytes += batch.bytes.length;
    this.#queue.push(batch);
    while (this.#usedBytes > this.capacityBytes) {
      const oldest = this.#queue.shift();
      if (oldest === undefined) break;
      if (!oldest.cached) continue;
      oldest.cached = false;
      this.#usedBytes -= oldest.bytes.length;
      oldest.onEvict(oldest);
    }
    return true;
  }

  /** A batch's data went away (purge, deleted segment or partition): release its bytes now. */
  drop(batch: CachedBatch): void {
    if (!batch.cached) return;
    batch.cached = false;
    this.#usedBytes -= batch.bytes.length;
  }
}
