// LoginWithPersonalAccessToken — 44 (BINARY.md §8.20).
// Request: [token Name]. Response: [user_id u32].
import { type CommandCodec, defineCodec } from '../../codec.js';
import { str8SizeBytes } from '../../reader.js';

export interface LoginWithPersonalAccessTokenRequest {
  token: string;
}
export interface LoginWithPersonalAccessTokenResponse {
  userId: number;
}

export const loginWithPersonalAccessToken: CommandCodec<LoginWithPersonalAccessTokenRequest, LoginWithPersonalAccessTokenResponse> = {
  code: 44,
  name: 'LoginWithPersonalAccessToken',
  request: defineCodec(
    (r) => str8SizeBytes(r.token),
    (w, r) => w.name(r.token, 'token'),
    (reader) => ({ token: reader.name('token') }),
  ),
  response: defineCodec(
    () => 4,
    (w, r) => w.u32(r.userId),
    (reader) => ({ userId: reader.u32('user id') }),
  ),
};
