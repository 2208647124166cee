// GetClients (22): read_servers or manage_servers. ClientRecords of every
// connected client (no consumer-group triples), ascending client id (§8.7).
import { getClients } from '../../../protocol/commands/system/get_clients.js';
import type { CommandHandler } from '../../context.js';
import { encodeReply } from '../../dispatch.js';
import { sessionUser } from '../../session_user.js';
import { clientRecordOf } from './client_details.js';

export const getClientsHandler: CommandHandler<void> = {
  code: getClients.code,
  name: getClients.name,
  requiresAuth: true,
  decode: (payload) => getClients.request.decode(payload),
  handle(ctx, session) {
    ctx.authorizer.authorize(sessionUser(ctx, session), 'read_servers');
    const records = ctx.clients
      .list()
      .sort((a, b) => a.clientId - b.clientId)
      .map((client) => clientRecordOf(ctx, client));
    return encodeReply(getClients.response, records);
  },
};
