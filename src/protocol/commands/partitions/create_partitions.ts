// CreatePartitions — 402 (BINARY.md §8.39).
// Request: [stream_id Identifier][topic_id Identifier][partitions_count u32]. Response: empty OK.
// New partitions get ids after the current count. Count limits (2015/2019) are the handler's.
import { type CommandCodec, EMPTY_CODEC, defineCodec } from '../../codec.js';
import { type StreamTopic, readStreamTopic, streamTopicSizeBytes, writeStreamTopic } from '../stream_topic.js';

export interface CreatePartitionsRequest extends StreamTopic {
  partitionsCount: number;
}
export type CreatePartitionsResponse = void;

export const createPartitions: CommandCodec<CreatePartitionsRequest, CreatePartitionsResponse> = {
  code: 402,
  name: 'CreatePartitions',
  request: defineCodec(
    (r) => streamTopicSizeBytes(r) + 4,
    (w, r) => writeStreamTopic(w, r).u32(r.partitionsCount),
    (reader) => {
      const { streamId, topicId } = readStreamTopic(reader);
      return { streamId, topicId, partitionsCount: reader.u32('partitions_count') };
    },
  ),
  response: EMPTY_CODEC,
};
