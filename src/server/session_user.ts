// The logged-in user of a session, as handlers need it for permission checks.
import { IggyError } from '../errors/iggy_error.js';
import type { UserInfo } from '../protocol/model.js';
import type { ServerContext, Session } from './context.js';

/** The session's user; Unauthenticated (40) when not logged in or the user was deleted. */
export function sessionUser(ctx: ServerContext, session: Session): UserInfo {
  if (session.userId === null) throw IggyError.of('Unauthenticated', 'log in first');
  const user = ctx.users.findUser({ kind: 'numeric', value: session.userId });
  if (user === undefined) {
    session.userId = null;
    throw IggyError.of('Unauthenticated', 'the logged-in user no longer exists');
  }
  return user;
}
