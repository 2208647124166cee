// Iggy's JSON shapes (HTTP.md §4), both directions: `xJson` writes a domain
// value (the Response types of src/protocol/commands) as the server sends it,
// `readX` reads that JSON back into the same value for the SDK. u64 stay
// bigint (json.ts writes them exactly), byte sizes are Iggy's strings
// (size.ts), field names are Iggy's snake_case.
import type { ConsumerGroupDetails } from '../commands/consumer_groups/get_consumer_group.js';
import type { StreamDetails } from '../commands/streams/get_stream.js';
import type { TopicDetails } from '../commands/topics/get_topic.js';
import type { ConsumerOffsetInfo } from '../model.js';
import type { ConsumerGroupRecord, MemberRecord } from '../records/consumer_group_record.js';
import type { PartitionRecord } from '../records/partition_record.js';
import type { PersonalAccessTokenRecord, RawToken } from '../records/personal_access_token_record.js';
import type { StreamRecord } from '../records/stream_record.js';
import type { TopicRecord } from '../records/topic_record.js';
import type { UserDetails, UserRecord } from '../records/user_record.js';
import { CompressionAlgorithm, UserStatus } from '../types.js';
import { asArray, Fields } from './fields.js';
import type { JsonValue, Writable } from './json.js';
import { readPermissions, permissionsJson } from './permissions.js';
import { formatSize, parseSize } from './size.js';

export type Json = { readonly [key: string]: Writable };

export const compressionName = (c: CompressionAlgorithm): 'none' | 'gzip' => (c === CompressionAlgorithm.Gzip ? 'gzip' : 'none');
export const compressionOf = (name: 'none' | 'gzip'): CompressionAlgorithm => (name === 'gzip' ? CompressionAlgorithm.Gzip : CompressionAlgorithm.None);
export const statusName = (s: UserStatus): 'active' | 'inactive' => (s === UserStatus.Inactive ? 'inactive' : 'active');
export const statusOf = (name: 'active' | 'inactive'): UserStatus => (name === 'inactive' ? UserStatus.Inactive : UserStatus.Active);
export const COMPRESSION_NAMES = ['none', 'gzip'] as const;
export const STATUS_NAMES = ['active', 'inactive'] as const;

const byId = <T extends { id: number }>(items: readonly T[]): T[] => [...items].sort((a, b) => a.id - b.id);

export function streamJson(s: StreamRecord): Json {
  return { id: s.id, created_at: s.createdAtUs, name: s.name, size: formatSize(s.sizeBytes), messages_count: s.messagesCount, topics_count: s.topicsCount };
}

export function readStream(f: Fields): StreamRecord {
  return {
    id: f.u32('id'), createdAtUs: f.u64('created_at'), name: f.str('name'), sizeBytes: parseSize(f.raw('size'), f.name('size')),
    messagesCount: f.u64('messages_count'), topicsCount: f.u32('topics_count'),
  };
}

export function streamDetailsJson(d: StreamDetails): Json {
  return { ...streamJson(d.stream), topics: byId(d.topics).map(topicJson) };
}

export function readStreamDetails(f: Fields): StreamDetails {
  return { stream: readStream(f), topics: f.list('topics').map(readTopic) };
}

export function topicJson(t: TopicRecord): Json {
  return {
    id: t.id,
    created_at: t.createdAtUs,
    name: t.name,
    size: formatSize(t.sizeBytes),
    message_expiry: t.messageExpiryUs,
    compression_algorithm: compressionName(t.compression),
    max_topic_size: t.maxTopicSizeBytes,
    replication_factor: t.replicationFactor,
    messages_count: t.messagesCount,
    partitions_count: t.partitionsCount,
  };
}

export function readTopic(f: Fields): TopicRecord {
  return {
    id: f.u32('id'),
    createdAtUs: f.u64('created_at'),
    name: f.str('name'),
    sizeBytes: parseSize(f.raw('size'), f.name('size')),
    messageExpiryUs: f.u64('message_expiry'),
    compression: compressionOf(f.oneOf('compression_algorithm', COMPRESSION_NAMES)),
    maxTopicSizeBytes: f.u64('max_topic_size'),
    replicationFactor: f.u8('replication_factor'),
    messagesCount: f.u64('messages_count'),
    partitionsCount: f.u32('partitions_count'),
  };
}

