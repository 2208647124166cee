// GetUser: oneself needs no permission, another user read_users or
// manage_users. The target is resolved first: unknown -> null (binary: empty
// OK, HTTP: 404), even without permission (BINARY.md §5.2, §8.8).
import type { GetUserRequest, GetUserResponse } from '../../../protocol/commands/users/get_user.js';
import type { Operation } from '../principal.js';
import { userDetailsOf } from './user_details.js';

export const getUser: Operation<GetUserRequest, GetUserResponse> = (ctx, principal, request) => {
  const target = ctx.users.findUser(request.userId);
  if (target === undefined) return null;
  if (target.id !== principal.user.id) ctx.authorizer.authorize(principal.user, 'read_users');
  return userDetailsOf(target);
};
