// CreateTopic — 302 (BINARY.md §8.35).
// Request: [stream_id Identifier][partitions_count u32][compression u8 1 none 2 gzip]
//          [message_expiry u64 µs][max_topic_size u64][replication_factor u8][name Name]
// (no topic id). Unknown compression → InvalidCommand (3), unless the count is
// also over 1000 (TooManyPartitions 2015 comes first on the server); the
// other count and size checks are the handler's. Response: TopicRecord + one PartitionRecord per partition.
import { IggyError } from '../../../errors/iggy_error.js';
import { PROTOCOL } from '../../../limits.js';
import { type CommandCodec, defineCodec } from '../../codec.js';
import { identifierSizeBytes, readIdentifier, writeIdentifier } from '../../identifier.js';
import { str8SizeBytes } from '../../reader.js';
import { isCompression, readCompression } from '../../records/enums.js';
import type { CompressionAlgorithm, Identifier } from '../../types.js';
import { type TopicDetails, topicDetailsCodec } from './get_topic.js';

export interface CreateTopicRequest {
  streamId: Identifier;
  partitionsCount: number;
  compression: CompressionAlgorithm;
  /** 0 = server default, u64::MAX = never. */
  messageExpiryUs: bigint;
  /** 0 = server default, u64::MAX = unlimited. */
  maxTopicSizeBytes: bigint;
  /** 0 = default (stored as 1). */
  replicationFactor: number;
  name: string;
}
export type CreateTopicResponse = TopicDetails;

export const createTopic: CommandCodec<CreateTopicRequest, CreateTopicResponse> = {
  code: 302,
  name: 'CreateTopic',
  request: defineCodec(
    (r) => identifierSizeBytes(r.streamId) + 4 + 1 + 8 + 8 + 1 + str8SizeBytes(r.name),
    (w, r) =>
      writeIdentifier(w, r.streamId, 'stream id')
        .u32(r.partitionsCount).u8(r.compression).u64(r.messageExpiryUs).u64(r.maxTopicSizeBytes).u8(r.replicationFactor)
        .name(r.name, 'topic name'),
    (reader) => {
      const streamId = readIdentifier(reader, 'stream id');
      const partitionsCount = reader.u32('partitions_count');
      // The server checks the partition count before the compression code.
      if (partitionsCount > PROTOCOL.partitionsPerRequestMax && !isCompression(reader.bytes[reader.offset])) {
        throw IggyError.of('TooManyPartitions', `${partitionsCount} partitions (max ${PROTOCOL.partitionsPerRequestMax})`);
      }
      const compression = readCompression(reader);
      const messageExpiryUs = reader.u64('message_expiry');
      const maxTopicSizeBytes = reader.u64('max_topic_size');
      const replicationFactor = reader.u8('replication_factor');
      const name = reader.name('topic name');
      return { streamId, partitionsCount, compression, messageExpiryUs, maxTopicSizeBytes, replicationFactor, name };
    },
  ),
  response: topicDetailsCodec,
};
