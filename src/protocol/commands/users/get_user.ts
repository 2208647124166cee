// GetUser — 31 (BINARY.md §8.8). Request: [user_id Identifier].
// Response: UserDetails (records/user_record.ts), or empty (→ null) when unknown.
import { type CommandCodec, defineCodec, nullableCodec } from '../../codec.js';
import { identifierSizeBytes, readIdentifier, writeIdentifier } from '../../identifier.js';
import { type UserDetails, readUserDetails, userDetailsSizeBytes, writeUserDetails } from '../../records/user_record.js';
import type { Identifier } from '../../types.js';

export interface GetUserRequest {
  userId: Identifier;
}
export type GetUserResponse = UserDetails | null;

export const getUser: CommandCodec<GetUserRequest, GetUserResponse> = {
  code: 31,
  name: 'GetUser',
  request: defineCodec(
    (r) => identifierSizeBytes(r.userId),
    (w, r) => writeIdentifier(w, r.userId),
    (reader) => ({ userId: readIdentifier(reader, 'user id') }),
  ),
  response: nullableCodec(defineCodec(userDetailsSizeBytes, writeUserDetails, readUserDetails)),
};
