// GetClients: read_servers or manage_servers. Every connected client (no
// consumer-group triples), ascending client id (BINARY.md §8.7).
import type { GetClientsRequest, GetClientsResponse } from '../../../protocol/commands/system/get_clients.js';
import type { Operation } from '../principal.js';
import { clientRecordOf } from './client_details.js';

export const getClients: Operation<GetClientsRequest, GetClientsResponse> = (ctx, principal) => {
  ctx.authorizer.authorize(principal.user, 'read_servers');
  return ctx.clients
    .list()
    .sort((a, b) => a.clientId - b.clientId)
    .map((client) => clientRecordOf(ctx, client));
};
