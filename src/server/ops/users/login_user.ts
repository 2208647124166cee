// LoginUser: no login needed. Shutting down -> Disconnected (8); over a
// binary session username 3..=50 (43) and password 3..=100 (44) first (HTTP
// logins skip those, HTTP.md §2.3); then the credential check of
// auth/credentials.ts (42 unknown user or wrong password, 47 inactive).
import { IggyError } from '../../../errors/iggy_error.js';
import type { LoginUserRequest } from '../../../protocol/commands/users/login_user.js';
import type { UserInfo } from '../../../protocol/model.js';
import { verifyCredentials } from '../../auth/credentials.js';
import type { ServerContext, Session } from '../../context.js';
import { checkPassword, checkUsername } from './validate.js';

/**
 * A login has no principal yet: it is given the binary session (null over
 * HTTP) and returns the user it proves, not LoginUserResponse ({ userId }),
 * because the HTTP route issues a JWT for that user and the binary handler
 * binds it to the session. Neither side effect belongs to the op.
 */
export type LoginOperation<Request> = (ctx: ServerContext, session: Session | null, request: Request) => Promise<UserInfo> | UserInfo;

export const loginUser: LoginOperation<LoginUserRequest> = async (ctx, session, request) => {
  if (ctx.runtime.shuttingDown) throw IggyError.of('Disconnected', 'the server is shutting down');
  if (session !== null) {
    checkUsername(request.username);
    checkPassword(request.password);
  }
  return verifyCredentials(ctx.users, request.username, request.password);
};
