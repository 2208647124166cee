// CreatePartitions — 402 (BINARY.md §8.39).
// Request: [stream_id Identifier][topic_id Identifier][partitions_count u32]. Response: empty OK.
// New partitions get ids after the current count. Count limits (2015/2019) are the handler's.
import { type CommandCodec, EMPTY_CODEC } from '../../codec.js';
import { type PartitionsCountRequest, partitionsCountRequestCodec } from './partitions_count.js';

export type CreatePartitionsRequest = PartitionsCountRequest;
export type CreatePartitionsResponse = void;

export const createPartitions: CommandCodec<CreatePartitionsRequest, CreatePartitionsResponse> = {
  code: 402,
  name: 'CreatePartitions',
  request: partitionsCountRequestCodec,
  response: EMPTY_CODEC,
};
