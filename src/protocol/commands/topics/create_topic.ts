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
import { isCompression } from '../../records/enums.js';
import type { Identifier } from '../../types.js';
import { type TopicDetails, topicDetailsCodec } from './get_topic.js';
import { type TopicSettingsFields, readTopicSettings, topicSettingsSizeBytes, writeTopicSettings } from './topic_settings.js';

export interface CreateTopicRequest extends TopicSettingsFields {
  streamId: Identifier;
  partitionsCount: number;
}
export type CreateTopicResponse = TopicDetails;

export const createTopic: CommandCodec<CreateTopicRequest, CreateTopicResponse> = {
  code: 302,
  name: 'CreateTopic',
  request: defineCodec(
    (r) => identifierSizeBytes(r.streamId) + 4 + topicSettingsSizeBytes(r),
    (w, r) => writeTopicSettings(writeIdentifier(w, r.streamId, 'stream id').u32(r.partitionsCount), r),
    (reader) => {
      const streamId = readIdentifier(reader, 'stream id');
      const partitionsCount = reader.u32('partitions_count');
      // The server checks the partition count before the compression code.
      if (partitionsCount > PROTOCOL.partitionsPerRequestMax && !isCompression(reader.bytes[reader.offset])) {
        throw IggyError.of('TooManyPartitions', `${partitionsCount} partitions (max ${PROTOCOL.partitionsPerRequestMax})`);
      }
      return { streamId, partitionsCount, ...readTopicSettings(reader) };
    },
  ),
  response: topicDetailsCodec,
};
