// UpdatePermissions — 36 (BINARY.md §8.13).
// Request: [user_id Identifier][OptPermissions: has u8 (only 1), perm_len u32, PermBytes]
// Absent permissions clear the user's permissions. Response: empty OK.
import { type CommandCodec, EMPTY_CODEC, defineCodec } from '../../codec.js';
import { identifierSizeBytes, readIdentifier, writeIdentifier } from '../../identifier.js';
import { optPermissionsSizeBytes, readOptPermissions, writeOptPermissions } from '../../permissions.js';
import type { Identifier, Permissions } from '../../types.js';

export interface UpdatePermissionsRequest {
  userId: Identifier;
  permissions: Permissions | null;
}
export type UpdatePermissionsResponse = void;

export const updatePermissions: CommandCodec<UpdatePermissionsRequest, UpdatePermissionsResponse> = {
  code: 36,
  name: 'UpdatePermissions',
  request: defineCodec(
    (r) => identifierSizeBytes(r.userId) + optPermissionsSizeBytes(r.permissions),
    (w, r) => writeOptPermissions(writeIdentifier(w, r.userId), r.permissions),
    (reader) => {
      const userId = readIdentifier(reader, 'user id');
      return { userId, permissions: readOptPermissions(reader) };
    },
  ),
  response: EMPTY_CODEC,
};
