// The request both CreatePartitions (402) and DeletePartitions (403) send
// (BINARY.md §8.39, §8.40): [stream_id Identifier][topic_id Identifier][partitions_count u32].
// Count limits (2015/2019) are the handler's.
import { type Codec, defineCodec } from '../../codec.js';
import { type StreamTopic, readStreamTopic, streamTopicSizeBytes, writeStreamTopic } from '../stream_topic.js';

export interface PartitionsCountRequest extends StreamTopic {
  partitionsCount: number;
}

export const partitionsCountRequestCodec: Codec<PartitionsCountRequest> = defineCodec(
  (r: PartitionsCountRequest) => streamTopicSizeBytes(r) + 4,
  (w, r) => writeStreamTopic(w, r).u32(r.partitionsCount),
  (reader) => {
    const { streamId, topicId } = readStreamTopic(reader);
    return { streamId, topicId, partitionsCount: reader.u32('partitions_count') };
  },
);
