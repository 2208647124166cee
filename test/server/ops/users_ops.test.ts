// User operations called directly: manage_users comes before any validation,
// results never carry the password hash (HTTP serialises them as they are),
// the root user cannot be deleted (48) or stripped of permissions (49),
// ChangePassword needs the current password (42) even for admins, and the
// login op returns the proven user, checking lengths only over a session
// (HTTP logins skip them and fail the lookup with 42) and refusing with 8
// while the server shuts down. Logout clears a session's user.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ERROR_CODE } from '../../../src/errors/iggy_error.js';
import { UserStatus } from '../../../src/protocol/types.js';
import type { Session } from '../../../src/server/context.js';
import { changePassword } from '../../../src/server/ops/users/change_password.js';
import { createUser } from '../../../src/server/ops/users/create_user.js';
import { deleteUser } from '../../../src/server/ops/users/delete_user.js';
import { getUser } from '../../../src/server/ops/users/get_user.js';
import { getUsers } from '../../../src/server/ops/users/get_users.js';
import { loginUser } from '../../../src/server/ops/users/login_user.js';
import { logoutUser } from '../../../src/server/ops/users/logout_user.js';
import { updatePermissions } from '../../../src/server/ops/users/update_permissions.js';
import { updateUser } from '../../../src/server/ops/users/update_user.js';
import { errorCode, startOpsFixture, userPrincipal, withSession, type OpsFixture } from './ops_fixture.js';

let fx: OpsFixture;
const opened: Session[] = [];

beforeEach(async () => {
  fx = await startOpsFixture();
});

afterEach(async () => {
  for (const session of opened.splice(0)) fx.ctx.clients.remove(session);
  await fx.server.close();
});

const byName = (value: string) => ({ kind: 'string', value }) as const;
const byId = (value: number) => ({ kind: 'numeric', value }) as const;

function create(username: string, password = 'secret') {
  return createUser(fx.ctx, fx.root, { username, password, status: UserStatus.Active, permissions: null });
}

function connected(address: string) {
  const principal = withSession(fx.ctx, fx.root, address);
  opened.push(principal.session!);
  return principal;
}

describe('user operations', () => {
  it('create checks manage_users first, then lengths and a taken name; no hash in results', async () => {
    const nobody = await userPrincipal(fx.ctx, 'nobody', null);
    const bad = { username: 'ab', password: 'x', status: UserStatus.Active, permissions: null };
    expect(await errorCode(() => createUser(fx.ctx, nobody, bad))).toBe(ERROR_CODE.Unauthorized);
    expect(await errorCode(() => createUser(fx.ctx, fx.root, bad))).toBe(ERROR_CODE.InvalidUsername);
    expect(await errorCode(() => createUser(fx.ctx, fx.root, { ...bad, username: 'abc' }))).toBe(ERROR_CODE.InvalidPassword);

    const alice = await create('alice');
    expect(alice).toEqual({ id: alice.id, createdAtUs: alice.createdAtUs, status: UserStatus.Active, username: 'alice', permissions: null });
    expect(await errorCode(() => create('alice'))).toBe(ERROR_CODE.UserAlreadyExists);
    const users = await getUsers(fx.ctx, fx.root, undefined);
    expect(users.map((u) => u.username)).toEqual(['iggy', 'nobody', 'alice']);
    expect(users.every((u) => !('passwordHash' in u))).toBe(true);
  });

  it('get: unknown is null even without permission; others need read_users, oneself not', async () => {
    const nobody = await userPrincipal(fx.ctx, 'nobody', null);
    expect(await getUser(fx.ctx, nobody, { userId: byName('ghost') })).toBeNull();
    expect(await errorCode(() => getUser(fx.ctx, nobody, { userId: byId(0) }))).toBe(ERROR_CODE.Unauthorized);
    const me = await getUser(fx.ctx, nobody, { userId: byName('nobody') });
    expect(me?.username).toBe('nobody');
    expect(me && 'passwordHash' in me).toBe(false);
  });

  it('update renames and changes status; a taken name is 46, an unknown user 20', async () => {
    const alice = await create('alice');
    await create('bob');
    await updateUser(fx.ctx, fx.root, { userId: byId(alice.id), username: 'alicia', status: UserStatus.Inactive });
    expect(fx.ctx.users.findUser(byId(alice.id))).toMatchObject({ username: 'alicia', status: UserStatus.Inactive });
    expect(await errorCode(() => updateUser(fx.ctx, fx.root, { userId: byName('alicia'), username: 'bob' }))).toBe(ERROR_CODE.UserAlreadyExists);
    expect(await errorCode(() => updateUser(fx.ctx, fx.root, { userId: byName('ghost'), status: UserStatus.Active }))).toBe(ERROR_CODE.ResourceNotFound);
  });

  it('root cannot be deleted (48) nor lose permissions (49); deleting logs out sessions', async () => {
    expect(await errorCode(() => deleteUser(fx.ctx, fx.root, { userId: byId(0) }))).toBe(ERROR_CODE.CannotDeleteUser);
    expect(await errorCode(() => updatePermissions(fx.ctx, fx.root, { userId: byId(0), permissions: null }))).toBe(ERROR_CODE.CannotChangePermissions);
    const alice = await create('alice');
    const session = withSession(fx.ctx, { user: fx.ctx.users.findUser(byId(alice.id))!, session: null }, '10.0.0.9:1').session!;
    opened.push(session);
    await deleteUser(fx.ctx, fx.root, { userId: byId(alice.id) });
    expect(fx.ctx.users.findUser(byId(alice.id))).toBeUndefined();
    expect(session.userId).toBeNull();
    expect(await errorCode(() => deleteUser(fx.ctx, fx.root, { userId: byId(alice.id) }))).toBe(ERROR_CODE.ResourceNotFound);
  });

  it('change password needs the current one (42), then the new one logs in', async () => {
    await create('alice', 'old-secret');
    const request = { userId: byName('alice'), currentPassword: 'wrong', newPassword: 'new-secret' };
    expect(await errorCode(() => changePassword(fx.ctx, fx.root, request))).toBe(ERROR_CODE.InvalidCredentials);
    await changePassword(fx.ctx, fx.root, { ...request, currentPassword: 'old-secret' });
    expect((await loginUser(fx.ctx, null, { username: 'alice', password: 'new-secret' })).username).toBe('alice');
  });

  it('login returns the user; lengths are checked over a session only; 8 while shutting down', async () => {
    const session = connected('10.0.0.1:5000').session;
    expect((await loginUser(fx.ctx, session, { username: 'iggy', password: 'iggy' })).id).toBe(0);
    expect(await errorCode(() => loginUser(fx.ctx, session, { username: 'ab', password: 'iggy' }))).toBe(ERROR_CODE.InvalidUsername);
    expect(await errorCode(() => loginUser(fx.ctx, null, { username: 'ab', password: 'iggy' }))).toBe(ERROR_CODE.InvalidCredentials);
    fx.ctx.runtime.shuttingDown = true;
    try {
      expect(await errorCode(() => loginUser(fx.ctx, null, { username: 'iggy', password: 'iggy' }))).toBe(ERROR_CODE.Disconnected);
    } finally {
      fx.ctx.runtime.shuttingDown = false;
    }
  });

  it('logout clears the session user; without a session it changes nothing', async () => {
    const me = connected('10.0.0.2:5000');
    await logoutUser(fx.ctx, me, undefined);
    expect(me.session!.userId).toBeNull();
    await logoutUser(fx.ctx, fx.root, undefined);
  });
});
