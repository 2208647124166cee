// DeletePartitions — 403 (BINARY.md §8.40).
// Request: [stream_id Identifier][topic_id Identifier][partitions_count u32]. Response: empty OK.
// Removes the highest-numbered partitions. Count limits (2015/2019) are the handler's.
import { type CommandCodec, EMPTY_CODEC } from '../../codec.js';
import { type PartitionsCountRequest, partitionsCountRequestCodec } from './partitions_count.js';

export type DeletePartitionsRequest = PartitionsCountRequest;
export type DeletePartitionsResponse = void;

export const deletePartitions: CommandCodec<DeletePartitionsRequest, DeletePartitionsResponse> = {
  code: 403,
  name: 'DeletePartitions',
  request: partitionsCountRequestCodec,
  response: EMPTY_CODEC,
};
