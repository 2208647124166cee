// One benchmark actor: a producer, a consumer, or a producing consumer, on its
// own connection. It runs in a worker thread (actor_worker.ts) so the actors
// and the bench's own bookkeeping do not share one event loop; `--actors
// inline` runs the same code on the main thread (tests).
//
// Every request frame is built once in prepare(); the measured loop only
// writes it and waits for the answer. Producers keep `inFlight` batches on
// the wire (default 2, as the outside harness does), so the server never idles
// for a round trip between batches; polls and round trips stay one at a time,
// since each poll's offset depends on the previous answer. A batch's latency
// is from its write to the whole response (so it includes waiting behind the
// other batches in flight).
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { IggyError } from '../src/errors/iggy_error.js';
import { Identifier, ConsumerKind, PollingKind, PartitioningKind, type Partitioning } from '../src/protocol/types.js';
import type { BenchConnection, Response } from './wire/connection.js';
import { openConnection, type Endpoint } from './wire/open.js';
import {
  MESSAGE_HEADER_BYTES,
  POLL_RESPONSE_HEADER_BYTES,
  joinConsumerGroupFrame,
  pollMessagesFrame,
  pollOffsetValueAt,
  readPollResponseHeader,
  sendMessagesFrame,
  setPollOffset,
} from './wire/commands.js';

export type ActorRole = 'producer' | 'consumer' | 'producing-consumer';

export interface ActorSpec {
  /** 0-based index into the session's progress counters. */
  index: number;
  role: ActorRole;
  address: Endpoint;
  /** null against the ceiling sink, which has no users. */
  credentials: { username: string; password: string } | null;
  streamId: number;
  topicId: number;
  /** Where producers send: one partition (pinned) or balanced over all. */
  send: { kind: 'partition'; partitionId: number } | { kind: 'balanced' };
  /** How consumers poll: by offset from one partition, or `next` as a consumer-group member. */
  poll: { kind: 'offset'; consumerId: number; partitionId: number } | { kind: 'group'; groupId: number } | null;
  messageSizeBytes: number;
  messagesPerBatch: number;
  /** Batches to send (producers, producing consumers); consumers stop on messagesTarget. */
  batches: number;
  /** Messages a pinned consumer reads; for group members the group's shared target. */
  messagesTarget: number;
  warmupMs: number;
  rateBytesPerSecond: number | undefined;
  samplingMs: number;
  /** Batches done per actor, read by the progress bar. */
  progress: SharedArrayBuffer;
  /** Messages received per consumer group, shared by its members (Int32, Atomics). */
  groupCounters: SharedArrayBuffer;
  groupCounterIndex: number;
  /** No progress for this long fails the actor instead of hanging the session. */
  stallTimeoutMs: number;
  /** SendMessages requests a producer keeps on the wire at once. */
  inFlight: number;
  /** Soak: run until this much time has passed instead of to the batch and message counts. */
  durationMs: number | undefined;
}

export interface ActorResult {
  index: number;
  role: ActorRole;
  batches: number;
  messages: number;
  /** Message payload bytes moved (messages × message size). */
  bytes: number;
  /** Epoch milliseconds of the first request and the last response of the measured phase. */
  startMs: number;
  endMs: number;
  latenciesMs: number[];
  /** Per sampling interval from the session start: messages finished, latency sum and count. */
  timeline: { messages: number[]; latencySumMs: number[]; latencyCount: number[] };
  emptyPolls: number;
  warmupBatches: number;
}

const EMPTY_POLL_BACKOFF_MS = 1;

function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

function partitioningOf(send: ActorSpec['send']): Partitioning {
  return send.kind === 'balanced' ? { kind: PartitioningKind.Balanced } : { kind: PartitioningKind.PartitionId, partitionId: send.partitionId };
}

function check(response: Response, what: string): Response {
  if (response.status !== 0) throw IggyError.fromCode(response.status, what);
  return response;
}

export class Actor {
  readonly #spec: ActorSpec;
  #connection: BenchConnection | null = null;
  #sendFrame: Uint8Array | null = null;
  #pollFrame: Uint8Array | null = null;
  #pollValueAt = 0;
  readonly #progress: Int32Array;
  readonly #groupCounters: Int32Array;
  readonly #result: ActorResult;
  #sessionStartMs = 0;
  /** performance.now() at which a duration run stops; Infinity for counted runs. */
  #deadline = Infinity;

