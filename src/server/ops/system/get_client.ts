// GetClient: read_servers or manage_servers. client_id 0 -> InvalidClientId
// (101); an unknown id -> null (binary: empty OK, HTTP: 404) (BINARY.md §8.6).
import { IggyError } from '../../../errors/iggy_error.js';
import type { GetClientRequest, GetClientResponse } from '../../../protocol/commands/system/get_client.js';
import type { Operation } from '../principal.js';
import { clientDetailsOf } from './client_details.js';

export const getClient: Operation<GetClientRequest, GetClientResponse> = (ctx, principal, request) => {
  ctx.authorizer.authorize(principal.user, 'read_servers');
  if (request.clientId === 0) throw IggyError.of('InvalidClientId', 'client id 0');
  const client = ctx.clients.get(request.clientId);
  return client === undefined ? null : clientDetailsOf(ctx, client);
};
