// Buffers that SendMessages payloads are read into (TCP reads each payload
// straight into one, transport/frame_reader.ts), recycled. A batch that lies
// in such a buffer is kept there (take_batch.ts), so the buffer lives as long
// as the batch: in the journal, the memory window, the message cache. When
// the batch leaves them it is released like any slab (slab_pool.ts); a
// buffer none of whose views is still lent out of the storage then goes back
// to a free list of its size class and takes the next payload of that size.
// A buffer whose request kept no batch (an error, duplicates only) comes
// back as soon as its dispatch is over (Storage.returnBytes).
//
// Buffers are carved from one arena, reserved on first use and sized for the
// message cache (arenaBytesFor), then from fresh memory once it is used up.
// With the WASM core the arena lies in the core's memory, so a batch read
// into it is validated and stamped in place (src/core/core_wasm.ts).
// Fresh memory costs a page fault and a page clear per 4 KiB, and V8 answers
// every 64 MiB of new off-heap memory with a full garbage collection: at 1 GB/s
// that was a major GC every few dozen batches, and with the cache filling up
// (nothing recycled yet) a 1-producer send ran at half the ceiling. Left
// alone, the arena's pages are touched only as buffers are carved, so the
// resident size grows as the cache fills; the server process touches the
// whole arena at start-up instead (reserveArena), before it listens.
import { assert } from '../../assert.js';
import { Slab } from './slab_pool.js';

/** Buffers come in multiples of this; a payload wastes less than one class. */
export const PAYLOAD_CLASS_BYTES = 64 * 1024;
/** Free buffers outside the arena kept, all classes together; beyond it one is left to the garbage collector. */
export const PAYLOAD_FREE_BYTES_MAX = 64 * 1024 * 1024;
const ARENA_BYTES_MAX = 1024 * 1024 * 1024;
/** reserveArena writes one byte per page this size (the smallest page size; larger ones are touched more than once). */
const PAGE_TOUCH_BYTES = 4096;
/** Beyond the cache: the journal and the batches in flight. */
const ARENA_HEADROOM_BYTES = 64 * 1024 * 1024;

/** An arena that holds a full message cache plus headroom (at most 1 GiB). */
export function arenaBytesFor(cacheBytes: number): number {
  return Math.min(ARENA_BYTES_MAX, cacheBytes + ARENA_HEADROOM_BYTES);
}

export class PayloadPool {
  readonly #arenaBytes: number;
  #arena: Buffer | null = null;
  /** Slabs carved from the arena, at ascending offsets. */
  readonly #carved: Slab[] = [];
  #carvedBytes = 0;
  readonly #free = new Map<number, Slab[]>();
  /** Free bytes outside the arena. */
  #freeBytes = 0;
  /** Buffers outside the arena, lent and not yet collected, by their memory. */
  readonly #dedicated = new WeakMap<ArrayBufferLike, Slab>();
  /** The view each slab was last lent as: returned() must name that very lending. */
  readonly #lentViews = new WeakMap<Slab, Uint8Array>();
  /** Buffers recycled (diagnostics, tests). */
  recycled = 0;

  readonly #reserve: (sizeBytes: number) => Buffer;

  /**
   * `arenaBytes` 0: every buffer is fresh memory. `reserve` provides the
   * arena: the WASM core's own memory, so that batches are stamped where they
   * landed (Core.hostMemory), else plain memory.
   */
  constructor(arenaBytes = 0, reserve: (sizeBytes: number) => Buffer = (sizeBytes) => Buffer.allocUnsafeSlow(sizeBytes)) {
    this.#arenaBytes = arenaBytes;
    this.#reserve = reserve;
  }

