// GetTopic — 300 (BINARY.md §8.33). Request: [stream_id Identifier][topic_id Identifier].
// Response: TopicRecord followed by its PartitionRecords (ascending id), or
// empty (→ null) when the stream or topic is not found. The decoder reads
// partition records to the end of the payload.
import { type CommandCodec, defineCodec, nullableCodec } from '../../codec.js';
import { PARTITION_RECORD_BYTES, type PartitionRecord, readPartitionRecord, writePartitionRecord } from '../../records/partition_record.js';
import { type TopicRecord, readTopicRecord, topicRecordSizeBytes, writeTopicRecord } from '../../records/topic_record.js';
import { type StreamTopic, readStreamTopic, streamTopicSizeBytes, writeStreamTopic } from '../stream_topic.js';

export type GetTopicRequest = StreamTopic;
export interface TopicDetails {
  topic: TopicRecord;
  partitions: PartitionRecord[];
}
export type GetTopicResponse = TopicDetails | null;

/** TopicRecord + PartitionRecords: GetTopic's and CreateTopic's response. */
export const topicDetailsCodec = defineCodec<TopicDetails>(
  (v) => topicRecordSizeBytes(v.topic) + PARTITION_RECORD_BYTES * v.partitions.length,
  (w, v) => {
    writeTopicRecord(w, v.topic);
    for (const partition of v.partitions) writePartitionRecord(w, partition);
  },
  (reader) => {
    const topic = readTopicRecord(reader);
    const partitions: PartitionRecord[] = [];
    while (reader.remaining > 0) partitions.push(readPartitionRecord(reader));
    return { topic, partitions };
  },
);

export const getTopic: CommandCodec<GetTopicRequest, GetTopicResponse> = {
  code: 300,
  name: 'GetTopic',
  request: defineCodec(streamTopicSizeBytes, writeStreamTopic, readStreamTopic),
  response: nullableCodec(topicDetailsCodec),
};
