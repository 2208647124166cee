// DeleteUser: manage_users first; unknown -> ResourceNotFound (20); root ->
// CannotDeleteUser (48). Removes the user and its tokens; its binary sessions
// are logged out (they stay connected, unauthenticated) (BINARY.md §8.11).
import { IggyError } from '../../../errors/iggy_error.js';
import type { DeleteUserRequest } from '../../../protocol/commands/users/delete_user.js';
import { ROOT_USER_ID } from '../../auth/root_user.js';
import type { Operation } from '../principal.js';
import { requireUser } from './require_user.js';

export const deleteUser: Operation<DeleteUserRequest, void> = async (ctx, principal, request) => {
  ctx.authorizer.authorize(principal.user, 'manage_users');
  const target = requireUser(ctx, request.userId);
  if (target.id === ROOT_USER_ID) throw IggyError.of('CannotDeleteUser', 'the root user cannot be deleted');
  for (const token of ctx.users.listPersonalAccessTokens(target.id)) {
    await ctx.users.deletePersonalAccessToken(target.id, token.name);
  }
  await ctx.users.deleteUser({ kind: 'numeric', value: target.id });
  ctx.clients.logoutUser(target.id);
};
