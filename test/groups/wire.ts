// Request payloads and response decoders for the consumer-group integration
// tests, written straight from BINARY.md with the shared primitives, so the
// tests check the server's bytes rather than our own command codecs.
import { writeIdentifier } from '../../src/protocol/identifier.js';
import { writeOptPartition } from '../../src/protocol/opt_partition.js';
import { Reader, Writer } from '../../src/protocol/reader.js';
import { readConsumerGroupRecord, readMemberRecord, type ConsumerGroupRecord, type MemberRecord } from '../../src/protocol/records/consumer_group_record.js';
import { Identifier, PollingKind } from '../../src/protocol/types.js';

export const CODE = {
  LoginUser: 38,
  PollMessages: 100,
  SendMessages: 101,
  GetConsumerOffset: 120,
  StoreConsumerOffset: 121,
  CreateStream: 202,
  CreateTopic: 302,
  CreatePartitions: 402,
  DeletePartitions: 403,
  GetConsumerGroup: 600,
  CreateConsumerGroup: 602,
  JoinConsumerGroup: 604,
  LeaveConsumerGroup: 605,
} as const;

function build(write: (writer: Writer) => void, capacity = 64 * 1024): Uint8Array {
  const writer = new Writer(new Uint8Array(capacity));
  write(writer);
  return writer.bytes.subarray(0, writer.offset);
}

const id = (value: number): Identifier => Identifier.numeric(value);

// LoginUser: [username Name][password str8][version_len u32][context_len u32]
export const loginPayload = (username: string, password: string): Uint8Array =>
  build((w) => w.name(username).str8(password).u32(0).u32(0));

// CreateStream: [name Name]
export const createStreamPayload = (name: string): Uint8Array => build((w) => w.name(name));

// CreateTopic: [stream Identifier][partitions u32][compression u8][expiry u64][max size u64][replication u8][name Name]
export const createTopicPayload = (streamId: number, partitionsCount: number, name: string): Uint8Array =>
  build((w) => writeIdentifier(w, id(streamId)).u32(partitionsCount).u8(1).u64(0n).u64(0n).u8(1).name(name));

// Create/DeletePartitions: [stream Identifier][topic Identifier][count u32]
export const partitionsPayload = (streamId: number, topicId: number, count: number): Uint8Array =>
  build((w) => writeIdentifier(writeIdentifier(w, id(streamId)), id(topicId)).u32(count));

// CreateConsumerGroup: [stream Identifier][topic Identifier][name Name]
export const createGroupPayload = (streamId: number, topicId: number, name: string): Uint8Array =>
  build((w) => writeIdentifier(writeIdentifier(w, id(streamId)), id(topicId)).name(name));

// Get/Join/Leave/DeleteConsumerGroup: [stream Identifier][topic Identifier][group Identifier]
export const groupPayload = (streamId: number, topicId: number, groupId: number): Uint8Array =>
  build((w) => writeIdentifier(writeIdentifier(writeIdentifier(w, id(streamId)), id(topicId)), id(groupId)));

/**
 * SendMessages to one partition (BINARY.md §4.4): metadata, N index entries
 * (0, cumulative end, 0), then messages = 64-byte header (all server-set
 * fields 0, payload length) + payload.
 */
export function sendPayload(streamId: number, topicId: number, partitionId: number, payloads: readonly Uint8Array[]): Uint8Array {
  const messagesBytes = payloads.reduce((sum, p) => sum + 64 + p.length, 0);
  return build((w) => {
    const metadataAt = w.offset;
    w.u32(0); // metadata length, patched below
    writeIdentifier(writeIdentifier(w, id(streamId)), id(topicId));
    w.u8(2).u8(4).u32(partitionId); // Partitioning: kind 2 (partition id), length 4, value
    w.u32(payloads.length);
    new DataView(w.bytes.buffer, w.bytes.byteOffset).setUint32(metadataAt, w.offset - metadataAt - 4, true);
    let end = 0;
    for (const payload of payloads) {
      end += 64 + payload.length;
      w.u32(0).u32(end).u64(0n);
    }
    for (const payload of payloads) {
      w.u64(0n).u128(0n).u64(0n).u64(0n).u64(0n).u32(0).u32(payload.length).u64(0n);
      w.bytesFrom(payload);
    }
  }, 1024 + payloads.length * 16 + messagesBytes);
}

