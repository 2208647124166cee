// DeleteUser (34): decode -> op -> empty reply.
import { deleteUser as command, type DeleteUserRequest } from '../../../protocol/commands/users/delete_user.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';
import { sessionPrincipal } from '../../ops/principal.js';
import { deleteUser } from '../../ops/users/delete_user.js';

export const deleteUserHandler: CommandHandler<DeleteUserRequest> = {
  code: command.code,
  name: command.name,
  requiresAuth: true,
  decode: (payload) => command.request.decode(payload),
  async handle(ctx, session, request) {
    await deleteUser(ctx, sessionPrincipal(ctx, session), request);
    return EMPTY_REPLY;
  },
};
