// DeleteConsumerOffset — 122 (BINARY.md §8.26).
// Request: [Consumer][stream_id Identifier][topic_id Identifier][OptPartition]. Response: empty OK.
import { type CommandCodec, EMPTY_CODEC, defineCodec } from '../../codec.js';
import { type ConsumerOffsetTarget, consumerOffsetTargetSizeBytes, readConsumerOffsetTarget, writeConsumerOffsetTarget } from './consumer_offset_target.js';

export type DeleteConsumerOffsetRequest = ConsumerOffsetTarget;
export type DeleteConsumerOffsetResponse = void;

export const deleteConsumerOffset: CommandCodec<DeleteConsumerOffsetRequest, DeleteConsumerOffsetResponse> = {
  code: 122,
  name: 'DeleteConsumerOffset',
  request: defineCodec(consumerOffsetTargetSizeBytes, writeConsumerOffsetTarget, readConsumerOffsetTarget),
  response: EMPTY_CODEC,
};
