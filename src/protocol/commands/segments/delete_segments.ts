// DeleteSegments — 503 (BINARY.md §8.41).
// Request: [stream_id Identifier][topic_id Identifier][partition_id u32][segments_count u32].
// Response: empty OK. Deletes up to segments_count of the oldest sealed segments.
import { type CommandCodec, EMPTY_CODEC, defineCodec } from '../../codec.js';
import { type StreamTopic, readStreamTopic, streamTopicSizeBytes, writeStreamTopic } from '../stream_topic.js';

export interface DeleteSegmentsRequest extends StreamTopic {
  partitionId: number;
  segmentsCount: number;
}
export type DeleteSegmentsResponse = void;

export const deleteSegments: CommandCodec<DeleteSegmentsRequest, DeleteSegmentsResponse> = {
  code: 503,
  name: 'DeleteSegments',
  request: defineCodec(
    (r) => streamTopicSizeBytes(r) + 8,
    (w, r) => writeStreamTopic(w, r).u32(r.partitionId).u32(r.segmentsCount),
    (reader) => {
      const { streamId, topicId } = readStreamTopic(reader);
      const partitionId = reader.u32('partition id');
      return { streamId, topicId, partitionId, segmentsCount: reader.u32('segments_count') };
    },
  ),
  response: EMPTY_CODEC,
};