/** PollMessages as a group member: [consumer kind 2 + group Identifier][stream][topic][OptPartition][strategy][count u32][auto_commit u8] */
export function pollAsGroupPayload(
  groupId: number,
  streamId: number,
  topicId: number,
  partitionId: number | null,
  count: number,
  autoCommit: boolean,
  strategy: { kind: number; value: bigint } = { kind: PollingKind.Next, value: 0n },
): Uint8Array {
  return build((w) => {
    writeIdentifier(w.u8(2), id(groupId));
    writeIdentifier(writeIdentifier(w, id(streamId)), id(topicId));
    writeOptPartition(w, partitionId);
    w.u8(strategy.kind).u64(strategy.value).u32(count).bool(autoCommit);
  });
}

/** Get/StoreConsumerOffset as a group: [consumer][stream][topic][OptPartition] (+ [offset u64] to store) */
export function groupOffsetPayload(groupId: number, streamId: number, topicId: number, partitionId: number | null, offset?: bigint): Uint8Array {
  return build((w) => {
    writeIdentifier(w.u8(2), id(groupId));
    writeIdentifier(writeIdentifier(w, id(streamId)), id(topicId));
    writeOptPartition(w, partitionId);
    if (offset !== undefined) w.u64(offset);
  });
}

export interface PolledMessage {
  offset: bigint;
  payload: Uint8Array;
}

export interface PollResponse {
  partitionId: number;
  currentOffset: bigint;
  messages: PolledMessage[];
}

/** PollMessages response (§4.5): [partition u32][current_offset u64][count u32] then messages (header 64 + payload + user headers). */
export function decodePoll(payload: Uint8Array): PollResponse {
  const reader = new Reader(payload);
  const partitionId = reader.u32();
  const currentOffset = reader.u64();
  const count = reader.u32();
  const messages: PolledMessage[] = [];
  for (let i = 0; i < count; i++) {
    reader.u64(); // checksum
    reader.u128(); // id
    const offset = reader.u64();
    reader.u64(); // timestamp
    reader.u64(); // origin timestamp
    const headersBytes = reader.u32();
    const payloadBytes = reader.u32();
    reader.u64(); // reserved
    const body = reader.bytesView(payloadBytes);
    reader.bytesView(headersBytes);
    messages.push({ offset, payload: body });
  }
  return { partitionId, currentOffset, messages };
}

export interface GroupDetails extends ConsumerGroupRecord {
  members: MemberRecord[];
}

/** GetConsumerGroup response: ConsumerGroupRecord + members_count MemberRecords; empty = not found. */
export function decodeGroup(payload: Uint8Array): GroupDetails | null {
  if (payload.length === 0) return null;
  const reader = new Reader(payload);
  const group = readConsumerGroupRecord(reader);
  const members: MemberRecord[] = [];
  for (let i = 0; i < group.membersCount; i++) members.push(readMemberRecord(reader));
  return { ...group, members };
}

/** First u32 of a create response: the new entity's id (StreamRecord, TopicRecord, ConsumerGroupRecord). */
export function decodeCreatedId(payload: Uint8Array): number {
  return new Reader(payload).u32('created id');
}

/** GetConsumerOffset response: [partition u32][current u64][stored u64]; empty = none. */
export function decodeOffset(payload: Uint8Array): { partitionId: number; currentOffset: bigint; storedOffset: bigint } | null {
  if (payload.length === 0) return null;
  const reader = new Reader(payload);
  return { partitionId: reader.u32(), currentOffset: reader.u64(), storedOffset: reader.u64() };
}
