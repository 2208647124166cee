// FlushUnsavedBuffer — 102 (BINARY.md §8.23).
// Request: [stream_id Identifier][topic_id Identifier][partition_id u32][fsync u8 non-zero = true].
// Response: empty OK.
import { type CommandCodec, EMPTY_CODEC, defineCodec } from '../../codec.js';
import { type StreamTopic, readStreamTopic, streamTopicSizeBytes, writeStreamTopic } from '../stream_topic.js';

export interface FlushUnsavedBufferRequest extends StreamTopic {
  partitionId: number;
  fsync: boolean;
}
export type FlushUnsavedBufferResponse = void;

export const flushUnsavedBuffer: CommandCodec<FlushUnsavedBufferRequest, FlushUnsavedBufferResponse> = {
  code: 102,
  name: 'FlushUnsavedBuffer',
  request: defineCodec(
    (r) => streamTopicSizeBytes(r) + 5,
    (w, r) => writeStreamTopic(w, r).u32(r.partitionId).bool(r.fsync),
    (reader) => {
      const { streamId, topicId } = readStreamTopic(reader);
      const partitionId = reader.u32('partition id');
      return { streamId, topicId, partitionId, fsync: reader.bool('fsync') };
    },
  ),
  response: EMPTY_CODEC,
};