  /**
   * Reserves the arena now and touches each of its pages, so that no payload
   * read ever lands on fresh memory: a page fault and a page clear per 4 KiB,
   * on the main thread, was what held a freshly started server's 1-producer
   * send to about 0.7x the ceiling until the arena had been used once (then
   * about 1.0x). Touching it on the threadpool while serving instead only
   * moved that work to the other core, which the producer and the page-cache
   * copy already need. It costs about 0.6 ms per MiB at start-up (about
   * 200 ms for the default 256 MiB cache) and makes the arena resident from
   * the start instead of as the cache fills.
   */
  reserveArena(): void {
    if (this.#arenaBytes === 0) return;
    const arena = (this.#arena ??= this.#reserve(this.#arenaBytes));
    for (let at = 0; at < arena.length; at += PAGE_TOUCH_BYTES) arena[at] = 0;
  }

  /** A buffer of exactly `sizeBytes` to read one request payload into. */
  take(sizeBytes: number): Buffer {
    const capacity = Math.max(1, Math.ceil(sizeBytes / PAYLOAD_CLASS_BYTES)) * PAYLOAD_CLASS_BYTES;
    let slab = this.#free.get(capacity)?.pop();
    if (slab !== undefined && !this.#inArena(slab.buffer)) this.#freeBytes -= capacity;
    slab ??= this.#carve(capacity) ?? this.#fresh(capacity);
    slab.used = sizeBytes;
    slab.awaitingBatch = true;
    const lent = slab.buffer.subarray(0, sizeBytes);
    this.#lentViews.set(slab, lent);
    return lent;
  }

  #carve(capacity: number): Slab | null {
    if (this.#carvedBytes + capacity > this.#arenaBytes) return null;
    this.#arena ??= this.#reserve(this.#arenaBytes);
    const slab = new Slab(this.#arena.subarray(this.#carvedBytes, this.#carvedBytes + capacity), this);
    this.#carved.push(slab);
    this.#carvedBytes += capacity;
    return slab;
  }

  #fresh(capacity: number): Slab {
    const slab = new Slab(capacity, this);
    this.#dedicated.set(slab.buffer.buffer, slab);
    return slab;
  }

  #inArena(bytes: Uint8Array): boolean {
    return this.#arena !== null && bytes.buffer === this.#arena.buffer;
  }

  /** The carved slab holding the arena byte at `offset`. */
  #carvedAt(offset: number): Slab | undefined {
    const carved = this.#carved;
    let low = 0;
    let high = carved.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (carved[mid]!.buffer.byteOffset <= offset) low = mid;
      else high = mid - 1;
    }
    return carved[low];
  }

  /**
   * The slab of the lent buffer `bytes` lie in, now owned by the batch stored
   * there (one live batch; release it as any slab). null when `bytes` are not
   * in a lent buffer of this pool.
   */
  adopt(bytes: Uint8Array): Slab | null {
    const slab = this.#slabOf(bytes);
    if (slab === undefined || !slab.awaitingBatch) return null;
    const offset = bytes.byteOffset - slab.buffer.byteOffset;
    assert(offset >= 0 && offset + bytes.length <= slab.used, 'adopted bytes outside their payload buffer');
    assert(slab.live === 0, 'a lent payload buffer already holds a batch');
    slab.awaitingBatch = false;
    slab.live = 1;
    return slab;
  }

  /** The transport is done with the lent buffer `payload`: if no batch adopted it, it is free again. */
  returned(payload: Uint8Array): void {
    const slab = this.#slabOf(payload);
    // Only the lending `payload` came from, and only if no batch took it: by
    // now the buffer may have held a batch, been recycled and lent again.
    if (slab === undefined || !slab.awaitingBatch || this.#lentViews.get(slab) !== payload) return;
    slab.awaitingBatch = false;
    this.recycle(slab);
  }

  #slabOf(bytes: Uint8Array): Slab | undefined {
    return this.#inArena(bytes) ? this.#carvedAt(bytes.byteOffset) : this.#dedicated.get(bytes.buffer);
  }

  /** SlabPool: the slab's batch is gone and no view of it is lent. */
  recycle(slab: Slab): void {
    assert(slab.live === 0 && slab.leases === 0, 'recycling a payload buffer still in use');
    const capacity = slab.buffer.length;
    const inArena = this.#inArena(slab.buffer);
    if (!inArena && this.#freeBytes + capacity > PAYLOAD_FREE_BYTES_MAX) return;
    let list = this.#free.get(capacity);
    if (list === undefined) this.#free.set(capacity, (list = []));
    list.push(slab);
    if (!inArena) this.#freeBytes += capacity;
    this.recycled += 1;
  }
}
