// LoginUser (38): decode -> op -> bind the proven user to the session ->
// { userId }. Logging in again replaces the session's user.
import { loginUser as command, type LoginUserRequest } from '../../../protocol/commands/users/login_user.js';
import type { CommandHandler } from '../../context.js';
import { encodeReply } from '../../dispatch.js';
import { loginUser } from '../../ops/users/login_user.js';

export const loginUserHandler: CommandHandler<LoginUserRequest> = {
  code: command.code,
  name: command.name,
  requiresAuth: false,
  decode: (payload) => command.request.decode(payload),
  async handle(ctx, session, request) {
    const user = await loginUser(ctx, session, request);
    session.userId = user.id;
    return encodeReply(command.response, { userId: user.id });
  },
};
