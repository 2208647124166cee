// Proves the payload pool's lifetime rules: a lent buffer is exactly the
// size asked for, adopted once by the batch stored in it, recycled for the
// next payload of its size class once that batch is released, and never
// recycled while a view of it is lent out of the storage or when it was never adopted;
// that a buffer no batch took comes back once its request is over, but
// never through an earlier lending of the same memory; and that buffers are
// carved from the arena until it is used up, the arena reserved once,
// up front when the server asks (reserveArena).
import { describe, expect, it } from 'vitest';
import { PAYLOAD_CLASS_BYTES, PayloadPool, arenaBytesFor } from './payload_pool.js';
import { SlabPool } from './slab_pool.js';

describe('PayloadPool', () => {
  it('lends exactly the size asked for and adopts it once', () => {
    const pool = new PayloadPool();
    const lent = pool.take(100_000);
    expect(lent.length).toBe(100_000);
    expect(pool.adopt(lent.subarray(20))).not.toBeNull();
    expect(pool.adopt(lent.subarray(20))).toBeNull();
    expect(pool.adopt(Buffer.alloc(10))).toBeNull();
  });

  it('recycles a released buffer for the next payload of its size class', () => {
    const pool = new PayloadPool();
    const slabs = new SlabPool();
    const first = pool.take(PAYLOAD_CLASS_BYTES + 1);
    const slab = pool.adopt(first)!;
    slabs.release(slab);
    expect(pool.recycled).toBe(1);
    const again = pool.take(2 * PAYLOAD_CLASS_BYTES);
    expect(again.buffer).toBe(first.buffer);
    expect(pool.take(PAYLOAD_CLASS_BYTES).buffer).not.toBe(first.buffer); // another class
  });

  it('never recycles a buffer that lent a view out, or one no batch adopted', () => {
    const pool = new PayloadPool();
    const slabs = new SlabPool();
    const exposed = pool.take(1000);
    const slab = pool.adopt(exposed)!;
    slabs.lend(slab, exposed.subarray(0, 10)); // never returned
    slabs.release(slab);
    const orphan = pool.take(1000);
    expect(pool.recycled).toBe(0);
    expect(pool.take(1000).buffer).not.toBe(exposed.buffer);
    expect(pool.take(1000).buffer).not.toBe(orphan.buffer);
  });

  it('carves buffers from one arena, finds their slabs there, then falls back to fresh memory', () => {
    const pool = new PayloadPool(3 * PAYLOAD_CLASS_BYTES);
    const slabs = new SlabPool();
    const a = pool.take(PAYLOAD_CLASS_BYTES);
    const b = pool.take(2 * PAYLOAD_CLASS_BYTES - 5);
    expect(b.buffer).toBe(a.buffer);
    expect(b.byteOffset).toBe(a.byteOffset + PAYLOAD_CLASS_BYTES);
    const c = pool.take(100); // the arena is full
    expect(c.buffer).not.toBe(a.buffer);
    const slabB = pool.adopt(b.subarray(30, 40))!;
    expect(slabB.buffer.byteOffset).toBe(b.byteOffset);
    expect(pool.adopt(a.subarray(1))!.buffer.byteOffset).toBe(a.byteOffset);
    slabs.release(slabB);
    expect(pool.take(2 * PAYLOAD_CLASS_BYTES).byteOffset).toBe(b.byteOffset);
    expect(arenaBytesFor(256 * 1024 * 1024)).toBe(320 * 1024 * 1024);
    expect(arenaBytesFor(Number.MAX_SAFE_INTEGER)).toBe(1024 * 1024 * 1024);
  });

  it('takes back a buffer no batch adopted, only through the lending it came from', () => {
    const pool = new PayloadPool(4 * PAYLOAD_CLASS_BYTES);
    const slabs = new SlabPool();
    const rejected = pool.take(1000);
    pool.returned(rejected.subarray(1)); // not the lent view: ignored
    expect(pool.recycled).toBe(0);
    pool.returned(rejected);
    expect(pool.recycled).toBe(1);
    // The same memory, adopted, released and lent again: the old lending's return must not free it.
    const first = pool.take(1000);
    expect(first.byteOffset).toBe(rejected.byteOffset);
    slabs.release(pool.adopt(first)!);
    const second = pool.take(1000);
    expect(second.byteOffset).toBe(first.byteOffset);
    pool.returned(first);
    pool.returned(rejected);
    expect(pool.take(1000).byteOffset).not.toBe(second.byteOffset);
    pool.returned(second); // the live lending: free again
    expect(pool.take(1000).byteOffset).toBe(second.byteOffset);
  });

  it('reserves the arena up front, once, and carves from it afterwards', () => {
    const reserved: Buffer[] = [];
    const pool = new PayloadPool(4 * PAYLOAD_CLASS_BYTES, (sizeBytes) => {
      const arena = Buffer.alloc(sizeBytes, 7);
      reserved.push(arena);
      return arena;
    });
    pool.reserveArena();
    pool.reserveArena();
    expect(reserved).toHaveLength(1);
    expect(reserved[0]![PAYLOAD_CLASS_BYTES]).toBe(0); // each page touched
    const lent = pool.take(1000);
    expect(lent.buffer).toBe(reserved[0]!.buffer);
    expect(reserved).toHaveLength(1);
    new PayloadPool().reserveArena(); // no arena: nothing to do
  });
});
