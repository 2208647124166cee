// Producer: batches messages by count, size and linger time, picks partitions
// (balanced, partition id, message key), optionally stamps message ids for
// server-side dedup, and bounds the batches in flight: `send` resolves once the
// messages are batched and awaits while the window is full (backpressure).
// Batches to the same partitioning go out in order over one pipelined
// connection, and the server applies them in that order, so per-partition
// order is kept. A batch whose connection dropped is written again right
// after the reconnect, before later batches (at least once; with ids and the
// server's dedup, once). A failed batch
// fails the next `send`/`flush`/`close`. Browser-safe.
import { assert } from '../src/assert.js';
import { IggyError } from '../src/errors/iggy_error.js';
import { INDEX_ENTRY_BYTES, MESSAGE_HEADER_BYTES } from '../src/protocol/commands/messages/message_header.js';
import type { OutgoingMessage } from '../src/protocol/commands/messages/send_messages.js';
import { userHeadersSizeBytes } from '../src/protocol/user_headers.js';
import { PartitioningKind, type Partitioning, type UserHeader } from '../src/protocol/types.js';
import { type Id, type IggyClient, type MessageKey, Partitionings, toOutgoing } from './client.js';
import { SDK_LIMITS } from './limits.js';

export interface ProducerMessage {
  payload: Uint8Array | string;
  /** u128 id; set it (or `generateIds`) for server-side dedup. */
  id?: bigint;
  headers?: readonly UserHeader[];
  /** Overrides the producer's partitioning for this message. */
  partitionId?: number;
  /** Overrides the producer's partitioning: equal keys land in the same partition. */
  key?: MessageKey;
}

export interface ProducerOptions {
  stream: Id;
  topic: Id;
  /** Default balanced (server round-robin per batch). */
  partitioning?: Partitioning;
  batchMessagesMax?: number;
  batchBytesMax?: number;
  /** How long a partial batch waits for more messages. 0 = send at once. */
  lingerMs?: number;
  /** Batches sent but not acknowledged; beyond this `send` waits. */
  inFlightBatchesMax?: number;
  /** Give every message without an id a random u128 id (dedup of retried batches). */
  generateIds?: boolean;
  /** Per-batch timeout (default: the client's request timeout), counted while waiting for a reconnect too. */
  timeoutMs?: number;
  /** Stamp origin_timestamp with the send time in µs (default true). */
  originTimestamp?: boolean;
}

interface Batch {
  readonly partitioning: Partitioning;
  readonly messages: OutgoingMessage[];
  bytes: number;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** Set once handed to #dispatch: a linger timer and a flush may both reach it. */
  dispatched: boolean;
}

function partitioningKey(partitioning: Partitioning): string {
  switch (partitioning.kind) {
    case PartitioningKind.Balanced:
      return 'b';
    case PartitioningKind.PartitionId:
      return `p${partitioning.partitionId}`;
    case PartitioningKind.MessagesKey:
      return `k${Array.from(partitioning.key, (b) => b.toString(16).padStart(2, '0')).join('')}`;
  }
}

function randomU128(): bigint {
  const words = new Uint32Array(4);
  globalThis.crypto.getRandomValues(words);
  let id = 0n;
  for (const word of words) id = (id << 32n) | BigInt(word);
  return id === 0n ? 1n : id; // 0 means "server assigns"
}

export class Producer {
  readonly #client: IggyClient;
  readonly #stream: Id;
  readonly #topic: Id;
  readonly #partitioning: Partitioning;
  readonly #partitioningKey: string;
  readonly #batchMessagesMax: number;
  readonly #batchBytesMax: number;
  readonly #lingerMs: number;
  readonly #inFlightMax: number;
  readonly #generateIds: boolean;
  readonly #timeoutMs: number | undefined;
  readonly #originTimestamp: boolean;
  /** Open batches by partitioning; insertion order = the order they fill. */
  readonly #batches = new Map<string, Batch>();
  #inFlight = 0;
  readonly #inFlightBatches = new Set<Promise<void>>();
  #slotWaiters: Array<() => void> = [];
  /** The first failure not yet reported; thrown by the next send/flush/close. */
  #error: unknown = undefined;
  #closed = false;
  #messagesSent = 0;

