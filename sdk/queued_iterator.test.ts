// Proves the bounded queued iterator: it never holds more than its capacity,
// a producer waiting for room wakes exactly when enough slots are free (the
// consumers' backpressure), a reader waiting on an empty queue gets the next
// push, ending hands out what is queued before finishing, an error is thrown
// once after the queued items, and a `break` drops the rest.
import { describe, expect, it } from 'vitest';
import { QueuedIterator } from './queued_iterator.js';

/** Resolves to true when `promise` settles within a few turns of the event loop. */
async function settlesSoon(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  return settled;
}

describe('QueuedIterator', () => {
  it('holds at most its capacity and refuses a push into a full queue', async () => {
    const queue = new QueuedIterator<number>(3);
    for (const n of [1, 2, 3]) expect(queue.push(n)).toBe(true);
    expect(queue.length).toBe(3);
    expect(() => queue.push(4)).toThrow(/queue full/);
    expect(await queue.next()).toEqual({ done: false, value: 1 });
    expect(queue.push(4)).toBe(true);
    expect(queue.length).toBe(3);
    expect(() => new QueuedIterator(0)).toThrow();
    expect(() => queue.room(4)).toThrow();
  });

  it('makes a producer wait until enough slots are free (backpressure)', async () => {
    const queue = new QueuedIterator<number>(4);
    for (const n of [1, 2, 3, 4]) queue.push(n);
    const roomForTwo = queue.room(2);
    const drained = queue.room(4);
    await queue.next();
    expect(await settlesSoon(roomForTwo)).toBe(false);
    await queue.next();
    expect(await settlesSoon(roomForTwo)).toBe(true);
    expect(await settlesSoon(drained)).toBe(false);
    await queue.next();
    await queue.next();
    expect(await settlesSoon(drained)).toBe(true);
    expect(await settlesSoon(queue.room(4))).toBe(true);
  });

  it('wakes a waiting reader with the next push, in order', async () => {
    const queue = new QueuedIterator<string>(2);
    const first = queue.next();
    const second = queue.next();
    expect(await settlesSoon(first)).toBe(false);
    queue.push('a');
    queue.push('b');
    expect(await first).toEqual({ done: false, value: 'a' });
    expect(await second).toEqual({ done: false, value: 'b' });
    expect(queue.length).toBe(0);
  });

  it('hands out the queued items after end, then finishes, and drops later pushes', async () => {
    const queue = new QueuedIterator<number>(10);
    for (let n = 0; n < 5; n++) queue.push(n);
    const waitingForRoom = queue.room(10);
    queue.end();
    expect(await settlesSoon(waitingForRoom)).toBe(true); // a producer must not hang on an ended queue
    expect(queue.push(99)).toBe(false);
    const seen: number[] = [];
    for await (const n of queue) seen.push(n);
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect(await queue.next()).toEqual({ done: true, value: undefined });
  });

  it('ends a reader that waits on an empty queue', async () => {
    const queue = new QueuedIterator<number>(1);
    const waiting = queue.next();
    queue.end();
    expect(await waiting).toEqual({ done: true, value: undefined });
  });

  it('throws an end error once, after the queued items', async () => {
    const queue = new QueuedIterator<number>(4);
    queue.push(1);
    queue.push(2);
    const failure = new Error('poll failed');
    queue.end(failure);
    queue.end(new Error('second end is ignored'));
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const n of queue) seen.push(n);
      })(),
    ).rejects.toBe(failure);
    expect(seen).toEqual([1, 2]);
    expect(await queue.next()).toEqual({ done: true, value: undefined });
  });

  it('rejects a waiting reader with the end error', async () => {
    const queue = new QueuedIterator<number>(1);
    const waiting = queue.next();
    const failure = new Error('gone');
    queue.end(failure);
    await expect(waiting).rejects.toBe(failure);
  });

  it('drops what is queued when the loop breaks', async () => {
    const queue = new QueuedIterator<number>(8);
    for (let n = 0; n < 8; n++) queue.push(n);
    for await (const n of queue) if (n === 2) break;
    expect(queue.length).toBe(0);
    expect(queue.ended).toBe(true);
    expect(queue.push(9)).toBe(false);
    expect(await queue.next()).toEqual({ done: true, value: undefined });
  });

  it('keeps order across compaction of a long run', async () => {
    const queue = new QueuedIterator<number>(3000);
    let pushed = 0;
    let taken = 0;
    for (let round = 0; round < 4; round++) {
      while (queue.length < queue.capacity) queue.push(pushed++);
      while (queue.length > 500) expect((await queue.next()).value).toBe(taken++);
    }
    expect(queue.length).toBe(pushed - taken);
  });
});
