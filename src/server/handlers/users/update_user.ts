// UpdateUser (35): decode -> op -> empty reply.
import { updateUser as command, type UpdateUserRequest } from '../../../protocol/commands/users/update_user.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';
import { sessionPrincipal } from '../../ops/principal.js';
import { updateUser } from '../../ops/users/update_user.js';

export const updateUserHandler: CommandHandler<UpdateUserRequest> = {
  code: command.code,
  name: command.name,
  requiresAuth: true,
  decode: (payload) => command.request.decode(payload),
  async handle(ctx, session, request) {
    await updateUser(ctx, sessionPrincipal(ctx, session), request);
    return EMPTY_REPLY;
  },
};
