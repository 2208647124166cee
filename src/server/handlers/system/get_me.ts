// GetMe (20): the calling connection's ClientDetails. A session no longer in
// the registry answers ClientNotFound (100) and the connection is closed (§8.5).
import { IggyError } from '../../../errors/iggy_error.js';
import { getMe } from '../../../protocol/commands/system/get_me.js';
import type { CommandHandler } from '../../context.js';
import { encodeReply } from '../../dispatch.js';
import { clientDetailsOf } from './client_details.js';

export const getMeHandler: CommandHandler<void> = {
  code: getMe.code,
  name: getMe.name,
  requiresAuth: true,
  decode: (payload) => getMe.request.decode(payload),
  handle(ctx, session) {
    if (!ctx.clients.has(session)) {
      session.closeAfterReply = true;
      throw IggyError.of('ClientNotFound', `client ${session.clientId} is not registered`);
    }
    return encodeReply(getMe.response, clientDetailsOf(ctx, session));
  },
};
