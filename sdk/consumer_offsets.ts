// A Consumer's offset bookkeeping per partition: the highest offset queued
// (a group member's re-poll before its commit returns messages it already
// has), processed (handed to the application and done), and committed
// (stored on the server), so a commit stores only what moved. Browser-safe.
import { IggyError } from '../src/errors/iggy_error.js';

/** StoreConsumerOffset for one partition of the consumer's topic. */
export type StoreOffset = (partitionId: number, offset: bigint) => Promise<void>;

export class ConsumerOffsets {
  readonly #storeOffset: StoreOffset;
  readonly #queued = new Map<number, bigint>();
  readonly #processed = new Map<number, bigint>();
  readonly #committed = new Map<number, bigint>();

  constructor(storeOffset: StoreOffset) {
    this.#storeOffset = storeOffset;
  }

  /** False for an offset at or below one already queued (polled again): drop that message. */
  queue(partitionId: number, offset: bigint): boolean {
    const queuedUpTo = this.#queued.get(partitionId);
    if (queuedUpTo !== undefined && offset <= queuedUpTo) return false;
    this.#queued.set(partitionId, offset);
    return true;
  }

  processed(partitionId: number, offset: bigint): void {
    raise(this.#processed, partitionId, offset);
  }

  /** Stores every processed offset the server does not have yet. */
  async commitProcessed(): Promise<void> {
    const moved = [...this.#processed].filter(([partitionId, offset]) => this.#committed.get(partitionId) !== offset);
    await Promise.all(moved.map(([partitionId, offset]) => this.store(partitionId, offset)));
  }

  async store(partitionId: number, offset: bigint): Promise<void> {
    try {
      await this.#storeOffset(partitionId, offset);
      raise(this.#committed, partitionId, offset);
    } catch (error) {
      // The partition moved to another member (rebalance): its new owner goes on from the group's offset.
      if (error instanceof IggyError && error.errorName === 'NotResolvedConsumer') return;
      throw error;
    }
  }
}

/** Offsets only move forward: a late, lower store or re-delivery must not rewind them. */
function raise(offsets: Map<number, bigint>, partitionId: number, offset: bigint): void {
  const previous = offsets.get(partitionId);
  if (previous === undefined || offset > previous) offsets.set(partitionId, offset);
}
