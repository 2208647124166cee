// DeleteConsumerGroup — 603 (BINARY.md §8.45).
// Request: [stream_id Identifier][topic_id Identifier][group_id Identifier]. Response: empty OK.
// Removes the group, its memberships and stored offsets.
import { type CommandCodec, EMPTY_CODEC, defineCodec } from '../../codec.js';
import { type StreamTopicGroup, readStreamTopicGroup, streamTopicGroupSizeBytes, writeStreamTopicGroup } from '../stream_topic.js';

export type DeleteConsumerGroupRequest = StreamTopicGroup;
export type DeleteConsumerGroupResponse = void;

export const deleteConsumerGroup: CommandCodec<DeleteConsumerGroupRequest, DeleteConsumerGroupResponse> = {
  code: 603,
  name: 'DeleteConsumerGroup',
  request: defineCodec(streamTopicGroupSizeBytes, writeStreamTopicGroup, readStreamTopicGroup),
  response: EMPTY_CODEC,
};
