// CreateStream — 202 (BINARY.md §8.29). Request: [name Name] (no id: the
// server assigns it). Response: StreamRecord of the new stream.
import { type CommandCodec, defineCodec } from '../../codec.js';
import { str8SizeBytes } from '../../reader.js';
import { type StreamRecord, readStreamRecord, streamRecordSizeBytes, writeStreamRecord } from '../../records/stream_record.js';

export interface CreateStreamRequest {
  name: string;
}
export type CreateStreamResponse = StreamRecord;

export const createStream: CommandCodec<CreateStreamRequest, CreateStreamResponse> = {
  code: 202,
  name: 'CreateStream',
  request: defineCodec(
    (r) => str8SizeBytes(r.name),
    (w, r) => w.name(r.name, 'stream name'),
    (reader) => ({ name: reader.name('stream name') }),
  ),
  response: defineCodec(streamRecordSizeBytes, writeStreamRecord, readStreamRecord),
};
