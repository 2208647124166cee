// GetClient (21): read_servers or manage_servers. client_id 0 -> InvalidClientId
// (101); an unknown id -> empty OK (§8.6).
import { IggyError } from '../../../errors/iggy_error.js';
import { getClient, type GetClientRequest } from '../../../protocol/commands/system/get_client.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';
import { encodeReply } from '../../dispatch.js';
import { sessionUser } from '../../session_user.js';
import { clientDetailsOf } from './client_details.js';

export const getClientHandler: CommandHandler<GetClientRequest> = {
  code: getClient.code,
  name: getClient.name,
  requiresAuth: true,
  decode: (payload) => getClient.request.decode(payload),
  handle(ctx, session, request) {
    ctx.authorizer.authorize(sessionUser(ctx, session), 'read_servers');
    if (request.clientId === 0) throw IggyError.of('InvalidClientId', 'client id 0');
    const client = ctx.clients.get(request.clientId);
    if (client === undefined) return EMPTY_REPLY;
    return encodeReply(getClient.response, clientDetailsOf(ctx, client));
  },
};
