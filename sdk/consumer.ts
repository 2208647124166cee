// Consumer: `for await (const message of consumer)` over a topic, as a single
// consumer (every partition, or one) or as a member of a consumer group. A
// poller fills a bounded QueuedIterator (sdk/queued_iterator.ts); the
// application drains it. The poller waits for room for a whole batch, so a
// slow application slows polling instead of growing memory.
//
// Commit modes:
//  - autoCommit true (default): a message counts as processed once the
//    iterator is asked for the next one (or the loop ends); processed offsets
//    are stored before each poll and on close. At least once.
//  - autoCommit 'poll': the server stores the offset when it returns the
//    messages (PollMessages auto_commit). Cheapest; at most once across crashes.
//  - autoCommit false: call `commit()` (all processed so far) or `commit(message)`.
//
// A single consumer tracks its position per partition locally and polls by
// offset after the first batch. A group member polls Next (the server picks
// the member's partitions) and drops messages it already queued. After a
// reconnect the client logs in again and this consumer re-joins its group
// (a session hook) before any queued poll goes out. Browser-safe.
import { assert } from '../src/assert.js';
import { IggyError, isRetriable } from '../src/errors/iggy_error.js';
import type { PolledMessages } from '../src/protocol/commands/messages/poll_messages.js';
import { PollingStrategies } from '../src/protocol/polling_strategy.js';
import { type Consumer as ConsumerSpec, PollingKind, type PollingStrategy, type PolledMessage } from '../src/protocol/types.js';
import { Consumers, type Id, type IggyClient } from './client.js';
import { joinGroup } from './consumer_group.js';
import { ConsumerOffsets } from './consumer_offsets.js';
import { SDK_LIMITS } from './limits.js';
import { QueuedIterator } from './queued_iterator.js';
import { sleep, type Sleep } from './sleep.js';

export interface ConsumerOptions {
  stream: Id;
  topic: Id;
  /** Consume as a member of this consumer group (name or id). */
  group?: Id;
  /** Create the group when it does not exist (default true for a group given by name). */
  createGroup?: boolean;
  /** Single consumer id (default 0); offsets are stored per consumer id. */
  consumerId?: Id;
  /** Single consumer: only this partition (default: all partitions of the topic). */
  partitionId?: number;
  /** Where to start when nothing is stored (default next = after the stored offset, else first). */
  strategy?: PollingStrategy;
  /** Messages per poll. */
  batchSize?: number;
  /** Pause after a poll round that returned nothing. */
  pollIntervalMs?: number;
  autoCommit?: boolean | 'poll';
  /** Messages buffered between poller and iterator. */
  queueMessagesMax?: number;
}

/** A polled message and where it came from. */
export interface ConsumedMessage extends PolledMessage {
  readonly partitionId: number;
  readonly offset: bigint;
}

/** How often an idle single consumer re-reads the topic's partitions. */
const PARTITIONS_REFRESH_MS = 1_000;

export class Consumer implements AsyncIterable<ConsumedMessage> {
  readonly #client: IggyClient;
  readonly #options: ConsumerOptions;
  readonly #consumer: ConsumerSpec;
  readonly #batchSize: number;
  readonly #pollIntervalMs: number;
  readonly #autoCommit: boolean | 'poll';
  readonly #strategy: PollingStrategy;
  readonly #queue: QueuedIterator<ConsumedMessage>;
  readonly #offsets: ConsumerOffsets;
  /** The message last handed out; processed once the next one is asked for. */
  #inHand: ConsumedMessage | null = null;
  /** Single consumer: next offset to poll per partition; absent = not positioned yet (use the start strategy). */
  readonly #cursors = new Map<number, bigint>();
  #partitions: number[] = [];
  #partitionsReadAtMs = 0;
  #started: Promise<void> | null = null;
  #loop: Promise<void> | null = null;
  #removeHook: (() => void) | null = null;
  #closed = false;
  #iterating = false;
  #pause: Sleep | null = null;

