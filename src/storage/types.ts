// The storage engine's contract with the server (src/server). Storage knows
// nothing of transports, sessions or permissions; it persists and serves.
// Not-found and conflict cases throw IggyError with Iggy 0.8's codes:
// 1009 StreamIdNotFound, 2010 TopicIdNotFound, 3007 PartitionNotFound,
// 5000 ConsumerGroupIdNotFound, 1012/2013/5004 name exists, 20 ResourceNotFound
// (users, tokens), 46 UserAlreadyExists, 3021 ConsumerOffsetNotFound,
// 4100 InvalidOffset. Numbers are u32 ids; u64 values are bigint.
import type {
  ConsumerGroupInfo,
  ConsumerOffsetInfo,
  PartitionInfo,
  PersonalAccessTokenInfo,
  StorageStats,
  StreamInfo,
  TopicInfo,
  TopicSettings,
  UserInfo,
} from '../protocol/model.js';
import type { Identifier, Permissions, UserStatus } from '../protocol/types.js';

// The shared data model lives in src/protocol/model.ts (the SDK sees it too);
// re-exported here for the code that has always imported it from storage.
export type * from '../protocol/model.js';

/** Who an offset belongs to: a single consumer (numeric id or XXH32 of its name) or a group id. */
export interface ConsumerKey {
  kind: 'consumer' | 'group';
  id: number;
}

/** A SendMessages batch as it arrived: views into the request frame. */
export interface IncomingBatch {
  count: number;
  /** 16·count bytes: the client's index table. */
  indexes: Uint8Array;
  /** The messages block, back to back. */
  messages: Uint8Array;
}

/** A topic as the send path sees it. */
export interface TopicShape {
  readonly streamId: number;
  readonly topicId: number;
  /** Tells a topic from a later one that reuses its ids. */
  readonly createdAtUs: bigint;
  readonly partitionsCount: number;
}

export interface ReadResult {
  count: number;
  /** The messages exactly as stored, as one or more chunks (see PollResult.chunks). */
  chunks: Uint8Array[];
  lastOffset: bigint;
}

/** One partition's offsets and reads, as a poll needs them. */
export interface PartitionReader {
  readonly id: number;
  readonly hasMessages: boolean;
  /** Offset of the last message; 0n when empty. */
  readonly currentOffset: bigint;
  readonly firstOffset: bigint;
  /** The first offset stamped at or after `timestampUs`; null when none is. */
  offsetAtTimestamp(timestampUs: bigint): Promise<bigint | null>;
  /** The consumer's (or group's) stored offset; undefined when none. */
  getOffset(consumer: ConsumerKey): bigint | undefined;
  /**
   * Up to `count` messages from `start` (a function is called when the read is
   * planned, so a Next poll sees offsets committed by overlapping polls). With
   * `commitFor`, the last returned offset is stored for that consumer before
   * the read is awaited.
   */
  read(start: bigint | (() => bigint), count: number, commitFor?: ConsumerKey): Promise<ReadResult>;
}

export interface PollResult {
  partitionId: number;
  /** Offset of the last message in the partition; 0n when empty. */
  currentOffset: bigint;
  count: number;
  /**
   * The returned messages exactly as stored (BINARY.md §4.1), back to back,
   * as one or more chunks (segment reads and cached batches are not joined).
   */
  chunks: Uint8Array[];
  /** Offset of the last returned message (meaningful when count > 0). */
  lastOffset: bigint;
}

/**
 * The storage engine. All mutating methods persist before they resolve
 * (metadata: durably, per STORAGE.md-like semantics; messages: per the flush
 * settings, and fsynced before resolving when system.partition.enforce_fsync).
 */
export interface Storage {
  close(): Promise<void>;
  stats(): StorageStats;

  // Streams (ids: most recently freed first, else next after highest — BINARY.md §7)
  createStream(name: string): Promise<StreamInfo>;
  findStream(id: Identifier): StreamInfo | undefined;
  /** Throws 1009 when missing. */
  getStream(id: Identifier): StreamInfo;
  listStreams(): StreamInfo[];
  updateStream(id: Identifier, name: string): Promise<void>;
  deleteStream(id: Identifier): Promise<void>;
  purgeStream(id: Identifier): Promise<void>;

