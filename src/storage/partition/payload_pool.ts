// Buffers that SendMessages payloads are read into (TCP reads each payload
// straight into one, transport/frame_reader.ts), recycled. A batch that lies
// in such a buffer is kept there (take_batch.ts), so the buffer lives as long
// as the batch: in the journal, the memory window, the message cache. When
// the batch leaves them it is released like any slab (slab_pool.ts); a
// buffer that never lent a view out of the storage then goes back to a free
// list of its size class and takes the next payload of that size, already
// mapped: fresh memory costs a page fault and a page clear per 4 KiB, and
// garbage collection once it is dropped. A lent buffer whose request failed
// is never adopted and simply left to the garbage collector.
import { assert } from '../../assert.js';
import { Slab } from './slab_pool.js';

/** Buffers come in multiples of this; a payload wastes less than one class. */
export const PAYLOAD_CLASS_BYTES = 64 * 1024;
/** Free buffers kept, all classes together; beyond it a released buffer is left to the garbage collector. */
export const PAYLOAD_FREE_BYTES_MAX = 64 * 1024 * 1024;

export class PayloadPool {
  readonly #free = new Map<number, Slab[]>();
  #freeBytes = 0;
  /** Every buffer lent and not yet collected, by its memory. */
  readonly #slabs = new WeakMap<ArrayBufferLike, Slab>();
  /** Buffers recycled (diagnostics, tests). */
  recycled = 0;

  /** A buffer of exactly `sizeBytes` to read one request payload into. */
  take(sizeBytes: number): Buffer {
    const capacity = Math.max(1, Math.ceil(sizeBytes / PAYLOAD_CLASS_BYTES)) * PAYLOAD_CLASS_BYTES;
    let slab = this.#free.get(capacity)?.pop();
    if (slab !== undefined) {
      this.#freeBytes -= capacity;
    } else {
      slab = new Slab(capacity, this);
      this.#slabs.set(slab.buffer.buffer, slab);
    }
    slab.used = sizeBytes;
    slab.lent = true;
    return slab.buffer.subarray(0, sizeBytes);
  }

  /**
   * The slab of the lent buffer `bytes` lie in, now owned by the batch stored
   * there (one live batch; release it as any slab). null when `bytes` are not
   * in a lent buffer of this pool.
   */
  adopt(bytes: Uint8Array): Slab | null {
    const slab = this.#slabs.get(bytes.buffer);
    if (slab === undefined || !slab.lent) return null;
    assert(slab.live === 0, 'a lent payload buffer already holds a batch');
    slab.lent = false;
    slab.live = 1;
    return slab;
  }

  /** SlabPool.release: the slab's batch is gone. */
  recycle(slab: Slab): void {
    const capacity = slab.buffer.length;
    if (slab.exposed || this.#freeBytes + capacity > PAYLOAD_FREE_BYTES_MAX) return;
    let list = this.#free.get(capacity);
    if (list === undefined) this.#free.set(capacity, (list = []));
    list.push(slab);
    this.#freeBytes += capacity;
    this.recycled += 1;
  }

  get freeBytes(): number {
    return this.#freeBytes;
  }
}
