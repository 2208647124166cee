// The argument values of IggyClient's methods, apart from the client so the
// client file holds only the commands: ids, topic settings, consumers,
// partitionings, message keys and messages to send. Browser-safe.
import { IggyError } from '../src/errors/iggy_error.js';
import type { OutgoingMessage } from '../src/protocol/commands/messages/send_messages.js';
import {
  type CompressionAlgorithm,
  type Consumer,
  ConsumerKind,
  type Identifier as IdentifierValue,
  type Partitioning,
  PartitioningKind,
  type PollingStrategy,
  Identifier,
} from '../src/protocol/types.js';

/** A stream, topic, group or user: a number is a numeric id, a string a name. */
export type Id = number | string | IdentifierValue;

/** Topic settings; omitted values take the server defaults (BINARY.md §3.9, §8.35). */
export interface TopicOptions {
  name: string;
  partitionsCount?: number;
  compression?: CompressionAlgorithm;
  /** µs; 0n = server default, U64_MAX = never. */
  messageExpiryUs?: bigint;
  /** bytes; 0n = server default, U64_MAX = unlimited. */
  maxTopicSizeBytes?: bigint;
  replicationFactor?: number;
}

/** Who polls and owns stored offsets: a single consumer (kind 1) or a consumer group (kind 2). */
export const Consumers = {
  single: (id: Id = 0): Consumer => ({ kind: ConsumerKind.Consumer, id: toIdentifier(id) }),
  group: (id: Id): Consumer => ({ kind: ConsumerKind.ConsumerGroup, id: toIdentifier(id) }),
};

/** Where a batch goes (BINARY.md §3.4); the whole batch lands in one partition. */
export const Partitionings = {
  /** Server-side round-robin: each SendMessages request advances the topic's counter. */
  balanced: (): Partitioning => ({ kind: PartitioningKind.Balanced }),
  partitionId: (partitionId: number): Partitioning => ({ kind: PartitioningKind.PartitionId, partitionId }),
  /** XXH32(key) mod partitions: equal keys keep their order. Key encodings as the Node SDK: string UTF-8, number u32 LE, bigint u64 LE. */
  messagesKey: (key: MessageKey): Partitioning => ({ kind: PartitioningKind.MessagesKey, key: messageKeyBytes(key) }),
};

export type MessageKey = string | number | bigint | Uint8Array;

const TEXT = new TextEncoder();

/** Key bytes; 1..=255 of them, else InvalidKeyValueLength (4028), as the official SDKs check. */
export function messageKeyBytes(key: MessageKey): Uint8Array {
  if (key instanceof Uint8Array || typeof key === 'string') {
    const bytes = typeof key === 'string' ? TEXT.encode(key) : key;
    if (bytes.length < 1 || bytes.length > 255) throw IggyError.of('InvalidKeyValueLength', `messages key of ${bytes.length} bytes (1..=255)`);
    return bytes;
  }
  const bytes = new Uint8Array(typeof key === 'number' ? 4 : 8);
  const view = new DataView(bytes.buffer);
  if (typeof key === 'number') view.setUint32(0, key, true);
  else view.setBigUint64(0, BigInt.asUintN(64, key), true);
  return bytes;
}

/** A message to send: bytes or a string (UTF-8). */
export interface SendMessage extends Omit<OutgoingMessage, 'payload'> {
  payload: Uint8Array | string;
}

export interface PollOptions {
  consumer?: Consumer;
  /** null/absent: partition 0 for a single consumer, the next assigned partition for a group member. */
  partitionId?: number | null;
  strategy?: PollingStrategy;
  count?: number;
  /** Store the offset of the last returned message on the server (default false). */
  autoCommit?: boolean;
}

export function toOutgoing(message: SendMessage): OutgoingMessage {
  return typeof message.payload === 'string' ? { ...message, payload: TEXT.encode(message.payload) } : (message as OutgoingMessage);
}

export function toIdentifier(id: Id): IdentifierValue {
  return Identifier.from(id);
}
