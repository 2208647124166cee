// LoginWithPersonalAccessToken: no login needed. Shutting down ->
// Disconnected (8); then the token check of auth/credentials.ts (20 unknown
// token or owner, 54 expired, 47 owner inactive) (BINARY.md §8.20).
import { IggyError } from '../../../errors/iggy_error.js';
import type { LoginWithPersonalAccessTokenRequest } from '../../../protocol/commands/personal_access_tokens/login_with_personal_access_token.js';
import { verifyPersonalAccessToken } from '../../auth/credentials.js';
import { nowUs } from '../../clients.js';
import type { LoginOperation } from '../users/login_user.js';

/** Returns the token's owner, not { userId }, for the reason given at LoginOperation. */
export const loginWithPersonalAccessToken: LoginOperation<LoginWithPersonalAccessTokenRequest> = (ctx, _session, request) => {
  if (ctx.runtime.shuttingDown) throw IggyError.of('Disconnected', 'the server is shutting down');
  return verifyPersonalAccessToken(ctx.users, request.token, nowUs());
};
