// The [stream_id Identifier][topic_id Identifier] prefix many requests share.
import { identifierSizeBytes, readIdentifier, writeIdentifier } from '../identifier.js';
import type { Reader, Writer } from '../reader.js';
import type { Identifier } from '../types.js';

export interface StreamTopic {
  streamId: Identifier;
  topicId: Identifier;
}

export const streamTopicSizeBytes = (r: StreamTopic): number => identifierSizeBytes(r.streamId) + identifierSizeBytes(r.topicId);

export function writeStreamTopic(writer: Writer, r: StreamTopic): Writer {
  return writeIdentifier(writeIdentifier(writer, r.streamId, 'stream id'), r.topicId, 'topic id');
}

export function readStreamTopic(reader: Reader): StreamTopic {
  const streamId = readIdentifier(reader, 'stream id');
  return { streamId, topicId: readIdentifier(reader, 'topic id') };
}

export interface StreamTopicGroup extends StreamTopic {
  groupId: Identifier;
}

export const streamTopicGroupSizeBytes = (r: StreamTopicGroup): number => streamTopicSizeBytes(r) + identifierSizeBytes(r.groupId);

export function writeStreamTopicGroup(writer: Writer, r: StreamTopicGroup): Writer {
  return writeIdentifier(writeStreamTopic(writer, r), r.groupId, 'group id');
}

export function readStreamTopicGroup(reader: Reader): StreamTopicGroup {
  const { streamId, topicId } = readStreamTopic(reader);
  return { streamId, topicId, groupId: readIdentifier(reader, 'group id') };
}
