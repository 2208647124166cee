// DeleteUser — 34 (BINARY.md §8.11). Request: [user_id Identifier]. Response: empty OK.
import { type CommandCodec, EMPTY_CODEC, defineCodec } from '../../codec.js';
import { identifierSizeBytes, readIdentifier, writeIdentifier } from '../../identifier.js';
import type { Identifier } from '../../types.js';

export interface DeleteUserRequest {
  userId: Identifier;
}
export type DeleteUserResponse = void;

export const deleteUser: CommandCodec<DeleteUserRequest, DeleteUserResponse> = {
  code: 34,
  name: 'DeleteUser',
  request: defineCodec(
    (r) => identifierSizeBytes(r.userId),
    (w, r) => writeIdentifier(w, r.userId),
    (reader) => ({ userId: readIdentifier(reader, 'user id') }),
  ),
  response: EMPTY_CODEC,
};
