// DeleteTopic — 303 (BINARY.md §8.36). Request: [stream_id Identifier][topic_id Identifier].
// Response: empty OK. The Node SDK appends a u32 (partitions_count) that the
// server ignores; so does this decoder (trailing bytes).
import { type CommandCodec, EMPTY_CODEC, defineCodec } from '../../codec.js';
import { type StreamTopic, readStreamTopic, streamTopicSizeBytes, writeStreamTopic } from '../stream_topic.js';

export type DeleteTopicRequest = StreamTopic;
export type DeleteTopicResponse = void;

export const deleteTopic: CommandCodec<DeleteTopicRequest, DeleteTopicResponse> = {
  code: 303,
  name: 'DeleteTopic',
  request: defineCodec(streamTopicSizeBytes, writeStreamTopic, readStreamTopic),
  response: EMPTY_CODEC,
};
