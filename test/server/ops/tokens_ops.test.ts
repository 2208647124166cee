// Personal access token operations called directly: a token belongs to the
// caller, its name is 3..=30 bytes (50) and unique per user (51), the raw
// token is returned once and logs in as its owner until its expiry (54), the
// list is sorted by name, and deleting an unknown one is 20.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { ERROR_CODE } from '../../../src/errors/iggy_error.js';
import { createPersonalAccessToken } from '../../../src/server/ops/personal_access_tokens/create_personal_access_token.js';
import { deletePersonalAccessToken } from '../../../src/server/ops/personal_access_tokens/delete_personal_access_token.js';
import { getPersonalAccessTokens } from '../../../src/server/ops/personal_access_tokens/get_personal_access_tokens.js';
import { loginWithPersonalAccessToken } from '../../../src/server/ops/personal_access_tokens/login_with_personal_access_token.js';
import { errorCode, startOpsFixture, userPrincipal, type OpsFixture } from './ops_fixture.js';

let fx: OpsFixture;

beforeEach(async () => {
  fx = await startOpsFixture();
});

afterEach(async () => {
  await fx.server.close();
});

describe('personal access token operations', () => {
  it('create returns a raw token that logs in as its owner; names are unique per user', async () => {
    const alice = await userPrincipal(fx.ctx, 'alice', null);
    const { token } = await createPersonalAccessToken(fx.ctx, alice, { name: 'ci-token', expiryUs: 0n });
    expect((await loginWithPersonalAccessToken(fx.ctx, null, { token })).id).toBe(alice.user.id);
    expect(await errorCode(() => createPersonalAccessToken(fx.ctx, alice, { name: 'ci-token', expiryUs: 0n }))).toBe(ERROR_CODE.PersonalAccessTokenAlreadyExists);
    await createPersonalAccessToken(fx.ctx, fx.root, { name: 'ci-token', expiryUs: 0n }); // another user's "ci-token"
    expect(await errorCode(() => createPersonalAccessToken(fx.ctx, alice, { name: 'ab', expiryUs: 0n }))).toBe(ERROR_CODE.InvalidPersonalAccessTokenName);
  });

  it('a token with an expiry stops logging in once it has passed (54)', async () => {
    const { token } = await createPersonalAccessToken(fx.ctx, fx.root, { name: 'short', expiryUs: 1_000n });
    await sleep(5); // well past 1 ms
    expect(await errorCode(() => loginWithPersonalAccessToken(fx.ctx, null, { token }))).toBe(ERROR_CODE.PersonalAccessTokenExpired);
  });

  it('lists only the caller’s tokens by name; deleting an unknown one is 20', async () => {
    const alice = await userPrincipal(fx.ctx, 'alice', null);
    await createPersonalAccessToken(fx.ctx, alice, { name: 'zeta', expiryUs: 0n });
    await createPersonalAccessToken(fx.ctx, alice, { name: 'alpha', expiryUs: 60_000_000n });
    await createPersonalAccessToken(fx.ctx, fx.root, { name: 'roots', expiryUs: 0n });
    const listed = await getPersonalAccessTokens(fx.ctx, alice, undefined);
    expect(listed.map((t) => t.name)).toEqual(['alpha', 'zeta']);
    expect(listed[1]?.expiryAtUs).toBeNull();
    await deletePersonalAccessToken(fx.ctx, alice, { name: 'zeta' });
    expect(await errorCode(() => deletePersonalAccessToken(fx.ctx, alice, { name: 'roots' }))).toBe(ERROR_CODE.ResourceNotFound);
  });

  it('login refuses with 8 while the server shuts down, and 20 for an unknown token', async () => {
    expect(await errorCode(() => loginWithPersonalAccessToken(fx.ctx, null, { token: 'nope' }))).toBe(ERROR_CODE.ResourceNotFound);
    fx.ctx.runtime.shuttingDown = true;
    try {
      expect(await errorCode(() => loginWithPersonalAccessToken(fx.ctx, null, { token: 'nope' }))).toBe(ERROR_CODE.Disconnected);
    } finally {
      fx.ctx.runtime.shuttingDown = false;
    }
  });
});
