// ChangePassword (37): decode -> op -> empty reply.
import { changePassword as command, type ChangePasswordRequest } from '../../../protocol/commands/users/change_password.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';
import { sessionPrincipal } from '../../ops/principal.js';
import { changePassword } from '../../ops/users/change_password.js';

export const changePasswordHandler: CommandHandler<ChangePasswordRequest> = {
  code: command.code,
  name: command.name,
  requiresAuth: true,
  decode: (payload) => command.request.decode(payload),
  async handle(ctx, session, request) {
    await changePassword(ctx, sessionPrincipal(ctx, session), request);
    return EMPTY_REPLY;
  },
};