  constructor(spec: ActorSpec) {
    this.#spec = spec;
    this.#progress = new Int32Array(spec.progress);
    this.#groupCounters = new Int32Array(spec.groupCounters);
    this.#result = {
      index: spec.index,
      role: spec.role,
      batches: 0,
      messages: 0,
      bytes: 0,
      startMs: 0,
      endMs: 0,
      latenciesMs: [],
      timeline: { messages: [], latencySumMs: [], latencyCount: [] },
      emptyPolls: 0,
      warmupBatches: 0,
    };
  }

  /** Connects, logs in, joins its group and builds its frames: nothing here is measured. */
  async prepare(): Promise<void> {
    const spec = this.#spec;
    const connection = await openConnection(spec.address);
    this.#connection = connection;
    if (spec.credentials !== null) await connection.login(spec.credentials.username, spec.credentials.password);
    const streamId = Identifier.numeric(spec.streamId);
    const topicId = Identifier.numeric(spec.topicId);
    if (spec.role !== 'consumer') {
      this.#sendFrame = sendMessagesFrame({
        streamId,
        topicId,
        partitioning: partitioningOf(spec.send),
        messagesCount: spec.messagesPerBatch,
        messageSizeBytes: spec.messageSizeBytes,
      });
    }
    const poll = spec.poll;
    if (poll !== null) {
      if (poll.kind === 'group') {
        const groupId = Identifier.numeric(poll.groupId);
        await connection.call(joinConsumerGroupFrame(streamId, topicId, groupId), `join consumer group ${poll.groupId}`);
        this.#pollFrame = pollMessagesFrame({
          consumer: { kind: ConsumerKind.ConsumerGroup, id: groupId },
          streamId,
          topicId,
          partitionId: undefined,
          strategy: { kind: PollingKind.Next, value: 0n },
          count: spec.messagesPerBatch,
          autoCommit: true,
        });
      } else {
        this.#pollFrame = pollMessagesFrame({
          consumer: { kind: ConsumerKind.Consumer, id: Identifier.numeric(poll.consumerId) },
          streamId,
          topicId,
          partitionId: poll.partitionId,
          strategy: { kind: PollingKind.Offset, value: 0n },
          count: spec.messagesPerBatch,
          autoCommit: false,
        });
        this.#pollValueAt = pollOffsetValueAt(this.#pollFrame);
      }
    }
  }

  /** Runs the warm-up, then the measured phase; `sessionStartMs` is the shared epoch start of the timeline. */
  async run(sessionStartMs: number): Promise<ActorResult> {
    this.#sessionStartMs = sessionStartMs;
    const spec = this.#spec;
    if (spec.warmupMs > 0) await this.#warmup();
    this.#result.startMs = epochNow();
    if (spec.durationMs !== undefined) this.#deadline = performance.now() + spec.durationMs;
    switch (spec.role) {
      case 'producer':
        await this.#produce();
        break;
      case 'consumer':
        await this.#consume();
        break;
      case 'producing-consumer':
        await this.#produceAndConsume();
        break;
    }
    this.#result.endMs = epochNow();
    return this.#result;
  }

  async close(): Promise<void> {
    await this.#connection?.close();
    this.#connection = null;
  }

  /**
   * Warm-up traffic is real but unrecorded: producers send extra batches
   * (consumers later read them too only in group modes, where the target
   * counts what the group receives); offset consumers re-read from offset 0.
   */
  async #warmup(): Promise<void> {
    const connection = this.#connection!;
    const until = performance.now() + this.#spec.warmupMs;
    while (performance.now() < until) {
      if (this.#sendFrame !== null) check(await connection.request(this.#sendFrame), 'warm-up SendMessages');
      else if (this.#pollFrame !== null && this.#spec.poll?.kind === 'offset') {
        setPollOffset(this.#pollFrame, this.#pollValueAt, 0);
        check(await connection.request(this.#pollFrame), 'warm-up PollMessages');
      } else break; // a group member cannot poll without consuming the group's messages
      this.#result.warmupBatches++;
    }
  }

  #record(latencyMs: number, messages: number): void {
    const result = this.#result;
    result.batches++;
    result.messages += messages;
    result.bytes += messages * this.#spec.messageSizeBytes;
    result.latenciesMs.push(latencyMs);
    const bucket = Math.max(0, Math.floor((epochNow() - this.#sessionStartMs) / this.#spec.samplingMs));
    const { timeline } = result;
    while (timeline.messages.length <= bucket) {
      timeline.messages.push(0);
      timeline.latencySumMs.push(0);
      timeline.latencyCount.push(0);
    }
    timeline.messages[bucket]! += messages;
    timeline.latencySumMs[bucket]! += latencyMs;
    timeline.latencyCount[bucket]! += 1;
    Atomics.store(this.#progress, this.#spec.index, result.batches);
  }

  /** Sleeps so that this actor's bytes so far stay within its share of the rate limit. */
  async #throttle(): Promise<void> {
    const rate = this.#spec.rateBytesPerSecond;
    if (rate === undefined) return;
    const dueAt = this.#result.startMs + (this.#result.bytes / rate) * 1000;
    const wait = dueAt - epochNow();
    if (wait > 1) await sleep(wait);
  }

  /** Whether a producer may send one more batch: within the count, or before the deadline of a duration run. */
  #moreBatches(claimed: number): boolean {
    return this.#spec.durationMs === undefined ? claimed < this.#spec.batches : performance.now() < this.#deadline;
  }

  /**
   * `inFlight` lanes share one connection, each sending the same pre-encoded
   * frame and awaiting its answer: responses come back in order, so the
   * window stays full. A failed lane stops the others from claiming more.
   */
  async #produce(): Promise<void> {
    const connection = this.#connection!;
    const frame = this.#sendFrame!;
    const messages = this.#spec.messagesPerBatch;
    let claimed = 0;
    let failed = false;
    const lane = async () => {
      while (!failed && this.#moreBatches(claimed)) {
        claimed++;
        await this.#throttle();
        try {
          const response = check(await connection.request(frame), 'SendMessages');
          this.#record(response.latencyMs, messages);
        } catch (error) {
          failed = true;
          throw error;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, this.#spec.inFlight) }, lane));
  }

  /** One poll; returns how many messages came back and the poll's latency. */
  async #pollOnce(offset: number): Promise<{ messages: number; latencyMs: number }> {
    const frame = this.#pollFrame!;
    if (this.#spec.poll?.kind === 'offset') setPollOffset(frame, this.#pollValueAt, offset);
    const response = check(await this.#connection!.request(frame), 'PollMessages');
    if (response.payload.length < POLL_RESPONSE_HEADER_BYTES) {
      throw IggyError.of('InvalidBytesResponse', `poll response of ${response.payload.length} bytes, expected at least 16`);
    }
    const { messagesCount } = readPollResponseHeader(response.payload);
    const expectedBytes = POLL_RESPONSE_HEADER_BYTES + messagesCount * (MESSAGE_HEADER_BYTES + this.#spec.messageSizeBytes);
    if (response.payload.length < expectedBytes) {
      throw IggyError.of('InvalidBytesResponse', `poll returned ${messagesCount} messages in ${response.payload.length} bytes, expected ${expectedBytes}`);
    }
    if (messagesCount === 0) this.#result.emptyPolls++;
    return { messages: messagesCount, latencyMs: response.latencyMs };
  }

  #groupReceived(messages: number): number {
    return messages === 0
      ? Atomics.load(this.#groupCounters, this.#spec.groupCounterIndex)
      : Atomics.add(this.#groupCounters, this.#spec.groupCounterIndex, messages) + messages;
  }

  async #consume(): Promise<void> {
    const spec = this.#spec;
    const group = spec.poll?.kind === 'group';
    let offset = 0;
    let lastProgressAt = performance.now();
    for (;;) {
      const received = group ? this.#groupReceived(0) : this.#result.messages;
      if (spec.durationMs === undefined ? received >= spec.messagesTarget : performance.now() >= this.#deadline) return;
      await this.#throttle();
      const { messages, latencyMs } = await this.#pollOnce(offset);
      if (messages === 0) {
        if (performance.now() - lastProgressAt > spec.stallTimeoutMs) {
          throw new Error(`consumer ${spec.index} stalled: no messages for ${spec.stallTimeoutMs} ms at ${received}/${spec.messagesTarget}`);
        }
        await sleep(EMPTY_POLL_BACKOFF_MS);
        continue;
      }
      lastProgressAt = performance.now();
      offset += messages;
      if (group) this.#groupReceived(messages);
      this.#record(latencyMs, messages);
    }
  }

  /** Sends a batch, then polls until it has come back: a batch's latency is the whole round trip. */
  async #produceAndConsume(): Promise<void> {
    const spec = this.#spec;
    const connection = this.#connection!;
    const frame = this.#sendFrame!;
    const group = spec.poll?.kind === 'group';
    let offset = 0;
    for (let batch = 0; this.#moreBatches(batch); batch++) {
      await this.#throttle();
      let latencyMs = check(await connection.request(frame), 'SendMessages').latencyMs;
      let pending = spec.messagesPerBatch;
      let lastProgressAt = performance.now();
      while (pending > 0) {
        if (group && this.#groupReceived(0) >= spec.messagesTarget) break;
        const polled = await this.#pollOnce(offset);
        latencyMs += polled.latencyMs;
        if (polled.messages === 0) {
          if (performance.now() - lastProgressAt > spec.stallTimeoutMs) throw new Error(`producing consumer ${spec.index} stalled at batch ${batch}`);
          await sleep(EMPTY_POLL_BACKOFF_MS);
          continue;
        }
        lastProgressAt = performance.now();
        offset += polled.messages;
        pending -= polled.messages;
        if (group) this.#groupReceived(polled.messages);
      }
      // Messages counted once per round trip: what was sent and came back.
      this.#record(latencyMs, spec.messagesPerBatch);
    }
  }
}

/** Runs one actor to completion on the current thread (the worker entry and the inline runner). */
export async function runActorInline(spec: ActorSpec, ready: () => Promise<number>): Promise<ActorResult> {
  const actor = new Actor(spec);
  try {
    await actor.prepare();
    const sessionStartMs = await ready();
    return await actor.run(sessionStartMs);
  } finally {
    await actor.close();
  }
}
