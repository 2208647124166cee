// JoinConsumerGroup — 604 (BINARY.md §8.46).
// Request: [stream_id Identifier][topic_id Identifier][group_id Identifier]. Response: empty OK.
// The calling connection becomes a member; joining again is a no-op.
import { type CommandCodec, EMPTY_CODEC, defineCodec } from '../../codec.js';
import { type StreamTopicGroup, readStreamTopicGroup, streamTopicGroupSizeBytes, writeStreamTopicGroup } from '../stream_topic.js';

export type JoinConsumerGroupRequest = StreamTopicGroup;
export type JoinConsumerGroupResponse = void;

export const joinConsumerGroup: CommandCodec<JoinConsumerGroupRequest, JoinConsumerGroupResponse> = {
  code: 604,
  name: 'JoinConsumerGroup',
  request: defineCodec(streamTopicGroupSizeBytes, writeStreamTopicGroup, readStreamTopicGroup),
  response: EMPTY_CODEC,
};
