// GetClients (22): decode -> op -> encoded reply.
import { getClients as command } from '../../../protocol/commands/system/get_clients.js';
import type { CommandHandler } from '../../context.js';
import { encodeReply } from '../../dispatch.js';
import { sessionPrincipal } from '../../ops/principal.js';
import { getClients } from '../../ops/system/get_clients.js';

export const getClientsHandler: CommandHandler<void> = {
  code: command.code,
  name: command.name,
  requiresAuth: true,
  decode: (payload) => command.request.decode(payload),
  async handle(ctx, session) {
    return encodeReply(command.response, await getClients(ctx, sessionPrincipal(ctx, session), undefined));
  },
};
