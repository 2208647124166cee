// Personal access tokens over real TCP (BINARY.md §6, §8.17–8.20): create,
// list, log in with, delete; name rules (50), duplicates (51), the per-user
// limit (52), unknown (20) and expired (54) tokens, an inactive owner (47),
// that only a digest reaches the data directory, and the expiry cleaner.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPersonalAccessToken } from '../../src/protocol/commands/personal_access_tokens/create_personal_access_token.js';
import { deletePersonalAccessToken } from '../../src/protocol/commands/personal_access_tokens/delete_personal_access_token.js';
import { getPersonalAccessTokens } from '../../src/protocol/commands/personal_access_tokens/get_personal_access_tokens.js';
import { loginWithPersonalAccessToken } from '../../src/protocol/commands/personal_access_tokens/login_with_personal_access_token.js';
import { createUser } from '../../src/protocol/commands/users/create_user.js';
import { getUsers } from '../../src/protocol/commands/users/get_users.js';
import { updateUser } from '../../src/protocol/commands/users/update_user.js';
import { Identifier, UserStatus } from '../../src/protocol/types.js';
import { deleteExpiredTokens } from '../../src/server/auth/token_cleaner.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;

afterEach(async () => {
  await server.close();
});

async function filesText(dir: string): Promise<string> {
  let text = '';
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) text += (await readFile(path.join(entry.parentPath, entry.name))).toString('latin1');
  }
  return text;
}

describe('personal access tokens', () => {
  it('creates a token, lists it, logs in with it on another connection, deletes it', async () => {
    server = await startTestServer();
    const root = await server.connect();
    await root.login('iggy', 'iggy');
    const created = await root.call(createPersonalAccessToken, { name: 'ci-token', expiryUs: 0n });
    expect(created.status).toBe(0);
    const token = created.value!.token;
    expect(token).toMatch(/^[A-Za-z0-9+/]{67}=$/);

    const forever = await root.call(createPersonalAccessToken, { name: 'a-hour', expiryUs: 3_600_000_000n });
    expect(forever.status).toBe(0);
    const list = await root.call(getPersonalAccessTokens, undefined);
    expect(list.value!.map((t) => t.name)).toEqual(['a-hour', 'ci-token']);
    expect(list.value![1]!.expiryAtUs).toBeNull();
    const hourAt = list.value![0]!.expiryAtUs!;
    const nowUs = BigInt(Date.now()) * 1000n;
    expect(hourAt > nowUs && hourAt <= nowUs + 3_600_000_000n).toBe(true);

    const other = await server.connect();
    expect((await other.call(getUsers, undefined)).status).toBe(40);
    const login = await other.call(loginWithPersonalAccessToken, { token });
    expect(login.value).toEqual({ userId: 0 });
    expect((await other.call(getUsers, undefined)).status).toBe(0);

    // only the digest is on disk
    expect(await filesText(server.dataDir)).not.toContain(token);

    expect((await root.call(deletePersonalAccessToken, { name: 'ci-token' })).status).toBe(0);
    expect((await root.call(deletePersonalAccessToken, { name: 'ci-token' })).status).toBe(20);
    const third = await server.connect();
    expect((await third.call(loginWithPersonalAccessToken, { token })).status).toBe(20);
    expect((await third.call(loginWithPersonalAccessToken, { token: 'not-a-token' })).status).toBe(20);
  });

  it('enforces name length (50), uniqueness (51) and the per-user limit (52); tokens are per user', async () => {
    server = await startTestServer({ personal_access_token: { max_tokens_per_user: 2 } });
    const root = await server.connect();
    await root.login('iggy', 'iggy');
    expect((await root.call(createPersonalAccessToken, { name: 'ab', expiryUs: 0n })).status).toBe(50);
    expect((await root.call(createPersonalAccessToken, { name: 'x'.repeat(31), expiryUs: 0n })).status).toBe(50);
    expect((await root.call(createPersonalAccessToken, { name: 'x'.repeat(30), expiryUs: 0n })).status).toBe(0);
    expect((await root.call(createPersonalAccessToken, { name: 'x'.repeat(30), expiryUs: 0n })).status).toBe(51);
    expect((await root.call(createPersonalAccessToken, { name: 'second', expiryUs: 0n })).status).toBe(0);
    expect((await root.call(createPersonalAccessToken, { name: 'third', expiryUs: 0n })).status).toBe(52);
    expect((await root.send(createPersonalAccessToken.code, Buffer.from([3, 97, 98, 99]))).status).toBe(3); // no expiry u64

    await root.call(createUser, { username: 'henry', password: 'secret', status: UserStatus.Active, permissions: null });
    const henry = await server.connect();
    await henry.login('henry', 'secret');
    expect((await henry.call(getPersonalAccessTokens, undefined)).value).toEqual([]);
    expect((await henry.call(createPersonalAccessToken, { name: 'second', expiryUs: 0n })).status).toBe(0);
    expect((await henry.call(deletePersonalAccessToken, { name: 'x'.repeat(30) })).status).toBe(20); // root's token
  });

  it('refuses expired tokens (54) and tokens of inactive users (47); the cleaner deletes expired ones', async () => {
    server = await startTestServer({ personal_access_token: { cleaner: { enabled: false } } });
    const root = await server.connect();
    await root.login('iggy', 'iggy');
    await root.call(createUser, { username: 'ivy', password: 'secret', status: UserStatus.Active, permissions: null });
    const ivy = await server.connect();
    await ivy.login('ivy', 'secret');
    const shortLived = (await ivy.call(createPersonalAccessToken, { name: 'short', expiryUs: 1n })).value!.token;
    const longLived = (await ivy.call(createPersonalAccessToken, { name: 'long', expiryUs: 0n })).value!.token;
    const anon = await server.connect();
    await new Promise((resolve) => setTimeout(resolve, 5)); // 1 µs expiry has certainly passed
    expect((await anon.call(loginWithPersonalAccessToken, { token: shortLived })).status).toBe(54);

    expect((await root.call(updateUser, { userId: Identifier.string('ivy'), status: UserStatus.Inactive })).status).toBe(0);
    expect((await anon.call(loginWithPersonalAccessToken, { token: longLived })).status).toBe(47);

    expect(await deleteExpiredTokens(server.server.ctx.users)).toBe(1);
    expect((await ivy.call(getPersonalAccessTokens, undefined)).value!.map((t) => t.name)).toEqual(['long']);
    expect((await anon.call(loginWithPersonalAccessToken, { token: shortLived })).status).toBe(20);
  });

  it('needs login for list/create/delete (40) but not for LoginWithPersonalAccessToken', async () => {
    server = await startTestServer();
    const anon = await server.connect();
    expect((await anon.call(getPersonalAccessTokens, undefined)).status).toBe(40);
    expect((await anon.call(createPersonalAccessToken, { name: 'abc', expiryUs: 0n })).status).toBe(40);
    expect((await anon.call(deletePersonalAccessToken, { name: 'abc' })).status).toBe(40);
    expect((await anon.call(loginWithPersonalAccessToken, { token: 'abc' })).status).toBe(20);
  });
});
