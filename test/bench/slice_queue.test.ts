// Proves the sink's slice queue hands out frames as views without joining
// them: every byte comes back once, in order, whatever the chunking, and a
// peek that straddles chunks sees the same bytes without consuming them.
import { describe, expect, it } from 'vitest';
import { SliceQueue, sliceRange } from '../../bench/slice_queue.js';

const bytes = (n: number, from = 0) => Buffer.from(Array.from({ length: n }, (_, i) => (from + i) & 0xff));

describe('slice queue', () => {
  it('takes frames across chunks as views of those chunks', () => {
    const queue = new SliceQueue();
    const first = bytes(5);
    const second = bytes(7, 5);
    queue.push(first);
    queue.push(Buffer.alloc(0));
    queue.push(second);
    expect(queue.bufferedBytes).toBe(12);
    expect(queue.peekU32LE(3)).toBe(Buffer.from([3, 4, 5, 6]).readUInt32LE(0)); // straddles the two chunks
    const frame = queue.takeSlices(8);
    expect(frame.map((s) => s.length)).toEqual([5, 3]);
    expect(frame[0]!.buffer).toBe(first.buffer); // a view, not a copy
    expect(Buffer.concat(frame)).toEqual(bytes(8));
    expect(queue.bufferedBytes).toBe(4);
    expect(queue.peek(4)).toEqual(bytes(4, 8));
    expect(Buffer.concat(queue.takeSlices(4))).toEqual(bytes(4, 8));
    expect(() => queue.takeSlices(1)).toThrow(RangeError);
  });

  it('keeps every byte in order over many single-byte chunks', () => {
    const queue = new SliceQueue();
    const all = bytes(300);
    for (const byte of all) queue.push(Buffer.of(byte));
    const out: Buffer[] = [];
    while (queue.bufferedBytes > 0) out.push(...queue.takeSlices(Math.min(7, queue.bufferedBytes)));
    expect(Buffer.concat(out)).toEqual(all);
  });

  it('cuts a slice list at a byte position', () => {
    const slices = [bytes(3), bytes(4, 3), bytes(2, 7)];
    expect(Buffer.concat(sliceRange(slices, 0))).toEqual(bytes(9));
    expect(Buffer.concat(sliceRange(slices, 5))).toEqual(bytes(4, 5));
    expect(sliceRange(slices, 7).map((s) => s.length)).toEqual([2]);
    expect(sliceRange(slices, 9)).toEqual([]);
  });
});
