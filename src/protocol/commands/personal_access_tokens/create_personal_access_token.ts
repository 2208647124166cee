// CreatePersonalAccessToken — 42 (BINARY.md §8.18).
// Request: [name Name][expiry u64 µs duration; 0 and u64::MAX = never].
// Response: [token Name] — the raw token, never shown again.
import { type CommandCodec, defineCodec } from '../../codec.js';
import { str8SizeBytes } from '../../reader.js';
import { type RawToken, rawTokenSizeBytes, readRawToken, writeRawToken } from '../../records/personal_access_token_record.js';

export interface CreatePersonalAccessTokenRequest {
  name: string;
  expiryUs: bigint;
}
export type CreatePersonalAccessTokenResponse = RawToken;

export const createPersonalAccessToken: CommandCodec<CreatePersonalAccessTokenRequest, CreatePersonalAccessTokenResponse> = {
  code: 42,
  name: 'CreatePersonalAccessToken',
  request: defineCodec(
    (r) => str8SizeBytes(r.name) + 8,
    (w, r) => w.name(r.name, 'token name').u64(r.expiryUs),
    (reader) => {
      const name = reader.name('token name');
      return { name, expiryUs: reader.u64('expiry') };
    },
  ),
  response: defineCodec(rawTokenSizeBytes, writeRawToken, readRawToken),
};
