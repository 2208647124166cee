// TopicRecord (BINARY.md §8.0), SERVER field order, 51 + N bytes:
// [id u32][created_at u64][partitions_count u32][message_expiry u64]
// [compression u8][max_topic_size u64][replication_factor u8][size_bytes u64]
// [messages_count u64][name Name]
// (The Node SDK 0.8.0 reads compression at +16 and expiry at +17; the server
// order is authoritative.)
import type { TopicInfo } from '../model.js';
import { type Reader, type Writer, str8SizeBytes } from '../reader.js';
import { readCompression } from './enums.js';

export type TopicRecord = TopicInfo;

export const topicRecordSizeBytes = (topic: TopicRecord): number => 50 + str8SizeBytes(topic.name);

export function writeTopicRecord(writer: Writer, topic: TopicRecord): void {
  writer
    .u32(topic.id).u64(topic.createdAtUs).u32(topic.partitionsCount).u64(topic.messageExpiryUs).u8(topic.compression)
    .u64(topic.maxTopicSizeBytes).u8(topic.replicationFactor).u64(topic.sizeBytes).u64(topic.messagesCount).name(topic.name);
}

export function readTopicRecord(reader: Reader): TopicRecord {
  const id = reader.u32('topic id');
  const createdAtUs = reader.u64('created_at');
  const partitionsCount = reader.u32('partitions_count');
  const messageExpiryUs = reader.u64('message_expiry');
  const compression = readCompression(reader);
  const maxTopicSizeBytes = reader.u64('max_topic_size');
  const replicationFactor = reader.u8('replication_factor');
  const sizeBytes = reader.u64('size_bytes');
  const messagesCount = reader.u64('messages_count');
  const name = reader.name('topic name');
  return { id, createdAtUs, name, partitionsCount, compression, messageExpiryUs, maxTopicSizeBytes, replicationFactor, sizeBytes, messagesCount };
}
