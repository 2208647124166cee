// GetUsers (32): decode -> op -> encoded reply.
import { getUsers as command } from '../../../protocol/commands/users/get_users.js';
import type { CommandHandler } from '../../context.js';
import { encodeReply } from '../../dispatch.js';
import { sessionPrincipal } from '../../ops/principal.js';
import { getUsers } from '../../ops/users/get_users.js';

export const getUsersHandler: CommandHandler<void> = {
  code: command.code,
  name: command.name,
  requiresAuth: true,
  decode: (payload) => command.request.decode(payload),
  async handle(ctx, session) {
    return encodeReply(command.response, await getUsers(ctx, sessionPrincipal(ctx, session), undefined));
  },
};
