// GetClient (21): decode -> op -> encoded reply.
import { getClient as command, type GetClientRequest } from '../../../protocol/commands/system/get_client.js';
import type { CommandHandler } from '../../context.js';
import { encodeReply } from '../../dispatch.js';
import { sessionPrincipal } from '../../ops/principal.js';
import { getClient } from '../../ops/system/get_client.js';

export const getClientHandler: CommandHandler<GetClientRequest> = {
  code: command.code,
  name: command.name,
  requiresAuth: true,
  decode: (payload) => command.request.decode(payload),
  async handle(ctx, session, request) {
    return encodeReply(command.response, await getClient(ctx, sessionPrincipal(ctx, session), request));
  },
};
