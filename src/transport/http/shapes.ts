// JSON shapes of HTTP.md §4, written from the domain values the ops return.
// u64 stay bigint (written exactly by json.ts); byte sizes are Iggy's
// human-readable strings; field names are Iggy's snake_case.
import { CompressionAlgorithm, UserStatus, type Permissions } from '../../protocol/types.js';
import type { ConsumerGroupInfo, ConsumerOffsetInfo, PartitionInfo, PersonalAccessTokenInfo, StreamInfo, TopicInfo, UserInfo } from '../../storage/types.js';
import type { Writable } from './json.js';

type Json = { readonly [key: string]: Writable };

/** Largest first, by byte value (HTTP.md §1, the byte-unit crate's exact-unit format). */
const UNITS: ReadonlyArray<readonly [string, bigint]> = [
  ['EiB', 1n << 60n], ['EB', 10n ** 18n], ['PiB', 1n << 50n], ['PB', 10n ** 15n],
  ['TiB', 1n << 40n], ['TB', 10n ** 12n], ['GiB', 1n << 30n], ['GB', 10n ** 9n],
  ['MiB', 1n << 20n], ['MB', 10n ** 6n], ['KiB', 1024n], ['KB', 1000n],
];

/** `"<value> <unit>"`: the largest unit not above the value giving at most 3 decimals, else bytes. */
export function formatSize(bytes: bigint | number): string {
  const value = BigInt(bytes);
  for (const [name, unit] of UNITS) {
    if (unit > value || (value * 1000n) % unit !== 0n) continue;
    const thousandths = (value * 1000n) / unit;
    const whole = thousandths / 1000n;
    const fraction = (thousandths % 1000n).toString().padStart(3, '0').replace(/0+$/, '');
    return fraction === '' ? `${whole} ${name}` : `${whole}.${fraction} ${name}`;
  }
  return `${value} B`;
}

export const compressionName = (c: CompressionAlgorithm): string => (c === CompressionAlgorithm.Gzip ? 'gzip' : 'none');
export const statusName = (s: UserStatus): string => (s === UserStatus.Inactive ? 'inactive' : 'active');

export function streamJson(s: StreamInfo): Json {
  return { id: s.id, created_at: s.createdAtUs, name: s.name, size: formatSize(s.sizeBytes), messages_count: s.messagesCount, topics_count: s.topicsCount };
}

export function topicJson(t: TopicInfo): Json {
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

export function partitionJson(p: PartitionInfo): Json {
  return { id: p.id, created_at: p.createdAtUs, segments_count: p.segmentsCount, current_offset: p.currentOffset, size: formatSize(p.sizeBytes), messages_count: p.messagesCount };
}

export function streamDetailsJson(s: StreamInfo, topics: readonly TopicInfo[]): Json {
  return { ...streamJson(s), topics: [...topics].sort((a, b) => a.id - b.id).map(topicJson) };
}

export function topicDetailsJson(t: TopicInfo, partitions: readonly PartitionInfo[]): Json {
  return { ...topicJson(t), partitions: [...partitions].sort((a, b) => a.id - b.id).map(partitionJson) };
}

export function consumerGroupJson(g: ConsumerGroupInfo, membersCount: number): Json {
  return { id: g.id, name: g.name, partitions_count: g.partitionsCount, members_count: membersCount };
}

export function consumerOffsetJson(o: ConsumerOffsetInfo): Json {
  return { partition_id: o.partitionId, current_offset: o.currentOffset, stored_offset: o.storedOffset };
}

export function userInfoJson(u: UserInfo): Json {
  return { id: u.id, created_at: u.createdAtUs, status: statusName(u.status), username: u.username };
}

export function userInfoDetailsJson(u: UserInfo): Json {
  return { ...userInfoJson(u), permissions: u.permissions === null ? null : permissionsJson(u.permissions) };
}

export function personalAccessTokenJson(t: PersonalAccessTokenInfo): Json {
  return { name: t.name, expiry_at: t.expiryAtUs };
}

export function permissionsJson(p: Permissions): Json {
  const g = p.global;
  const streams: Record<string, Writable> = {};
  for (const [id, s] of [...p.streams].sort(([a], [b]) => a - b)) {
    const topics: Record<string, Writable> = {};
    for (const [topicId, t] of [...s.topics].sort(([a], [b]) => a - b)) {
      topics[String(topicId)] = { manage_topic: t.manageTopic, read_topic: t.readTopic, poll_messages: t.pollMessages, send_messages: t.sendMessages };
    }
    streams[String(id)] = {
      manage_stream: s.manageStream, read_stream: s.readStream, manage_topics: s.manageTopics, read_topics: s.readTopics,
      poll_messages: s.pollMessages, send_messages: s.sendMessages, topics: s.topics.size === 0 ? null : topics,
    };
  }
  return {
    global: {
      manage_servers: g.manageServers, read_servers: g.readServers, manage_users: g.manageUsers, read_users: g.readUsers,
      manage_streams: g.manageStreams, read_streams: g.readStreams, manage_topics: g.manageTopics, read_topics: g.readTopics,
      poll_messages: g.pollMessages, send_messages: g.sendMessages,
    },
    streams: p.streams.size === 0 ? null : streams,
  };
}
