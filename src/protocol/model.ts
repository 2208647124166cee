// The data model that crosses layers: storage persists these values, the
// server hands them to codecs, the protocol's records encode them and the SDK
// returns them decoded. Defined here, beside the codecs, so the browser SDK
// sees them without reaching into storage. Types only, no I/O.
// Numbers are u32 ids and counts; u64 values are bigint; times are µs.
import type { CompressionAlgorithm, Permissions, UserStatus } from './types.js';

export interface PartitionInfo {
  id: number;
  createdAtUs: bigint;
  segmentsCount: number;
  /** Offset of the last message; 0n when empty (check messagesCount). */
  currentOffset: bigint;
  sizeBytes: bigint;
  messagesCount: bigint;
}

/** What CreateTopic and UpdateTopic set (UpdateTopic keeps the partitions count). */
export interface TopicSettings {
  name: string;
  partitionsCount: number;
  compression: CompressionAlgorithm;
  /** µs; U64_MAX = never; 0n = server default (CreateTopic resolves it; UpdateTopic stores 0n as sent). */
  messageExpiryUs: bigint;
  /** bytes; U64_MAX = unlimited; 0n = server default (CreateTopic resolves it; UpdateTopic stores 0n as sent). */
  maxTopicSizeBytes: bigint;
  /** 0 on a request = default (stored as 1). */
  replicationFactor: number;
}

export interface TopicInfo extends TopicSettings {
  id: number;
  createdAtUs: bigint;
  sizeBytes: bigint;
  messagesCount: bigint;
}

export interface StreamInfo {
  id: number;
  createdAtUs: bigint;
  name: string;
  topicsCount: number;
  sizeBytes: bigint;
  messagesCount: bigint;
}

/** A consumer group's definition; its members live with the server's coordinator. */
export interface ConsumerGroupInfo {
  id: number;
  name: string;
  streamId: number;
  topicId: number;
  partitionsCount: number;
}

export interface UserInfo {
  id: number;
  createdAtUs: bigint;
  username: string;
  status: UserStatus;
  /** null = no permissions at all. */
  permissions: Permissions | null;
  /** Salted hash (scrypt PHC-like string); never the password. */
  passwordHash: string;
}

export interface PersonalAccessTokenInfo {
  userId: number;
  name: string;
  /** Hex digest of the raw token; the raw token is never stored. */
  tokenHash: string;
  /** µs since epoch; null = never expires. */
  expiryAtUs: bigint | null;
}

/** One consumer's (or group's) position in one partition. */
export interface ConsumerOffsetInfo {
  partitionId: number;
  currentOffset: bigint;
  storedOffset: bigint;
}

/** The storage-side counters of GetStats. */
export interface StorageStats {
  streamsCount: number;
  topicsCount: number;
  partitionsCount: number;
  segmentsCount: number;
  messagesCount: bigint;
  messagesSizeBytes: bigint;
  consumerGroupsCount: number;
  readBytes: bigint;
  writtenBytes: bigint;
}