  constructor(client: IggyClient, options: ProducerOptions) {
    this.#client = client;
    this.#stream = options.stream;
    this.#topic = options.topic;
    this.#partitioning = options.partitioning ?? Partitionings.balanced();
    this.#partitioningKey = partitioningKey(this.#partitioning);
    this.#batchMessagesMax = options.batchMessagesMax ?? SDK_LIMITS.producerBatchMessagesMax;
    this.#batchBytesMax = options.batchBytesMax ?? SDK_LIMITS.producerBatchBytesMax;
    this.#lingerMs = options.lingerMs ?? SDK_LIMITS.producerLingerMs;
    this.#inFlightMax = options.inFlightBatchesMax ?? SDK_LIMITS.producerInFlightBatchesMax;
    this.#generateIds = options.generateIds ?? false;
    this.#timeoutMs = options.timeoutMs;
    this.#originTimestamp = options.originTimestamp ?? true;
    assert(this.#batchMessagesMax >= 1, 'batchMessagesMax must be at least 1');
    assert(this.#inFlightMax >= 1, 'inFlightBatchesMax must be at least 1');
  }

  /** Batches sent and not yet acknowledged; never more than `inFlightBatchesMax`. */
  get inFlightBatches(): number {
    return this.#inFlight;
  }

  /** Messages acknowledged by the server so far. */
  get messagesSent(): number {
    return this.#messagesSent;
  }

  /**
   * Adds messages to their batches. Resolves once they are batched; waits
   * while `inFlightBatchesMax` batches are unacknowledged. Rejects with an
   * earlier batch's failure, or ProducerClosed (4057) after close().
   */
  async send(input: ProducerMessage | readonly ProducerMessage[]): Promise<void> {
    if (this.#closed) throw IggyError.of('ProducerClosed', 'send after close');
    this.#throwPending();
    const messages = Array.isArray(input) ? (input as readonly ProducerMessage[]) : [input as ProducerMessage];
    const nowUs = this.#originTimestamp ? BigInt(Date.now()) * 1000n : 0n;
    for (const message of messages) {
      const partitioning =
        message.partitionId !== undefined
          ? Partitionings.partitionId(message.partitionId)
          : message.key !== undefined
            ? Partitionings.messagesKey(message.key)
            : this.#partitioning;
      const outgoing = toOutgoing({
        payload: message.payload,
        ...(message.headers === undefined ? {} : { headers: message.headers }),
        id: message.id ?? (this.#generateIds ? randomU128() : 0n),
        originTimestamp: nowUs,
      });
      const key = partitioning === this.#partitioning ? this.#partitioningKey : partitioningKey(partitioning);
      let batch = this.#batches.get(key);
      const sizeBytes = MESSAGE_HEADER_BYTES + INDEX_ENTRY_BYTES + outgoing.payload.length + userHeadersSizeBytes(outgoing.headers);
      if (batch !== undefined && batch.bytes + sizeBytes > this.#batchBytesMax) {
        await this.#dispatch(key, batch);
        batch = undefined;
      }
      if (batch === undefined) {
        batch = { partitioning, messages: [], bytes: 0, timer: undefined, dispatched: false };
        this.#batches.set(key, batch);
        if (this.#lingerMs > 0) {
          const open = batch;
          open.timer = setTimeout(() => {
            open.timer = undefined;
            if (this.#batches.get(key) === open) void this.#dispatch(key, open).catch((error) => this.#fail(error));
          }, this.#lingerMs);
        }
      }
      batch.messages.push(outgoing);
      batch.bytes += sizeBytes;
      if (batch.messages.length >= this.#batchMessagesMax || this.#lingerMs === 0) await this.#dispatch(key, batch);
    }
  }

  /** Sends every open batch and waits until all batches are acknowledged. */
  async flush(): Promise<void> {
    for (const [key, batch] of [...this.#batches]) await this.#dispatch(key, batch);
    while (this.#inFlightBatches.size > 0) await Promise.allSettled([...this.#inFlightBatches]);
    this.#throwPending();
  }

  /** Flushes, then refuses further sends. The client stays open (it may be shared). */
  async close(): Promise<void> {
    if (this.#closed) return;
    try {
      await this.flush();
    } finally {
      this.#closed = true;
    }
  }

  async #dispatch(key: string, batch: Batch): Promise<void> {
    if (batch.dispatched) return;
    batch.dispatched = true;
    if (this.#batches.get(key) === batch) this.#batches.delete(key);
    clearTimeout(batch.timer);
    batch.timer = undefined;
    if (batch.messages.length === 0) return;
    while (this.#inFlight >= this.#inFlightMax) await new Promise<void>((resolve) => this.#slotWaiters.push(resolve));
    this.#inFlight++;
    const sent = this.#sendBatch(batch).finally(() => {
      this.#inFlight--;
      this.#inFlightBatches.delete(sent);
      const wake = this.#slotWaiters.shift();
      wake?.();
    });
    this.#inFlightBatches.add(sent);
  }

  async #sendBatch(batch: Batch): Promise<void> {
    try {
      // resendOnReconnect: a batch cut off by a disconnect is written again
      // first thing after the reconnect, ahead of later batches, so order holds.
      await this.#client.messages.send(this.#stream, this.#topic, batch.messages, batch.partitioning, {
        resendOnReconnect: true,
        ...(this.#timeoutMs === undefined ? {} : { timeoutMs: this.#timeoutMs }),
      });
      this.#messagesSent += batch.messages.length;
    } catch (error) {
      this.#fail(error);
    }
  }

  #fail(error: unknown): void {
    if (this.#error === undefined) this.#error = error;
  }

  #throwPending(): void {
    const error = this.#error;
    if (error === undefined) return;
    this.#error = undefined;
    throw error;
  }
}
