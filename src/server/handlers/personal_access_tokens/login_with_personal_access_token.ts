// LoginWithPersonalAccessToken (44): no login needed. Shutting down ->
// Disconnected (8); unknown token -> ResourceNotFound (20, not 53, as Iggy
// 0.8); expired -> PersonalAccessTokenExpired (54); owner missing -> 20;
// owner inactive -> UserInactive (47) (§8.20).
import { IggyError } from '../../../errors/iggy_error.js';
import {
  loginWithPersonalAccessToken,
  type LoginWithPersonalAccessTokenRequest,
} from '../../../protocol/commands/personal_access_tokens/login_with_personal_access_token.js';
import { UserStatus } from '../../../protocol/types.js';
import { hashToken, isTokenExpired } from '../../auth/token.js';
import { nowUs } from '../../clients.js';
import type { CommandHandler } from '../../context.js';
import { encodeReply } from '../../dispatch.js';

export const loginWithPersonalAccessTokenHandler: CommandHandler<LoginWithPersonalAccessTokenRequest> = {
  code: loginWithPersonalAccessToken.code,
  name: loginWithPersonalAccessToken.name,
  requiresAuth: false,
  decode: (payload) => loginWithPersonalAccessToken.request.decode(payload),
  handle(ctx, session, request) {
    if (ctx.runtime.shuttingDown) throw IggyError.of('Disconnected', 'the server is shutting down');
    const token = ctx.storage.findPersonalAccessTokenByHash(hashToken(request.token));
    if (token === undefined) throw IggyError.of('ResourceNotFound', 'unknown personal access token');
    if (isTokenExpired(token.expiryAtUs, nowUs())) throw IggyError.of('PersonalAccessTokenExpired', `token "${token.name}" expired`);
    const user = ctx.storage.findUser({ kind: 'numeric', value: token.userId });
    if (user === undefined) throw IggyError.of('ResourceNotFound', `owner ${token.userId} of token "${token.name}"`);
    if (user.status !== UserStatus.Active) throw IggyError.of('UserInactive', `user ${user.id} is inactive`);
    session.userId = user.id;
    return encodeReply(loginWithPersonalAccessToken.response, { userId: user.id });
  },
};
