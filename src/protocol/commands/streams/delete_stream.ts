// DeleteStream — 203 (BINARY.md §8.30). Request: [stream_id Identifier]. Response: empty OK.
// Deletes the stream with all its topics, data, offsets and groups.
import { type CommandCodec, EMPTY_CODEC, defineCodec } from '../../codec.js';
import { identifierSizeBytes, readIdentifier, writeIdentifier } from '../../identifier.js';
import type { Identifier } from '../../types.js';

export interface DeleteStreamRequest {
  streamId: Identifier;
}
export type DeleteStreamResponse = void;

export const deleteStream: CommandCodec<DeleteStreamRequest, DeleteStreamResponse> = {
  code: 203,
  name: 'DeleteStream',
  request: defineCodec(
    (r) => identifierSizeBytes(r.streamId),
    (w, r) => writeIdentifier(w, r.streamId),
    (reader) => ({ streamId: readIdentifier(reader, 'stream id') }),
  ),
  response: EMPTY_CODEC,
};
