// Buffers for segment reads (read_blocks.ts), recycled. A block read from
// disk is about READ_AHEAD_BYTES; fresh memory for each one costs a page
// fault and a page clear per 4 KiB and, once dropped, garbage collection. A
// block's buffer comes back here only when no one can read it any more: the
// block left the read-block list and every poll reply that held a slice of
// it was handed to the operating system (Storage.returnBytes). A slice whose
// reply is never reported sent (an HTTP poll, a failed write) keeps its
// buffer from coming back: it is then left to the garbage collector.
//
// Buffers are carved from an arena, reserved on first use (with the WASM
// core, in its memory, so a block is verified where it was read, with no
// copy: src/core/core_wasm.ts), then from fresh memory once it is used up. A
// carved buffer that never comes back is simply lost to the arena.

/** Buffers come in multiples of this; a read wastes less than one class. */
export const BLOCK_CLASS_BYTES = 64 * 1024;
/** Free buffers kept, all classes together. */
export const BLOCK_FREE_BYTES_MAX = 32 * 1024 * 1024;
/** The read-block list, the free buffers and the slices in flight. */
export const BLOCK_ARENA_BYTES = 96 * 1024 * 1024;

export class BlockBuffers {
  readonly #free = new Map<number, Buffer[]>();
  #freeBytes = 0;
  readonly #arenaBytes: number;
  readonly #reserve: (sizeBytes: number) => Buffer;
  #arena: Buffer | null = null;
  #carvedBytes = 0;
  /** The whole buffer behind each view handed out. */
  readonly #whole = new WeakMap<Uint8Array, Buffer>();
  /** Buffers recycled (diagnostics, tests). */
  recycled = 0;

  /** `arenaBytes` 0: every new buffer is fresh memory; `reserve` provides the arena. */
  constructor(arenaBytes = 0, reserve: (sizeBytes: number) => Buffer = (sizeBytes) => Buffer.allocUnsafeSlow(sizeBytes)) {
    this.#arenaBytes = arenaBytes;
    this.#reserve = reserve;
  }

  /** `sizeBytes` of memory, the start of a pooled buffer; give the same view back to recycle(). */
  take(sizeBytes: number): Buffer {
    const capacity = Math.max(1, Math.ceil(sizeBytes / BLOCK_CLASS_BYTES)) * BLOCK_CLASS_BYTES;
    let whole = this.#free.get(capacity)?.pop();
    if (whole !== undefined) this.#freeBytes -= capacity;
    whole ??= this.#carve(capacity) ?? Buffer.allocUnsafeSlow(capacity);
    const view = whole.subarray(0, sizeBytes);
    this.#whole.set(view, whole);
    return view;
  }

  #carve(capacity: number): Buffer | null {
    if (this.#carvedBytes + capacity > this.#arenaBytes) return null;
    this.#arena ??= this.#reserve(this.#arenaBytes);
    const whole = this.#arena.subarray(this.#carvedBytes, this.#carvedBytes + capacity);
    this.#carvedBytes += capacity;
    return whole;
  }

  /** A view take() returned, no longer referenced by anyone. Other views are ignored. */
  recycle(view: Uint8Array): void {
    const whole = this.#whole.get(view);
    if (whole === undefined) return;
    this.#whole.delete(view);
    const capacity = whole.length;
    if (this.#freeBytes + capacity > BLOCK_FREE_BYTES_MAX) return;
    let list = this.#free.get(capacity);
    if (list === undefined) this.#free.set(capacity, (list = []));
    list.push(whole);
    this.#freeBytes += capacity;
    this.recycled += 1;
  }
}
