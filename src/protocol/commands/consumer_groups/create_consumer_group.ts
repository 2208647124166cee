// CreateConsumerGroup — 602 (BINARY.md §8.44).
// Request: [stream_id Identifier][topic_id Identifier][name Name] (no id).
// Response: ConsumerGroupRecord (members_count 0), no member records.
import { type CommandCodec, defineCodec } from '../../codec.js';
import { str8SizeBytes } from '../../reader.js';
import {
  type ConsumerGroupRecord,
  consumerGroupRecordSizeBytes,
  readConsumerGroupRecord,
  writeConsumerGroupRecord,
} from '../../records/consumer_group_record.js';
import { type StreamTopic, readStreamTopic, streamTopicSizeBytes, writeStreamTopic } from '../stream_topic.js';

export interface CreateConsumerGroupRequest extends StreamTopic {
  name: string;
}
export type CreateConsumerGroupResponse = ConsumerGroupRecord;

export const createConsumerGroup: CommandCodec<CreateConsumerGroupRequest, CreateConsumerGroupResponse> = {
  code: 602,
  name: 'CreateConsumerGroup',
  request: defineCodec(
    (r) => streamTopicSizeBytes(r) + str8SizeBytes(r.name),
    (w, r) => writeStreamTopic(w, r).name(r.name, 'consumer group name'),
    (reader) => {
      const { streamId, topicId } = readStreamTopic(reader);
      return { streamId, topicId, name: reader.name('consumer group name') };
    },
  ),
  response: defineCodec(consumerGroupRecordSizeBytes, writeConsumerGroupRecord, readConsumerGroupRecord),
};
