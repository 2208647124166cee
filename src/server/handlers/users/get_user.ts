// GetUser (31): decode -> op -> encoded reply. null is an empty OK.
import { getUser as command, type GetUserRequest } from '../../../protocol/commands/users/get_user.js';
import type { CommandHandler } from '../../context.js';
import { encodeReply } from '../../dispatch.js';
import { sessionPrincipal } from '../../ops/principal.js';
import { getUser } from '../../ops/users/get_user.js';

export const getUserHandler: CommandHandler<GetUserRequest> = {
  code: command.code,
  name: command.name,
  requiresAuth: true,
  decode: (payload) => command.request.decode(payload),
  async handle(ctx, session, request) {
    return encodeReply(command.response, await getUser(ctx, sessionPrincipal(ctx, session), request));
  },
};
