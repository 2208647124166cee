// The settings CreateTopic (§8.35) and UpdateTopic (§8.37) both carry, in
// this order, after their identifiers (BINARY.md):
//   [compression u8 1 none 2 gzip][message_expiry u64 µs][max_topic_size u64]
//   [replication_factor u8][name Name]
// Unknown compression → InvalidCommand (3).
import { type Reader, type Writer, str8SizeBytes } from '../../reader.js';
import { readCompression } from '../../records/enums.js';
import type { CompressionAlgorithm } from '../../types.js';

export interface TopicSettingsFields {
  compression: CompressionAlgorithm;
  /** 0 = server default, u64::MAX = never. */
  messageExpiryUs: bigint;
  /** 0 = server default, u64::MAX = unlimited. */
  maxTopicSizeBytes: bigint;
  /** 0 = default (stored as 1). */
  replicationFactor: number;
  name: string;
}

export const topicSettingsSizeBytes = (s: TopicSettingsFields): number => 1 + 8 + 8 + 1 + str8SizeBytes(s.name);

export function writeTopicSettings(writer: Writer, s: TopicSettingsFields): Writer {
  return writer.u8(s.compression).u64(s.messageExpiryUs).u64(s.maxTopicSizeBytes).u8(s.replicationFactor).name(s.name, 'topic name');
}

export function readTopicSettings(reader: Reader): TopicSettingsFields {
  const compression = readCompression(reader);
  const messageExpiryUs = reader.u64('message_expiry');
  const maxTopicSizeBytes = reader.u64('max_topic_size');
  const replicationFactor = reader.u8('replication_factor');
  const name = reader.name('topic name');
  return { compression, messageExpiryUs, maxTopicSizeBytes, replicationFactor, name };
}
