// A bounded queue read as an async iterator (STYLE.md §1, after nats.js'
// QueuedIterator): a producer side (a consumer's poller) pushes items and
// waits for room, the application drains it with `for await`. The bound is
// the backpressure: a poller that waits for room before polling slows to the
// application's pace instead of growing memory. Ending (cleanly or with an
// error) still hands out what is queued first, then finishes (or throws the
// error once). Browser-safe.
import { assert } from '../src/assert.js';

interface Reader<T> {
  readonly resolve: (result: IteratorResult<T>) => void;
  readonly reject: (error: unknown) => void;
}

interface RoomWaiter {
  readonly free: number;
  readonly wake: () => void;
}

/** Above this many taken slots the array is compacted, so a long run does not keep a huge dead prefix. */
const COMPACT_HEAD_MIN = 1024;

export class QueuedIterator<T> implements AsyncIterableIterator<T> {
  readonly capacity: number;
  #items: T[] = [];
  /** Index of the next item to hand out, so taking is O(1). */
  #head = 0;
  #ended = false;
  #error: unknown = undefined;
  #failed = false;
  #readers: Reader<T>[] = [];
  #roomWaiters: RoomWaiter[] = [];

  constructor(capacity: number) {
    assert(Number.isInteger(capacity) && capacity >= 1, 'capacity must be a positive integer');
    this.capacity = capacity;
  }

  /** Items queued and not yet handed out; never more than `capacity`. */
  get length(): number {
    return this.#items.length - this.#head;
  }

  /** True once `end()` was called: pushes are dropped, the iterator finishes after the queued items. */
  get ended(): boolean {
    return this.#ended;
  }

  /**
   * Queues one item (or hands it straight to a waiting reader). Returns false
   * and drops it once ended. Pushing into a full queue is the caller's bug:
   * wait for `room()` first.
   */
  push(item: T): boolean {
    if (this.#ended) return false;
    const reader = this.#readers.shift();
    if (reader !== undefined) {
      reader.resolve({ done: false, value: item });
      return true;
    }
    assert(this.length < this.capacity, `queue full (${this.capacity} items): wait for room() before push()`);
    this.#items.push(item);
    return true;
  }

  /** Resolves once at least `free` slots are empty (`capacity` = the queue is drained), or the queue ended. */
  room(free = 1): Promise<void> {
    assert(free >= 1 && free <= this.capacity, `room(${free}) outside 1..${this.capacity}`);
    if (this.#ended || this.capacity - this.length >= free) return Promise.resolve();
    return new Promise<void>((wake) => this.#roomWaiters.push({ free, wake }));
  }

  /** No more items: readers get what is queued, then done (or `error`, thrown once). Idempotent; the first call wins. */
  end(error?: unknown): void {
    if (this.#ended) return;
    this.#ended = true;
    if (error !== undefined) {
      this.#error = error;
      this.#failed = true;
    }
    for (const waiter of this.#roomWaiters.splice(0)) waiter.wake();
    // Readers wait only on an empty queue, so each gets the end now.
    for (const reader of this.#readers.splice(0)) this.#finish(reader);
  }

  next(): Promise<IteratorResult<T>> {
    if (this.length > 0) return Promise.resolve({ done: false, value: this.#take() });
    return new Promise<IteratorResult<T>>((resolve, reject) => {
      const reader = { resolve, reject };
      if (this.#ended) this.#finish(reader);
      else this.#readers.push(reader);
    });
  }

  /** Stops the iteration early (a `break` out of `for await`): queued items are dropped. */
  return(): Promise<IteratorResult<T>> {
    this.#items = [];
    this.#head = 0;
    this.end();
    return Promise.resolve({ done: true, value: undefined });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  #take(): T {
    const item = this.#items[this.#head]!;
    this.#items[this.#head] = undefined as never; // let the item go
    this.#head++;
    if (this.#head === this.#items.length) {
      this.#items = [];
      this.#head = 0;
    } else if (this.#head > COMPACT_HEAD_MIN && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    this.#wakeRoomWaiters();
    return item;
  }

  #wakeRoomWaiters(): void {
    if (this.#roomWaiters.length === 0) return;
    const free = this.capacity - this.length;
    const waiting: RoomWaiter[] = [];
    for (const waiter of this.#roomWaiters) {
      if (waiter.free <= free) waiter.wake();
      else waiting.push(waiter);
    }
    this.#roomWaiters = waiting;
  }

  #finish(reader: Reader<T>): void {
    if (!this.#failed) {
      reader.resolve({ done: true, value: undefined });
      return;
    }
    const error = this.#error;
    this.#failed = false; // thrown once; later reads see a finished iterator
    this.#error = undefined;
    reader.reject(error);
  }
}
