import { describe, expect, it } from 'vitest';
import { SLAB_ALLOCATION_MIN, SLAB_BYTES, SlabPool } from './slab_pool.js';

describe('SlabPool', () => {
  it('bump-allocates adjacent, non-overlapping ranges of one slab', () => {
    const pool = new SlabPool();
    const a = pool.take(SLAB_ALLOCATION_MIN);
    const b = pool.take(SLAB_ALLOCATION_MIN + 100);
    expect(a.slab).not.toBeNull();
    expect(b.slab).toBe(a.slab);
    expect(a.bytes.length).toBe(SLAB_ALLOCATION_MIN);
    expect(b.bytes.length).toBe(SLAB_ALLOCATION_MIN + 100);
    expect(b.bytes.byteOffset).toBe(a.bytes.byteOffset + SLAB_ALLOCATION_MIN);
    a.bytes.fill(1);
    b.bytes.fill(2);
    expect(a.bytes.every((x) => x === 1)).toBe(true);
  });

  it('gives batches above an eighth of a slab, or below SLAB_ALLOCATION_MIN, their own buffer', () => {
    const pool = new SlabPool();
    const big = pool.take(SLAB_BYTES / 8 + 1);
    expect(big.slab).toBeNull();
    expect(big.bytes.length).toBe(SLAB_BYTES / 8 + 1);
    pool.release(big.slab); // a no-op, as for any dedicated buffer
    const small = pool.take(SLAB_ALLOCATION_MIN - 1);
    expect(small.slab).toBeNull();
    expect(small.bytes.length).toBe(SLAB_ALLOCATION_MIN - 1);
  });

  it('recycles a full slab only once every batch in it is released', () => {
    const pool = new SlabPool();
    const size = SLAB_BYTES / 8;
    const first = Array.from({ length: 8 }, () => pool.take(size));
    const slab = first[0]!.slab!;
    expect(first.every((t) => t.slab === slab)).toBe(true);
    const next = pool.take(size); // the first slab is full: a second one starts
    expect(next.slab).not.toBe(slab);
    for (const t of first.slice(0, 7)) pool.release(t.slab);
    expect(pool.freeSlabs).toBe(0); // one batch still lives in it
    pool.release(first[7]!.slab);
    expect(pool.freeSlabs).toBe(1);
    expect(pool.recycled).toBe(1);
    // The second slab fills up, and the recycled one is used next, from its start.
    for (let i = 0; i < 7; i += 1) pool.take(size);
    const reused = pool.take(size);
    expect(reused.slab).toBe(slab);
    expect(reused.bytes.byteOffset).toBe(slab.buffer.byteOffset);
  });

  it('recycles a slab a view was lent from only once the view is returned', () => {
    const pool = new SlabPool();
    const size = SLAB_BYTES / 8;
    const taken = Array.from({ length: 8 }, () => pool.take(size));
    const slab = taken[0]!.slab!;
    const view = taken[0]!.bytes.subarray(0, 10);
    pool.lend(slab, view);
    pool.take(size); // retires the first slab
    for (const t of taken) pool.release(t.slab);
    expect(pool.freeSlabs).toBe(0);
    expect(pool.recycled).toBe(0);
    pool.returned(new Uint8Array(10)); // not lent: ignored
    expect(pool.recycled).toBe(0);
    pool.returned(view);
    expect(pool.recycled).toBe(1);
  });

  it('refills the current slab from its start once nothing in it lives', () => {
    const pool = new SlabPool();
    const size = SLAB_ALLOCATION_MIN;
    const a = pool.take(size);
    pool.release(a.slab);
    const b = pool.take(size);
    expect(b.slab).toBe(a.slab);
    expect(b.bytes.byteOffset).toBe(a.bytes.byteOffset);
    // …but not while a view of it is lent.
    pool.lend(b.slab, b.bytes);
    pool.release(b.slab);
    const c = pool.take(size);
    expect(c.bytes.byteOffset).toBe(b.bytes.byteOffset + size);
  });

  it('refuses a release without a take', () => {
    const pool = new SlabPool();
    const a = pool.take(SLAB_ALLOCATION_MIN);
    pool.release(a.slab);
    expect(() => pool.release(a.slab)).toThrow();
  });
});
