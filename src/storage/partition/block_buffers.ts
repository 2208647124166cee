// Buffers for segment reads (read_blocks.ts), recycled. A block read from
// disk is about READ_AHEAD_BYTES; fresh memory for each one costs a page
// fault and a page clear per 4 KiB and, once dropped, garbage collection. A
// block's buffer comes back here only when no one can read it any more: the
// block left the read-block list and every poll reply that held a slice of
// it was handed to the operating system (Storage.returnBytes). A slice whose
// reply is never reported sent (an HTTP poll, a failed write) keeps its
// buffer from coming back: it is then left to the garbage collector.

/** Buffers come in multiples of this; a read wastes less than one class. */
export const BLOCK_CLASS_BYTES = 64 * 1024;
/** Free buffers kept, all classes together. */
export const BLOCK_FREE_BYTES_MAX = 32 * 1024 * 1024;

export class BlockBuffers {
  readonly #free = new Map<number, Buffer[]>();
  #freeBytes = 0;
  /** Buffers recycled (diagnostics, tests). */
  recycled = 0;

  /** `sizeBytes` of memory, the start of a pooled buffer; give the same view back to recycle(). */
  take(sizeBytes: number): Buffer {
    const capacity = Math.max(1, Math.ceil(sizeBytes / BLOCK_CLASS_BYTES)) * BLOCK_CLASS_BYTES;
    const whole = this.#free.get(capacity)?.pop();
    if (whole === undefined) return Buffer.allocUnsafeSlow(capacity).subarray(0, sizeBytes);
    this.#freeBytes -= capacity;
    return whole.subarray(0, sizeBytes);
  }

  /** A view take() returned, no longer referenced by anyone. */
  recycle(view: Uint8Array): void {
    const capacity = view.buffer.byteLength;
    if (view.byteOffset !== 0 || capacity % BLOCK_CLASS_BYTES !== 0) return; // not ours
    if (this.#freeBytes + capacity > BLOCK_FREE_BYTES_MAX) return;
    let list = this.#free.get(capacity);
    if (list === undefined) this.#free.set(capacity, (list = []));
    list.push(Buffer.from(view.buffer, 0, capacity));
    this.#freeBytes += capacity;
    this.recycled += 1;
  }
}
