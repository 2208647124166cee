// GetConsumerGroups — 601 (BINARY.md §8.43). Request: [stream_id Identifier][topic_id Identifier].
// Response: ConsumerGroupRecords (no members) in id order; empty = [].
import { type CommandCodec, defineCodec, listCodec } from '../../codec.js';
import {
  type ConsumerGroupRecord,
  consumerGroupRecordSizeBytes,
  readConsumerGroupRecord,
  writeConsumerGroupRecord,
} from '../../records/consumer_group_record.js';
import { type StreamTopic, readStreamTopic, streamTopicSizeBytes, writeStreamTopic } from '../stream_topic.js';

export type GetConsumerGroupsRequest = StreamTopic;
export type GetConsumerGroupsResponse = readonly ConsumerGroupRecord[];

export const getConsumerGroups: CommandCodec<GetConsumerGroupsRequest, GetConsumerGroupsResponse, StreamTopic, ConsumerGroupRecord[]> = {
  code: 601,
  name: 'GetConsumerGroups',
  request: defineCodec(streamTopicSizeBytes, writeStreamTopic, readStreamTopic),
  response: listCodec(consumerGroupRecordSizeBytes, writeConsumerGroupRecord, readConsumerGroupRecord),
};
