// DeletePersonalAccessToken — 43 (BINARY.md §8.19). Request: [name Name]. Response: empty OK.
import { type CommandCodec, EMPTY_CODEC, defineCodec } from '../../codec.js';
import { str8SizeBytes } from '../../reader.js';

export interface DeletePersonalAccessTokenRequest {
  name: string;
}
export type DeletePersonalAccessTokenResponse = void;

export const deletePersonalAccessToken: CommandCodec<DeletePersonalAccessTokenRequest, DeletePersonalAccessTokenResponse> = {
  code: 43,
  name: 'DeletePersonalAccessToken',
  request: defineCodec(
    (r) => str8SizeBytes(r.name),
    (w, r) => w.name(r.name, 'token name'),
    (reader) => ({ name: reader.name('token name') }),
  ),
  response: EMPTY_CODEC,
};
