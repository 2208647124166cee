// Id assignment as Iggy 0.8's slabs (BINARY.md §7): the most recently freed id
// first, else one past the highest ever used; replay through take/release
// reproduces the same table.
import { describe, expect, it } from 'vitest';
import { IdSlab } from './ids.js';

describe('IdSlab', () => {
  it('reuses the most recently freed id, else the next after the highest', () => {
    const slab = new IdSlab();
    expect([slab.allocate(), slab.allocate(), slab.allocate(), slab.allocate()]).toEqual([0, 1, 2, 3]);
    slab.release(1);
    slab.release(3);
    expect(slab.allocate()).toBe(3);
    expect(slab.allocate()).toBe(1);
    expect(slab.allocate()).toBe(4);
    slab.release(9); // never used: ignored
    expect(slab.allocate()).toBe(5);
  });

  it('rebuilds the same state from a replay of takes and releases', () => {
    const live = new IdSlab();
    const replay = new IdSlab();
    const a = live.allocate();
    const b = live.allocate();
    live.release(a);
    replay.take(a);
    replay.take(b);
    replay.release(a);
    expect(replay.allocate()).toBe(live.allocate());
    expect(replay.allocate()).toBe(live.allocate());
  });
});
