// GetStream — 200 (BINARY.md §8.27). Request: [stream_id Identifier].
// Response: StreamRecord followed by its TopicRecords (ascending id), or empty
// (→ null) when not found. The decoder reads topic records to the end of the
// payload (it does not insist on topics_count of them: the Node SDK's vectors
// send the stream record alone).
import { type CommandCodec, defineCodec, nullableCodec } from '../../codec.js';
import { identifierSizeBytes, readIdentifier, writeIdentifier } from '../../identifier.js';
import { type StreamRecord, readStreamRecord, streamRecordSizeBytes, writeStreamRecord } from '../../records/stream_record.js';
import { type TopicRecord, readTopicRecord, topicRecordSizeBytes, writeTopicRecord } from '../../records/topic_record.js';
import type { Identifier } from '../../types.js';

export interface GetStreamRequest {
  streamId: Identifier;
}
export interface StreamDetails {
  stream: StreamRecord;
  topics: TopicRecord[];
}
export type GetStreamResponse = StreamDetails | null;

export const getStream: CommandCodec<GetStreamRequest, GetStreamResponse> = {
  code: 200,
  name: 'GetStream',
  request: defineCodec(
    (r) => identifierSizeBytes(r.streamId),
    (w, r) => writeIdentifier(w, r.streamId),
    (reader) => ({ streamId: readIdentifier(reader, 'stream id') }),
  ),
  response: nullableCodec(
    defineCodec<StreamDetails>(
      (v) => v.topics.reduce((size, topic) => size + topicRecordSizeBytes(topic), streamRecordSizeBytes(v.stream)),
      (w, v) => {
        writeStreamRecord(w, v.stream);
        for (const topic of v.topics) writeTopicRecord(w, topic);
      },
      (reader) => {
        const stream = readStreamRecord(reader);
        const topics: TopicRecord[] = [];
        while (reader.remaining > 0) topics.push(readTopicRecord(reader));
        return { stream, topics };
      },
    ),
  ),
};
