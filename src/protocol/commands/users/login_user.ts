// LoginUser — 38 (BINARY.md §8.15).
// Request: [username Name][password str8][version str32][context str32]
// (u32 0 = absent version/context; both lengths are required, as the 0.8.0
// decoder fails with InvalidCommand when the payload ends after the password.)
// Response: [user_id u32].
import { type CommandCodec, defineCodec } from '../../codec.js';
import { str32SizeBytes, str8SizeBytes } from '../../reader.js';

export interface LoginUserRequest {
  username: string;
  password: string;
  /** Client version; ignored by the server. */
  version?: string;
  /** Ignored by the server. */
  context?: string;
}
export interface LoginUserResponse {
  userId: number;
}

export const loginUser: CommandCodec<LoginUserRequest, LoginUserResponse> = {
  code: 38,
  name: 'LoginUser',
  request: defineCodec(
    (r) => str8SizeBytes(r.username) + str8SizeBytes(r.password) + str32SizeBytes(r.version ?? '') + str32SizeBytes(r.context ?? ''),
    (w, r) => w.name(r.username, 'username').str8(r.password, 'password').str32(r.version ?? '').str32(r.context ?? ''),
    (reader) => {
      const request: LoginUserRequest = { username: reader.name('username'), password: reader.str8('password') };
      const version = reader.str32('version');
      const context = reader.str32('context');
      if (version !== '') request.version = version;
      if (context !== '') request.context = context;
      return request;
    },
  ),
  response: defineCodec(
    () => 4,
    (w, r) => w.u32(r.userId),
    (reader) => ({ userId: reader.u32('user id') }),
  ),
};