  constructor(client: IggyClient, options: ConsumerOptions) {
    this.#client = client;
    this.#options = options;
    this.#consumer = options.group !== undefined ? Consumers.group(options.group) : Consumers.single(options.consumerId ?? 0);
    this.#batchSize = options.batchSize ?? SDK_LIMITS.consumerBatchMessagesMax;
    this.#pollIntervalMs = options.pollIntervalMs ?? SDK_LIMITS.consumerPollIntervalMs;
    this.#queue = new QueuedIterator(Math.max(options.queueMessagesMax ?? SDK_LIMITS.consumerQueueMessagesMax, this.#batchSize));
    this.#autoCommit = options.autoCommit ?? true;
    this.#offsets = new ConsumerOffsets((partitionId, offset) =>
      client.offsets.store(this.#consumer, options.stream, options.topic, partitionId, offset),
    );
    this.#strategy = options.strategy ?? PollingStrategies.next();
    assert(this.#batchSize >= 1, 'batchSize must be at least 1');
    assert(options.group === undefined || options.partitionId === undefined, 'a group member does not choose partitions');
  }

  /** Messages polled and waiting for the iterator; never more than `queueMessagesMax`. */
  get bufferedMessages(): number {
    return this.#queue.length;
  }

  get isGroupMember(): boolean {
    return this.#options.group !== undefined;
  }

  /** Joins the group (creating it if asked) or reads the topic's partitions, then starts polling. Idempotent. */
  start(): Promise<void> {
    this.#started ??= this.#start();
    return this.#started;
  }

  async #start(): Promise<void> {
    const { stream, topic, group, createGroup } = this.#options;
    if (group !== undefined) {
      this.#removeHook = await joinGroup(this.#client, { stream, topic, group, ...(createGroup === undefined ? {} : { createGroup }) });
    } else if (this.#options.partitionId !== undefined) {
      this.#partitions = [this.#options.partitionId];
    } else {
      await this.#refreshPartitions();
    }
    this.#loop = this.#pollLoop();
  }

