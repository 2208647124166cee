// The settings CreateTopic (§8.35) and UpdateTopic (§8.37) both carry, in
// this order, after their identifiers (BINARY.md):
//   [compression u8 1 none 2 gzip][message_expiry u64 µs][max_topic_size u64]
//   [replication_factor u8][name Name]
// Unknown compression → InvalidCommand (3).
import type { TopicSettings } from '../../model.js';
import { type Reader, type Writer, str8SizeBytes } from '../../reader.js';
import { readCompression } from '../../records/enums.js';

/** The model's topic settings but the partitions count, which only CreateTopic sends (before them). */
export type TopicSettingsFields = Omit<TopicSettings, 'partitionsCount'>;

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