export function topicDetailsJson(d: TopicDetails): Json {
  return { ...topicJson(d.topic), partitions: byId(d.partitions).map(partitionJson) };
}

export function readTopicDetails(f: Fields): TopicDetails {
  return { topic: readTopic(f), partitions: f.list('partitions').map(readPartition) };
}

export function partitionJson(p: PartitionRecord): Json {
  return { id: p.id, created_at: p.createdAtUs, segments_count: p.segmentsCount, current_offset: p.currentOffset, size: formatSize(p.sizeBytes), messages_count: p.messagesCount };
}

export function readPartition(f: Fields): PartitionRecord {
  return {
    id: f.u32('id'), createdAtUs: f.u64('created_at'), segmentsCount: f.u32('segments_count'), currentOffset: f.u64('current_offset'),
    sizeBytes: parseSize(f.raw('size'), f.name('size')), messagesCount: f.u64('messages_count'),
  };
}

export function consumerGroupJson(g: ConsumerGroupRecord): Json {
  return { id: g.id, name: g.name, partitions_count: g.partitionsCount, members_count: g.membersCount };
}

export function readConsumerGroup(f: Fields): ConsumerGroupRecord {
  return { id: f.u32('id'), name: f.str('name'), partitionsCount: f.u32('partitions_count'), membersCount: f.u32('members_count') };
}

export function consumerGroupDetailsJson(d: ConsumerGroupDetails): Json {
  const members = d.members.map((m: MemberRecord) => ({ id: m.id, partitions_count: m.partitions.length, partitions: m.partitions }));
  return { ...consumerGroupJson(d.group), members };
}

export function readConsumerGroupDetails(f: Fields): ConsumerGroupDetails {
  const members = f.list('members').map((m): MemberRecord => ({
    id: m.u32('id'),
    partitions: readU32List(m.raw('partitions'), m.name('partitions')),
  }));
  return { group: readConsumerGroup(f), members };
}

function readU32List(value: JsonValue | undefined, field: string): number[] {
  return asArray(value, field).map((item, i) => new Fields({ v: item }, `${field}[${i}]`).u32('v'));
}

export function consumerOffsetJson(o: ConsumerOffsetInfo): Json {
  return { partition_id: o.partitionId, current_offset: o.currentOffset, stored_offset: o.storedOffset };
}

export function readConsumerOffset(f: Fields): ConsumerOffsetInfo {
  return { partitionId: f.u32('partition_id'), currentOffset: f.u64('current_offset'), storedOffset: f.u64('stored_offset') };
}

export function userInfoJson(u: UserRecord): Json {
  return { id: u.id, created_at: u.createdAtUs, status: statusName(u.status), username: u.username };
}

export function readUserInfo(f: Fields): UserRecord {
  return { id: f.u32('id'), createdAtUs: f.u64('created_at'), status: statusOf(f.oneOf('status', STATUS_NAMES)), username: f.str('username') };
}

export function userInfoDetailsJson(u: UserDetails): Json {
  return { ...userInfoJson(u), permissions: u.permissions === null ? null : permissionsJson(u.permissions) };
}

export function readUserInfoDetails(f: Fields): UserDetails {
  return { ...readUserInfo(f), permissions: f.has('permissions') ? readPermissions(f.obj('permissions')) : null };
}

export function personalAccessTokenJson(t: PersonalAccessTokenRecord): Json {
  return { name: t.name, expiry_at: t.expiryAtUs };
}

export function readPersonalAccessToken(f: Fields): PersonalAccessTokenRecord {
  return { name: f.str('name'), expiryAtUs: f.opt('expiry_at', f.u64) };
}

export const rawTokenJson = (t: RawToken): Json => ({ token: t.token });
export const readRawToken = (f: Fields): RawToken => ({ token: f.str('token') });
