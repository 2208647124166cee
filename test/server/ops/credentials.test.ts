// The credential checks every login shares (src/server/auth/credentials.ts),
// against a real server's user store: wrong password and unknown user are both
// 42, an unknown user still costs one password verification (so timing does
// not tell names apart), an inactive user is 47 before the password is
// looked at, a digits-only username is a user id, and a personal access token
// is refused once its expiry has come (54).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ERROR_CODE } from '../../../src/errors/iggy_error.js';
import { UserStatus } from '../../../src/protocol/types.js';
import { verifyCredentials, verifyPersonalAccessToken } from '../../../src/server/auth/credentials.js';
import * as password from '../../../src/server/auth/password.js';
import { hashToken } from '../../../src/server/auth/token.js';
import { errorCode, startOpsFixture, type OpsFixture } from './ops_fixture.js';

// A spy around the real verifyPassword (still doing the real scrypt work), so
// the test can count verifications instead of timing them.
vi.mock('../../../src/server/auth/password.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/server/auth/password.js')>();
  return { ...real, verifyPassword: vi.fn(real.verifyPassword) };
});

let fx: OpsFixture;

beforeEach(async () => {
  fx = await startOpsFixture();
  vi.mocked(password.verifyPassword).mockClear();
});

afterEach(async () => {
  await fx.server.close();
});

async function addUser(username: string, secret: string, status: UserStatus = UserStatus.Active) {
  return fx.ctx.users.createUser({ username, status, permissions: null, passwordHash: await password.hashPassword(secret) });
}

describe('verifyCredentials', () => {
  it('returns the user for the right password, 42 for a wrong one', async () => {
    const alice = await addUser('alice', 'secret');
    expect((await verifyCredentials(fx.ctx.users, 'alice', 'secret')).id).toBe(alice.id);
    expect(await errorCode(() => verifyCredentials(fx.ctx.users, 'alice', 'secreT'))).toBe(ERROR_CODE.InvalidCredentials);
  });

  it('answers 42 for an unknown user after one password verification all the same', async () => {
    expect(await errorCode(() => verifyCredentials(fx.ctx.users, 'nobody', 'secret'))).toBe(ERROR_CODE.InvalidCredentials);
    expect(password.verifyPassword).toHaveBeenCalledTimes(1);
  });

  it('answers 47 for an inactive user before checking the password', async () => {
    await addUser('sleepy', 'secret', UserStatus.Inactive);
    expect(await errorCode(() => verifyCredentials(fx.ctx.users, 'sleepy', 'wrong'))).toBe(ERROR_CODE.UserInactive);
    expect(password.verifyPassword).not.toHaveBeenCalled();
  });

  it('reads a digits-only username as a user id (the root user is id 0)', async () => {
    expect((await verifyCredentials(fx.ctx.users, '0', 'iggy')).username).toBe('iggy');
  });
});

describe('verifyPersonalAccessToken', () => {
  it('accepts a token until its expiry, then answers 54; unknown tokens are 20', async () => {
    const alice = await addUser('alice', 'secret');
    const expiryAtUs = 1_000_000n;
    await fx.ctx.users.createPersonalAccessToken({ userId: alice.id, name: 'ci', tokenHash: hashToken('raw-token'), expiryAtUs });
    expect(verifyPersonalAccessToken(fx.ctx.users, 'raw-token', expiryAtUs - 1n).id).toBe(alice.id);
    expect(await errorCode(() => verifyPersonalAccessToken(fx.ctx.users, 'raw-token', expiryAtUs))).toBe(ERROR_CODE.PersonalAccessTokenExpired);
    expect(await errorCode(() => verifyPersonalAccessToken(fx.ctx.users, 'other-token', 0n))).toBe(ERROR_CODE.ResourceNotFound);
  });

  it('answers 47 when the owner is inactive; a token without expiry never expires', async () => {
    const sleepy = await addUser('sleepy', 'secret', UserStatus.Inactive);
    await fx.ctx.users.createPersonalAccessToken({ userId: sleepy.id, name: 'ci', tokenHash: hashToken('sleepy-token'), expiryAtUs: null });
    expect(await errorCode(() => verifyPersonalAccessToken(fx.ctx.users, 'sleepy-token', 2n ** 63n))).toBe(ERROR_CODE.UserInactive);
  });
});
