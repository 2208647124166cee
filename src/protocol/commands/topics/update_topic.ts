// UpdateTopic — 304 (BINARY.md §8.37).
// Request: [stream_id Identifier][topic_id Identifier][compression u8][message_expiry u64]
//          [max_topic_size u64][replication_factor u8][name Name]
// All fields replace the current ones. Unknown compression → InvalidCommand (3).
// Response: empty OK.
import { type CommandCodec, EMPTY_CODEC, defineCodec } from '../../codec.js';
import { str8SizeBytes } from '../../reader.js';
import { readCompression } from '../../records/enums.js';
import type { CompressionAlgorithm } from '../../types.js';
import { type StreamTopic, readStreamTopic, streamTopicSizeBytes, writeStreamTopic } from '../stream_topic.js';

export interface UpdateTopicRequest extends StreamTopic {
  compression: CompressionAlgorithm;
  messageExpiryUs: bigint;
  maxTopicSizeBytes: bigint;
  replicationFactor: number;
  name: string;
}
export type UpdateTopicResponse = void;

export const updateTopic: CommandCodec<UpdateTopicRequest, UpdateTopicResponse> = {
  code: 304,
  name: 'UpdateTopic',
  request: defineCodec(
    (r) => streamTopicSizeBytes(r) + 1 + 8 + 8 + 1 + str8SizeBytes(r.name),
    (w, r) =>
      writeStreamTopic(w, r).u8(r.compression).u64(r.messageExpiryUs).u64(r.maxTopicSizeBytes).u8(r.replicationFactor).name(r.name, 'topic name'),
    (reader) => {
      const { streamId, topicId } = readStreamTopic(reader);
      const compression = readCompression(reader);
      const messageExpiryUs = reader.u64('message_expiry');
      const maxTopicSizeBytes = reader.u64('max_topic_size');
      const replicationFactor = reader.u8('replication_factor');
      const name = reader.name('topic name');
      return { streamId, topicId, compression, messageExpiryUs, maxTopicSizeBytes, replicationFactor, name };
    },
  ),
  response: EMPTY_CODEC,
};
