// Domain values as printable rows: the same keys in every output mode, so
// `-o json` is the table's data (u64 sizes and counts kept exact).
import type { ConsumerGroupRecord, MemberRecord } from '../../../src/protocol/records/consumer_group_record.js';
import type { PartitionInfo, StreamInfo, TopicInfo } from '../../../src/protocol/model.js';
import { CompressionAlgorithm, U64_MAX } from '../../../src/protocol/types.js';
import type { Row } from '../output.js';
import { formatExpiry, formatTimeUs } from '../values.js';

export function streamRow(stream: StreamInfo): Row {
  return {
    id: stream.id,
    name: stream.name,
    createdAt: formatTimeUs(stream.createdAtUs),
    sizeBytes: stream.sizeBytes,
    messagesCount: stream.messagesCount,
    topicsCount: stream.topicsCount,
  };
}

export function compressionName(code: number): string {
  return code === CompressionAlgorithm.Gzip ? 'gzip' : 'none';
}

export function topicRow(topic: TopicInfo): Row {
  return {
    id: topic.id,
    name: topic.name,
    createdAt: formatTimeUs(topic.createdAtUs),
    sizeBytes: topic.sizeBytes,
    maxTopicSize: topic.maxTopicSizeBytes === U64_MAX ? 'unlimited' : topic.maxTopicSizeBytes,
    messageExpiry: formatExpiry(topic.messageExpiryUs),
    messagesCount: topic.messagesCount,
    partitionsCount: topic.partitionsCount,
    compression: compressionName(topic.compression),
    replicationFactor: topic.replicationFactor,
  };
}

export function partitionRow(partition: PartitionInfo): Row {
  return {
    id: partition.id,
    createdAt: formatTimeUs(partition.createdAtUs),
    segmentsCount: partition.segmentsCount,
    currentOffset: partition.currentOffset,
    sizeBytes: partition.sizeBytes,
    messagesCount: partition.messagesCount,
  };
}

export function groupRow(group: ConsumerGroupRecord, members?: MemberRecord[]): Row {
  const row: Row = { id: group.id, name: group.name, partitionsCount: group.partitionsCount, membersCount: group.membersCount };
  if (members !== undefined) row.members = members.map((m) => `${m.id}:[${m.partitions.join(',')}]`).join(' ');
  return row;
}
