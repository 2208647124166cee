// LogoutUser (39): the connection stays open, unauthenticated (§8.16).
import { logoutUser } from '../../../protocol/commands/users/logout_user.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';

export const logoutUserHandler: CommandHandler<void> = {
  code: logoutUser.code,
  name: logoutUser.name,
  requiresAuth: true,
  decode: (payload) => logoutUser.request.decode(payload),
  handle(_ctx, session) {
    session.userId = null;
    return EMPTY_REPLY;
  },
};
