// CreateUser — 33 (BINARY.md §8.10).
// Request: [username Name][password str8][status u8 1 active 2 inactive]
//          [OptPermissions: has u8 (only 1 = present), perm_len u32, PermBytes]
// Unknown status → InvalidCommand (3). Length rules (43/44) are the handler's.
// Response: UserDetails of the new user.
// The Node SDK writes `00` + `u32 1` + `00` for "no permissions": the flag is
// not 1, so nothing more is read and the rest is ignored, as on the server.
import { type CommandCodec, defineCodec } from '../../codec.js';
import { optPermissionsSizeBytes, readOptPermissions, writeOptPermissions } from '../../permissions.js';
import { str8SizeBytes } from '../../reader.js';
import { readUserStatus } from '../../records/enums.js';
import { type UserDetails, readUserDetails, userDetailsSizeBytes, writeUserDetails } from '../../records/user_record.js';
import type { Permissions, UserStatus } from '../../types.js';

export interface CreateUserRequest {
  username: string;
  password: string;
  status: UserStatus;
  permissions: Permissions | null;
}
export type CreateUserResponse = UserDetails;

export const createUser: CommandCodec<CreateUserRequest, CreateUserResponse> = {
  code: 33,
  name: 'CreateUser',
  request: defineCodec(
    (r) => str8SizeBytes(r.username) + str8SizeBytes(r.password) + 1 + optPermissionsSizeBytes(r.permissions),
    (w, r) => writeOptPermissions(w.name(r.username, 'username').str8(r.password, 'password').u8(r.status), r.permissions),
    (reader) => {
      const username = reader.name('username');
      const password = reader.str8('password');
      const status = readUserStatus(reader);
      return { username, password, status, permissions: readOptPermissions(reader) };
    },
  ),
  response: defineCodec(userDetailsSizeBytes, writeUserDetails, readUserDetails),
};
