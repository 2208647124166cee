// CreateUser (33): manage_users, checked before anything else; then username
// 3..=50 bytes (43), password 3..=100 bytes (44); a taken username -> 46.
// Replies with the new user's UserDetails (§8.10).
import { IggyError } from '../../../errors/iggy_error.js';
import { createUser, type CreateUserRequest } from '../../../protocol/commands/users/create_user.js';
import { hashPassword } from '../../auth/password.js';
import type { CommandHandler } from '../../context.js';
import { encodeReply } from '../../dispatch.js';
import { sessionUser } from '../../session_user.js';
import { checkPassword, checkUsername } from './validate.js';

export const createUserHandler: CommandHandler<CreateUserRequest> = {
  code: createUser.code,
  name: createUser.name,
  requiresAuth: true,
  decode: (payload) => createUser.request.decode(payload),
  async handle(ctx, session, request) {
    ctx.authorizer.authorize(sessionUser(ctx, session), 'manage_users');
    checkUsername(request.username);
    checkPassword(request.password);
    if (ctx.storage.findUser({ kind: 'string', value: request.username }) !== undefined) {
      throw IggyError.of('UserAlreadyExists', `user "${request.username}" exists`);
    }
    const passwordHash = await hashPassword(request.password);
    const user = await ctx.storage.createUser({
      username: request.username,
      status: request.status,
      permissions: request.permissions,
      passwordHash,
    });
    return encodeReply(createUser.response, user);
  },
};
