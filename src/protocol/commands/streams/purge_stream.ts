// PurgeStream — 205 (BINARY.md §8.32). Request: [stream_id Identifier]. Response: empty OK.
// Purges every topic of the stream.
import { type CommandCodec, EMPTY_CODEC, defineCodec } from '../../codec.js';
import { identifierSizeBytes, readIdentifier, writeIdentifier } from '../../identifier.js';
import type { Identifier } from '../../types.js';

export interface PurgeStreamRequest {
  streamId: Identifier;
}
export type PurgeStreamResponse = void;

export const purgeStream: CommandCodec<PurgeStreamRequest, PurgeStreamResponse> = {
  code: 205,
  name: 'PurgeStream',
  request: defineCodec(
    (r) => identifierSizeBytes(r.streamId),
    (w, r) => writeIdentifier(w, r.streamId),
    (reader) => ({ streamId: readIdentifier(reader, 'stream id') }),
  ),
  response: EMPTY_CODEC,
};
