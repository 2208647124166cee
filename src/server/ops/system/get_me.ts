// GetMe: the calling connection's ClientDetails. A session no longer in the
// registry answers ClientNotFound (100) and its connection is closed (BINARY.md
// §8.5). "Me" is a connection, so without a session (HTTP, which has no
// GetMe route) the op answers FeatureUnavailable (5), the code Iggy's SDKs
// give for a command their transport cannot carry (ERRORS.md).
import { IggyError } from '../../../errors/iggy_error.js';
import type { GetMeRequest, GetMeResponse } from '../../../protocol/commands/system/get_me.js';
import type { Operation } from '../principal.js';
import { clientDetailsOf } from './client_details.js';

export const getMe: Operation<GetMeRequest, GetMeResponse> = (ctx, principal) => {
  const session = principal.session;
  if (session === null) throw IggyError.of('FeatureUnavailable', 'GetMe describes a connected client; HTTP requests have none');
  if (!ctx.clients.has(session)) {
    session.closeAfterReply = true;
    throw IggyError.of('ClientNotFound', `client ${session.clientId} is not registered`);
  }
  return clientDetailsOf(ctx, session);
};
