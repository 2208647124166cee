// DeletePersonalAccessToken: one of the caller's tokens by name; unknown ->
// ResourceNotFound (20) (BINARY.md §8.19).
import { IggyError } from '../../../errors/iggy_error.js';
import type { DeletePersonalAccessTokenRequest } from '../../../protocol/commands/personal_access_tokens/delete_personal_access_token.js';
import type { Operation } from '../principal.js';

export const deletePersonalAccessToken: Operation<DeletePersonalAccessTokenRequest, void> = async (ctx, principal, request) => {
  const user = principal.user;
  if (!ctx.users.listPersonalAccessTokens(user.id).some((t) => t.name === request.name)) {
    throw IggyError.of('ResourceNotFound', `token "${request.name}" of user ${user.id}`);
  }
  await ctx.users.deletePersonalAccessToken(user.id, request.name);
};
