// LogoutUser (39): decode -> op -> empty reply.
import { logoutUser as command } from '../../../protocol/commands/users/logout_user.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';
import { sessionPrincipal } from '../../ops/principal.js';
import { logoutUser } from '../../ops/users/logout_user.js';

export const logoutUserHandler: CommandHandler<void> = {
  code: command.code,
  name: command.name,
  requiresAuth: true,
  decode: (payload) => command.request.decode(payload),
  async handle(ctx, session) {
    await logoutUser(ctx, sessionPrincipal(ctx, session), undefined);
    return EMPTY_REPLY;
  },
};
