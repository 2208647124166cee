// CreateUser (33): decode -> op -> encoded reply.
import { createUser as command, type CreateUserRequest } from '../../../protocol/commands/users/create_user.js';
import type { CommandHandler } from '../../context.js';
import { encodeReply } from '../../dispatch.js';
import { sessionPrincipal } from '../../ops/principal.js';
import { createUser } from '../../ops/users/create_user.js';

export const createUserHandler: CommandHandler<CreateUserRequest> = {
  code: command.code,
  name: command.name,
  requiresAuth: true,
  decode: (payload) => command.request.decode(payload),
  async handle(ctx, session, request) {
    return encodeReply(command.response, await createUser(ctx, sessionPrincipal(ctx, session), request));
  },
};
