// DeletePartitions — 403 (BINARY.md §8.40).
// Request: [stream_id Identifier][topic_id Identifier][partitions_count u32]. Response: empty OK.
// Removes the highest-numbered partitions. Count limits (2015/2019) are the handler's.
import { type CommandCodec, EMPTY_CODEC, defineCodec } from '../../codec.js';
import { type StreamTopic, readStreamTopic, streamTopicSizeBytes, writeStreamTopic } from '../stream_topic.js';

export interface DeletePartitionsRequest extends StreamTopic {
  partitionsCount: number;
}
export type DeletePartitionsResponse = void;

export const deletePartitions: CommandCodec<DeletePartitionsRequest, DeletePartitionsResponse> = {
  code: 403,
  name: 'DeletePartitions',
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
