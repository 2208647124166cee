// Shared set-up of the operation tests: a real server (its ServerContext) and
// principals built from real users in its storage, with no session as over
// HTTP, or with a session registered like a TCP connection's.
import { openSession } from '../../../src/server/clients.js';
import type { ServerContext } from '../../../src/server/context.js';
import type { Principal } from '../../../src/server/ops/principal.js';
import { Transport, UserStatus, type Permissions } from '../../../src/protocol/types.js';
import { startTestServer, type TestServer } from '../../helpers/server.js';

export interface OpsFixture {
  server: TestServer;
  ctx: ServerContext;
  /** The root user, no session (as an HTTP request). */
  root: Principal;
}

export async function startOpsFixture(): Promise<OpsFixture> {
  const server = await startTestServer();
  const ctx = server.server.ctx;
  const rootUser = ctx.users.findUser({ kind: 'string', value: 'iggy' });
  if (rootUser === undefined) throw new Error('the test server has no root user');
  return { server, ctx, root: { user: rootUser, session: null } };
}

/** A new active user with `permissions` (null = none), as a principal without a session. */
export async function userPrincipal(ctx: ServerContext, username: string, permissions: Permissions | null): Promise<Principal> {
  // The hash is never checked: operations get the user, not a password.
  const user = await ctx.users.createUser({ username, status: UserStatus.Active, permissions, passwordHash: 'unused' });
  return { user, session: null };
}

/** `principal` on a registered binary connection from `address` (remove it with ctx.clients.remove). */
export function withSession(ctx: ServerContext, principal: Principal, address: string): Principal {
  const session = openSession(ctx, Transport.Tcp, address);
  session.userId = principal.user.id;
  return { user: principal.user, session };
}

/** The IggyError code `run` fails with (a test failure when it succeeds). */
export async function errorCode(run: () => unknown): Promise<number> {
  try {
    await run();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'number') return code;
    throw error;
  }
  throw new Error('expected an IggyError, but the operation succeeded');
}
