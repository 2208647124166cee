// PurgeTopic — 305 (BINARY.md §8.38). Request: [stream_id Identifier][topic_id Identifier].
// Response: empty OK. Deletes all messages and stored offsets; keeps the topic.
import { type CommandCodec, EMPTY_CODEC, defineCodec } from '../../codec.js';
import { type StreamTopic, readStreamTopic, streamTopicSizeBytes, writeStreamTopic } from '../stream_topic.js';

export type PurgeTopicRequest = StreamTopic;
export type PurgeTopicResponse = void;

export const purgeTopic: CommandCodec<PurgeTopicRequest, PurgeTopicResponse> = {
  code: 305,
  name: 'PurgeTopic',
  request: defineCodec(streamTopicSizeBytes, writeStreamTopic, readStreamTopic),
  response: EMPTY_CODEC,
};