  // Topics
  /** Applies server defaults for expiry/size 0n; checks size ≥ segment size (1019), name (2013), count (2015). */
  createTopic(streamId: Identifier, settings: TopicSettings): Promise<TopicInfo>;
  findTopic(streamId: Identifier, topicId: Identifier): TopicInfo | undefined;
  getTopic(streamId: Identifier, topicId: Identifier): TopicInfo;
  listTopics(streamId: Identifier): TopicInfo[];
  listPartitions(streamId: Identifier, topicId: Identifier): PartitionInfo[];
  updateTopic(streamId: Identifier, topicId: Identifier, settings: TopicSettings): Promise<void>;
  deleteTopic(streamId: Identifier, topicId: Identifier): Promise<void>;
  purgeTopic(streamId: Identifier, topicId: Identifier): Promise<void>;

  // Partitions and segments
  createPartitions(streamId: Identifier, topicId: Identifier, count: number): Promise<void>;
  deletePartitions(streamId: Identifier, topicId: Identifier, count: number): Promise<void>;
  deleteSegments(streamId: Identifier, topicId: Identifier, partitionId: number, count: number): Promise<void>;

  // Messages
  /**
   * Validates (error codes per BINARY.md §4.4), deduplicates when enabled,
   * stamps and appends a batch to one partition (3007 when missing). Wholly
   * appended or not at all. Which partition is the send operation's choice
   * (src/server/ops/messages/partition_choice.ts).
   */
  appendMessages(streamId: Identifier, topicId: Identifier, partitionId: number, batch: IncomingBatch): Promise<void>;
  /**
   * A buffer of exactly `sizeBytes` for a transport to read one SendMessages
   * payload into and then forget: a batch appended from it is kept there,
   * stamped in place, and the buffer is recycled once the batch left memory
   * (partition/payload_pool.ts).
   */
  payloadBuffer(sizeBytes: number): Buffer;
  /** Makes the memory payloadBuffer carves from resident now, so no payload read faults fresh pages in (the server does this before it listens). */
  reservePayloadArena(): void;
  /**
   * A transport is done with these bytes: poll chunks it handed to the
   * operating system, or a payloadBuffer whose request is over. Storage may
   * reuse their memory (a payload buffer only if no batch was kept in it).
   * Bytes it did not lend are ignored; bytes never returned are not reused.
   */
  returnBytes(chunks: readonly Uint8Array[]): void;
  /** What the send operation chooses a partition by, without summing the topic's statistics (1009, 2010). */
  topicShape(streamId: Identifier, topicId: Identifier): TopicShape;
  /**
   * The read side of one partition (1009, 2010, 3007), against which the poll
   * operation resolves its polling strategy (src/server/ops/messages/poll_start.ts).
   */
  partitionReader(streamId: Identifier, topicId: Identifier, partitionId: number): PartitionReader;
  flushUnsavedBuffer(streamId: Identifier, topicId: Identifier, partitionId: number, fsync: boolean): Promise<void>;

  // Consumer offsets (per partition, per consumer or group)
  /** undefined when nothing is stored. */
  getConsumerOffset(streamId: Identifier, topicId: Identifier, partitionId: number, consumer: ConsumerKey): ConsumerOffsetInfo | undefined;
  /** 3007 partition missing; 4100 empty partition or offset > current. */
  storeConsumerOffset(streamId: Identifier, topicId: Identifier, partitionId: number, consumer: ConsumerKey, offset: bigint): Promise<void>;
  /** 3021 when nothing stored. */
  deleteConsumerOffset(streamId: Identifier, topicId: Identifier, partitionId: number, consumer: ConsumerKey): Promise<void>;

  // Consumer groups (definitions only; membership lives in src/server/groups)
  createConsumerGroup(streamId: Identifier, topicId: Identifier, name: string): Promise<ConsumerGroupInfo>;
  findConsumerGroup(streamId: Identifier, topicId: Identifier, groupId: Identifier): ConsumerGroupInfo | undefined;
  getConsumerGroup(streamId: Identifier, topicId: Identifier, groupId: Identifier): ConsumerGroupInfo;
  listConsumerGroups(streamId: Identifier, topicId: Identifier): ConsumerGroupInfo[];
  deleteConsumerGroup(streamId: Identifier, topicId: Identifier, groupId: Identifier): Promise<void>;
}
