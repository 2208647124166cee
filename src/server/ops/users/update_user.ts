// UpdateUser: manage_users first; a new username 3..=50 bytes (43); unknown
// user -> 20; username taken by another user -> 46 (BINARY.md §8.12).
import { IggyError } from '../../../errors/iggy_error.js';
import type { UpdateUserRequest } from '../../../protocol/commands/users/update_user.js';
import type { UserStatus } from '../../../protocol/types.js';
import type { Operation } from '../principal.js';
import { requireUser } from './require_user.js';
import { checkUsername } from './validate.js';

export const updateUser: Operation<UpdateUserRequest, void> = async (ctx, principal, request) => {
  ctx.authorizer.authorize(principal.user, 'manage_users');
  if (request.username != null) checkUsername(request.username);
  const target = requireUser(ctx, request.userId);
  const changes: { username?: string; status?: UserStatus } = {};
  if (request.username != null) {
    const holder = ctx.users.findUser({ kind: 'string', value: request.username });
    if (holder !== undefined && holder.id !== target.id) throw IggyError.of('UserAlreadyExists', `user "${request.username}" exists`);
    changes.username = request.username;
  }
  if (request.status != null) changes.status = request.status;
  if (changes.username !== undefined || changes.status !== undefined) {
    await ctx.users.updateUser({ kind: 'numeric', value: target.id }, changes);
  }
};
