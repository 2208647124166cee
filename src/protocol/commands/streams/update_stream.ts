// UpdateStream — 204 (BINARY.md §8.31). Request: [stream_id Identifier][name Name].
// Response: empty OK.
import { type CommandCodec, EMPTY_CODEC, defineCodec } from '../../codec.js';
import { identifierSizeBytes, readIdentifier, writeIdentifier } from '../../identifier.js';
import { str8SizeBytes } from '../../reader.js';
import type { Identifier } from '../../types.js';

export interface UpdateStreamRequest {
  streamId: Identifier;
  name: string;
}
export type UpdateStreamResponse = void;

export const updateStream: CommandCodec<UpdateStreamRequest, UpdateStreamResponse> = {
  code: 204,
  name: 'UpdateStream',
  request: defineCodec(
    (r) => identifierSizeBytes(r.streamId) + str8SizeBytes(r.name),
    (w, r) => writeIdentifier(w, r.streamId).name(r.name, 'stream name'),
    (reader) => {
      const streamId = readIdentifier(reader, 'stream id');
      return { streamId, name: reader.name('stream name') };
    },
  ),
  response: EMPTY_CODEC,
};
