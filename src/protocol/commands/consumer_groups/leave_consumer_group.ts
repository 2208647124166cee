// LeaveConsumerGroup — 605 (BINARY.md §8.47).
// Request: [stream_id Identifier][topic_id Identifier][group_id Identifier]. Response: empty OK.
// The calling connection stops being a member; the rest rebalance.
import { type CommandCodec, EMPTY_CODEC, defineCodec } from '../../codec.js';
import { type StreamTopicGroup, readStreamTopicGroup, streamTopicGroupSizeBytes, writeStreamTopicGroup } from '../stream_topic.js';

export type LeaveConsumerGroupRequest = StreamTopicGroup;
export type LeaveConsumerGroupResponse = void;

export const leaveConsumerGroup: CommandCodec<LeaveConsumerGroupRequest, LeaveConsumerGroupResponse> = {
  code: 605,
  name: 'LeaveConsumerGroup',
  request: defineCodec(streamTopicGroupSizeBytes, writeStreamTopicGroup, readStreamTopicGroup),
  response: EMPTY_CODEC,
};