  /** All partitions of the topic; re-read when idle so partitions added later are consumed too. */
  async #refreshPartitions(): Promise<void> {
    const { stream, topic } = this.#options;
    const details = await this.#client.topics.get(stream, topic);
    if (details === null) throw IggyError.of('TopicIdNotFound', `topic ${String(topic)} of stream ${String(stream)}`);
    this.#partitions = details.partitions.map((p) => p.id);
    this.#partitionsReadAtMs = Date.now();
  }

  [Symbol.asyncIterator](): AsyncIterator<ConsumedMessage> {
    assert(!this.#iterating, 'a consumer can be iterated once');
    this.#iterating = true;
    return {
      next: () => this.#next(),
      return: async () => {
        await this.close();
        return { done: true, value: undefined };
      },
    };
  }

  async #next(): Promise<IteratorResult<ConsumedMessage>> {
    this.#markProcessed();
    if (this.#started === null && !this.#closed) await this.start();
    let result: IteratorResult<ConsumedMessage>;
    try {
      result = await this.#queue.next();
    } catch (error) {
      // The poller failed for good: the queued messages went out first, now stop.
      await this.close();
      throw error;
    }
    if (result.done !== true) this.#inHand = result.value;
    return result;
  }

  #markProcessed(): void {
    const message = this.#inHand;
    if (message === null) return;
    this.#inHand = null;
    this.#offsets.processed(message.partitionId, message.offset);
  }

  /**
   * Stores consumer offsets on the server: for `message` only, or for every
   * message handed out so far (including the one in hand).
   */
  async commit(message?: ConsumedMessage): Promise<void> {
    if (message !== undefined) {
      await this.#offsets.store(message.partitionId, message.offset);
      return;
    }
    this.#markProcessed();
    await this.#offsets.commitProcessed();
  }

  async #pollLoop(): Promise<void> {
    while (!this.#closed) {
      try {
        await (this.isGroupMember ? this.#pollAsMember() : this.#pollRound());
      } catch (error) {
        if (this.#closed) break;
        if (await this.#recover(error)) continue;
        this.#queue.end(error); // the iterator throws it after the queued messages
        return;
      }
    }
  }

  /**
   * Waits until a whole batch fits (topping the queue up one message at a
   * time would turn every consumed message into a round trip), committing
   * processed offsets first; false once closed.
   */
  async #readyToPoll(): Promise<boolean> {
    if (this.#autoCommit === true) await this.#offsets.commitProcessed();
    await this.#queue.room(this.#batchSize);
    return !this.#closed;
  }

  async #pollAsMember(): Promise<void> {
    if (!(await this.#readyToPoll())) return;
    const { polled, added } = await this.#pollGroup();
    // Only re-polled messages: the server's Next position waits for our
    // commit, which waits for the application. Poll again once the queue has
    // drained (and processed offsets were committed), not on a timer.
    if (added === 0) await (polled > 0 ? this.#queue.room(this.#queue.capacity) : this.#idle());
  }

  /** Single consumer: every partition once; pauses (and re-reads the partitions now and then) when the round was empty. */
  async #pollRound(): Promise<void> {
    let received = 0;
    for (const partitionId of [...this.#partitions]) {
      if (!(await this.#readyToPoll())) return;
      received += await this.#pollPartition(partitionId);
    }
    if (received > 0) return;
    await this.#idle();
    const stale = Date.now() - this.#partitionsReadAtMs >= PARTITIONS_REFRESH_MS;
    if (this.#options.partitionId === undefined && (stale || this.#partitions.length === 0)) await this.#refreshPartitions();
  }

  /** True when polling can go on after `error`. */
  async #recover(error: unknown): Promise<boolean> {
    if (error instanceof IggyError && error.errorName === 'PartitionNotFound' && !this.isGroupMember && this.#options.partitionId === undefined) {
      // Partitions were deleted under us: poll the ones that remain.
      await this.#idle();
      await this.#refreshPartitions().catch(() => {});
      return true;
    }
    // Connection failures (the client reconnects underneath) and lost session state: poll again.
    if (!isRetriable(error) || this.#client.state === 'closed') return false;
    await this.#idle();
    // The server dropped our membership (e.g. it restarted between our
    // reconnect's join and this poll): join again before the next poll.
    const { stream, topic, group } = this.#options;
    if (group !== undefined && isRetriable(error, 'session')) await this.#client.groups.join(stream, topic, group).catch(() => {});
    return true;
  }

  async #idle(): Promise<void> {
    this.#pause = sleep(this.#pollIntervalMs);
    await this.#pause.promise;
    this.#pause = null;
  }

  async #pollPartition(partitionId: number): Promise<number> {
    const next = this.#cursors.get(partitionId);
    const polled = await this.#poll(partitionId, next === undefined ? this.#strategy : PollingStrategies.offset(next));
    const last = polled.messages.at(-1);
    if (last !== undefined) this.#cursors.set(partitionId, last.header.offset + 1n);
    else if (next === undefined && this.#strategy.kind === PollingKind.Offset) this.#cursors.set(partitionId, this.#strategy.value);
    return this.#enqueue(polled.partitionId, polled.messages);
  }

  /** A group member polls Next: the server picks the partition. */
  async #pollGroup(): Promise<{ polled: number; added: number }> {
    const polled = await this.#poll(null, PollingStrategies.next());
    return { polled: polled.messages.length, added: this.#enqueue(polled.partitionId, polled.messages) };
  }

  #poll(partitionId: number | null, strategy: PollingStrategy): Promise<PolledMessages> {
    const { stream, topic } = this.#options;
    const autoCommit = this.#autoCommit === 'poll';
    return this.#client.messages.poll(stream, topic, { consumer: this.#consumer, partitionId, strategy, count: this.#batchSize, autoCommit });
  }

  #enqueue(partitionId: number, messages: readonly PolledMessage[]): number {
    let added = 0;
    for (const message of messages) {
      const offset = message.header.offset;
      if (this.#queue.ended) break;
      if (!this.#offsets.queue(partitionId, offset)) continue; // polled again before its commit
      this.#queue.push({ header: message.header, payload: message.payload, userHeaders: message.userHeaders, partitionId, offset });
      added++;
    }
    return added;
  }

  /**
   * Stops polling, commits processed offsets (auto-commit), leaves the group.
   * Queued messages not handed out are dropped and delivered again later.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#pause?.cancel();
    this.#queue.end(); // wakes the poller waiting for room; the reader gets what is queued, then done
    await this.#loop?.catch(() => {});
    this.#removeHook?.();
    if (this.#client.state === 'closed') return;
    if (this.#autoCommit === true) {
      this.#markProcessed();
      await this.#offsets.commitProcessed().catch(() => {});
    }
    if (this.#options.group !== undefined && this.#started !== null) {
      await this.#client.groups.leave(this.#options.stream, this.#options.topic, this.#options.group).catch(() => {});
    }
  }
}
