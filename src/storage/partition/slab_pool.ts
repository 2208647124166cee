// Memory for stamped batches: the one copy of each batch out of its request
// frame goes into large slabs, bump-allocated and recycled once nothing
// references them, instead of a fresh Buffer per batch. Fresh memory costs a
// page fault per 4 KiB on first touch (and garbage collection later); a
// recycled slab is already mapped, so the copy runs at memory speed.
//
// Lifetime: a slab counts its live batches (taken, not yet released). The
// owner releases a batch only when no one can still read its bytes: it has
// been written to its segment, it left the message cache and the partition's
// memory window. Bytes handed out of the storage (poll results read from
// memory) are lent (`lend`) and count as leases until the transport reports
// them sent (`returned`, via Storage.returnBytes); a view never returned
// keeps its slab from being recycled for good — the garbage collector frees
// it once its last view goes. A slab with no live batch and no lease goes
// back to the free list (at most FREE_SLABS_MAX are kept; the rest are left
// to the garbage collector).
//
// One live batch keeps its whole slab alive, and a batch of a quiet partition
// can stay in the journal until the message saver runs (30 s by default).
// Small batches — what quiet partitions send — therefore get their own
// Buffer: a slab holds at most SLAB_BYTES / SLAB_ALLOCATION_MIN batches, and
// the page faults saved matter only at high throughput, i.e. large batches.
import { assert } from '../../assert.js';

/** A slab: one Buffer, filled front to back. */
export class Slab {
  readonly buffer: Buffer;
  /** Bytes handed out so far (the bump pointer). */
  used = 0;
  /** Batches taken from this slab and not yet released. */
  live = 0;
  /** Views of its bytes lent out of the storage and not returned: not recycled while any is out. */
  leases = 0;
  /** A request-payload buffer (payload_pool.ts) recycles there instead. */
  readonly home: { recycle(slab: Slab): void } | null;
  /** A payload buffer handed to a transport for a request, not adopted by a batch yet. */
  awaitingBatch = false;

  /** A new slab of `memory` bytes, or over the given memory. */
  constructor(memory: number | Buffer, home: { recycle(slab: Slab): void } | null = null) {
    this.buffer = typeof memory === 'number' ? Buffer.allocUnsafeSlow(memory) : memory;
    this.home = home;
  }
}

/** Owned batch bytes, and the slab they live in (null: a dedicated allocation). */
export interface SlabBytes {
  readonly bytes: Buffer;
  readonly slab: Slab | null;
}

export const SLAB_BYTES = 8 * 1024 * 1024;
/** Larger batches get their own Buffer: a slab wastes at most this much at its end. */
export const SLAB_ALLOCATION_MAX = SLAB_BYTES / 8;
/** Smaller batches get their own Buffer (see the file comment). */
export const SLAB_ALLOCATION_MIN = 16 * 1024;
const FREE_SLABS_MAX = 8;

export class SlabPool {
  #current: Slab | null = null;
  readonly #free: Slab[] = [];
  /** Views lent out of the storage, to their slab. */
  readonly #lent = new WeakMap<Uint8Array, Slab>();
  /** Slabs recycled (for tests and diagnostics). */
  recycled = 0;

  /** `length` bytes of owned memory (contents undefined). Release with `release` when no longer referenced. */
  take(length: number): SlabBytes {
    if (length > SLAB_ALLOCATION_MAX || length < SLAB_ALLOCATION_MIN) return { bytes: Buffer.allocUnsafe(length), slab: null };
    let slab = this.#current;
    if (slab === null || slab.used + length > slab.buffer.length) {
      if (slab !== null) this.#retire(slab);
      slab = this.#free.pop() ?? new Slab(SLAB_BYTES);
      this.#current = slab;
    }
    const bytes = slab.buffer.subarray(slab.used, slab.used + length);
    slab.used += length;
    slab.live += 1;
    return { bytes, slab };
  }

  /** The bytes of one `take` are no longer referenced by anyone. */
  release(slab: Slab | null): void {
    if (slab === null) return;
    assert(slab.live > 0, 'slab released more often than taken');
    slab.live -= 1;
    this.#freeIfUnused(slab);
  }

  /** `view` of the slab's bytes is handed out of the storage (poll from memory) until returned(view). */
  lend(slab: Slab | null, view: Uint8Array): void {
    if (slab === null) return;
    slab.leases += 1;
    this.#lent.set(view, slab);
  }

  /** Nobody reads `view` any more. Views not lent are ignored. */
  returned(view: Uint8Array): void {
    const slab = this.#lent.get(view);
    if (slab === undefined) return;
    this.#lent.delete(view);
    slab.leases -= 1;
    this.#freeIfUnused(slab);
  }

  #freeIfUnused(slab: Slab): void {
    if (slab.live > 0 || slab.leases > 0) return;
    if (slab.home !== null) return slab.home.recycle(slab);
    // Nothing in the current slab is referenced: fill it again from the start.
    if (slab === this.#current) slab.used = 0;
    else this.#retire(slab);
  }

  /** Free slabs held for reuse. */
  get freeSlabs(): number {
    return this.#free.length;
  }

  /** A slab no longer bump-allocated from: recycle it once nothing in it is live or lent. */
  #retire(slab: Slab): void {
    if (slab === this.#current) this.#current = null;
    if (slab.live > 0 || slab.leases > 0 || this.#free.length >= FREE_SLABS_MAX) return;
    slab.used = 0;
    this.recycled += 1;
    this.#free.push(slab);
  }
}
