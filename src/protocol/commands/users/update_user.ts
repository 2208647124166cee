// UpdateUser — 35 (BINARY.md §8.12).
// Request: [user_id Identifier][has_username u8][username Name if has = 1]
//          [has_status u8][status u8 if has = 1]
// Only 1 means present. Unknown status → InvalidCommand (3). Response: empty OK.
import { type CommandCodec, EMPTY_CODEC, defineCodec } from '../../codec.js';
import { identifierSizeBytes, readIdentifier, writeIdentifier } from '../../identifier.js';
import { str8SizeBytes } from '../../reader.js';
import { readUserStatus } from '../../records/enums.js';
import type { Identifier, UserStatus } from '../../types.js';

export interface UpdateUserRequest {
  userId: Identifier;
  /** null/undefined = keep. */
  username?: string | null;
  status?: UserStatus | null;
}
export type UpdateUserResponse = void;

export const updateUser: CommandCodec<UpdateUserRequest, UpdateUserResponse> = {
  code: 35,
  name: 'UpdateUser',
  request: defineCodec(
    (r) => identifierSizeBytes(r.userId) + 1 + (r.username != null ? str8SizeBytes(r.username) : 0) + 1 + (r.status != null ? 1 : 0),
    (w, r) => {
      writeIdentifier(w, r.userId);
      if (r.username != null) w.u8(1).name(r.username, 'username');
      else w.u8(0);
      if (r.status != null) w.u8(1).u8(r.status);
      else w.u8(0);
    },
    (reader) => {
      const userId = readIdentifier(reader, 'user id');
      const username = reader.u8('has_username') === 1 ? reader.name('username') : null;
      const status = reader.u8('has_status') === 1 ? readUserStatus(reader) : null;
      return { userId, username, status };
    },
  ),
  response: EMPTY_CODEC,
};
