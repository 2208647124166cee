// Who is asking: the user every operation authorises against, and the
// binary session when the request came over one (TCP, TLS, QUIC, WebSocket).
// HTTP requests carry a user from their JWT and no session, so operations
// that need a connected client (joining a consumer group, GetMe's client
// details) ask for `session` and fail clearly without one.
import type { UserInfo } from '../../protocol/model.js';
import type { ServerContext, Session } from '../context.js';
import { sessionUser } from '../session_user.js';

export interface Principal {
  readonly user: UserInfo;
  /** null over HTTP. */
  readonly session: Session | null;
}

/** The principal of a logged-in binary session; Unauthenticated (40) otherwise. */
export function sessionPrincipal(ctx: ServerContext, session: Session): Principal {
  return { user: sessionUser(ctx, session), session };
}

/**
 * An operation: one command's domain work (authorisation, validation, the
 * change itself, keeping the group coordinator in step) over domain values.
 * Binary handlers are decode -> op -> encode; HTTP routes JSON -> op -> JSON.
 */
export type Operation<Request, Result> = (ctx: ServerContext, principal: Principal, request: Request) => Promise<Result> | Result;
