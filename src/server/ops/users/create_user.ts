// CreateUser: manage_users, checked before anything else; then username
// 3..=50 bytes (43), password 3..=100 bytes (44); a taken username -> 46.
// The new user's UserDetails (BINARY.md §8.10).
import { IggyError } from '../../../errors/iggy_error.js';
import type { CreateUserRequest, CreateUserResponse } from '../../../protocol/commands/users/create_user.js';
import { hashPassword } from '../../auth/password.js';
import type { Operation } from '../principal.js';
import { userDetailsOf } from './user_details.js';
import { checkPassword, checkUsername } from './validate.js';

export const createUser: Operation<CreateUserRequest, CreateUserResponse> = async (ctx, principal, request) => {
  ctx.authorizer.authorize(principal.user, 'manage_users');
  checkUsername(request.username);
  checkPassword(request.password);
  if (ctx.users.findUser({ kind: 'string', value: request.username }) !== undefined) {
    throw IggyError.of('UserAlreadyExists', `user "${request.username}" exists`);
  }
  const passwordHash = await hashPassword(request.password);
  const user = await ctx.users.createUser({
    username: request.username,
    status: request.status,
    permissions: request.permissions,
    passwordHash,
  });
  return userDetailsOf(user);
};
