// GetTopics — 301 (BINARY.md §8.34). Request: [stream_id Identifier].
// Response: TopicRecords ascending by id (no partition records); empty = [].
import { type CommandCodec, defineCodec, listCodec } from '../../codec.js';
import { identifierSizeBytes, readIdentifier, writeIdentifier } from '../../identifier.js';
import { type TopicRecord, readTopicRecord, topicRecordSizeBytes, writeTopicRecord } from '../../records/topic_record.js';
import type { Identifier } from '../../types.js';

export interface GetTopicsRequest {
  streamId: Identifier;
}
export type GetTopicsResponse = readonly TopicRecord[];

export const getTopics: CommandCodec<GetTopicsRequest, GetTopicsResponse, GetTopicsRequest, TopicRecord[]> = {
  code: 301,
  name: 'GetTopics',
  request: defineCodec(
    (r) => identifierSizeBytes(r.streamId),
    (w, r) => writeIdentifier(w, r.streamId),
    (reader) => ({ streamId: readIdentifier(reader, 'stream id') }),
  ),
  response: listCodec(topicRecordSizeBytes, writeTopicRecord, readTopicRecord),
};
