// GetStreams — 201 (BINARY.md §8.28). Request: empty.
// Response: StreamRecords ascending by id; empty = [].
import { type CommandCodec, EMPTY_CODEC, listCodec } from '../../codec.js';
import { type StreamRecord, readStreamRecord, streamRecordSizeBytes, writeStreamRecord } from '../../records/stream_record.js';

export type GetStreamsRequest = void;
export type GetStreamsResponse = readonly StreamRecord[];

export const getStreams: CommandCodec<GetStreamsRequest, GetStreamsResponse, void, StreamRecord[]> = {
  code: 201,
  name: 'GetStreams',
  request: EMPTY_CODEC,
  response: listCodec(streamRecordSizeBytes, writeStreamRecord, readStreamRecord),
};
