// ChangePassword — 37 (BINARY.md §8.14).
// Request: [user_id Identifier][current_password str8][new_password str8]. Response: empty OK.
import { type CommandCodec, EMPTY_CODEC, defineCodec } from '../../codec.js';
import { identifierSizeBytes, readIdentifier, writeIdentifier } from '../../identifier.js';
import { str8SizeBytes } from '../../reader.js';
import type { Identifier } from '../../types.js';

export interface ChangePasswordRequest {
  userId: Identifier;
  currentPassword: string;
  newPassword: string;
}
export type ChangePasswordResponse = void;

export const changePassword: CommandCodec<ChangePasswordRequest, ChangePasswordResponse> = {
  code: 37,
  name: 'ChangePassword',
  request: defineCodec(
    (r) => identifierSizeBytes(r.userId) + str8SizeBytes(r.currentPassword) + str8SizeBytes(r.newPassword),
    (w, r) => writeIdentifier(w, r.userId).str8(r.currentPassword, 'current password').str8(r.newPassword, 'new password'),
    (reader) => {
      const userId = readIdentifier(reader, 'user id');
      const currentPassword = reader.str8('current password');
      const newPassword = reader.str8('new password');
      return { userId, currentPassword, newPassword };
    },
  ),
  response: EMPTY_CODEC,
};
