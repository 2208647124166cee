// Users and personal access tokens over real TCP, the edges of BINARY.md §6
// and §8.10–8.20 not pinned elsewhere: length limits counted in bytes at
// their exact bounds, ChangePassword for another user, inactive logins, what
// deleting a user does to its sessions and tokens (also once its id is
// reused, §7), renaming collisions, and that neither a password nor a raw
// token ever reaches the data directory.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPersonalAccessToken } from '../../src/protocol/commands/personal_access_tokens/create_personal_access_token.js';
import { getPersonalAccessTokens } from '../../src/protocol/commands/personal_access_tokens/get_personal_access_tokens.js';
import { loginWithPersonalAccessToken } from '../../src/protocol/commands/personal_access_tokens/login_with_personal_access_token.js';
import { getStreams } from '../../src/protocol/commands/streams/get_streams.js';
import { getMe } from '../../src/protocol/commands/system/get_me.js';
import { changePassword } from '../../src/protocol/commands/users/change_password.js';
import { createUser } from '../../src/protocol/commands/users/create_user.js';
import { deleteUser } from '../../src/protocol/commands/users/delete_user.js';
import { getUser } from '../../src/protocol/commands/users/get_user.js';
import { updateUser } from '../../src/protocol/commands/users/update_user.js';
import { Identifier, UserStatus, type Permissions } from '../../src/protocol/types.js';
import { startTestServer, type RawClient, type TestServer } from '../helpers/server.js';

let server: TestServer;
let root: RawClient;

beforeEach(async () => {
  server = await startTestServer({ personal_access_token: { max_tokens_per_user: 3 } });
  root = await server.connect();
  await root.login('iggy', 'iggy');
});

afterEach(async () => {
  await server.close();
});

const READ_ALL: Permissions = {
  global: {
    manageServers: false, readServers: true, manageUsers: false, readUsers: true, manageStreams: false,
    readStreams: true, manageTopics: false, readTopics: true, pollMessages: true, sendMessages: false,
  },
  streams: new Map(),
};
const USER_ADMIN: Permissions = { global: { ...READ_ALL.global, manageUsers: true }, streams: new Map() };

async function createStatus(username: string, password: string, status: UserStatus = UserStatus.Active, permissions: Permissions | null = null): Promise<number> {
  return (await root.call(createUser, { username, password, status, permissions })).status;
}

async function create(username: string, password = 'secret', permissions: Permissions | null = null, status: UserStatus = UserStatus.Active): Promise<number> {
  const response = await root.call(createUser, { username, password, status, permissions });
  expect(response.status).toBe(0);
  return response.value!.id;
}

async function loginStatus(username: string, password: string): Promise<number> {
  const client = await server.connect();
  try {
    await client.login(username, password);
    return 0;
  } catch (error) {
    return (error as { status: number }).status;
  } finally {
    client.destroy();
  }
}

describe('length limits count bytes (BINARY.md §6)', () => {
  it('accepts usernames of 3..=50 bytes and passwords of 3..=100 bytes, and nothing outside', async () => {
    expect(await createStatus('ab', 'secret')).toBe(43);
    expect(await createStatus('u'.repeat(51), 'secret')).toBe(43);
    expect(await createStatus('é'.repeat(26), 'secret')).toBe(43); // 26 characters, 52 bytes
    expect(await createStatus('abc', 'se')).toBe(44);
    expect(await createStatus('abc', 'p'.repeat(101))).toBe(44);
    expect(await createStatus('abc', 'é'.repeat(51))).toBe(44); // 102 bytes
    expect(await createStatus('abc', 'p'.repeat(3))).toBe(0);
    expect(await createStatus('u'.repeat(50), 'p'.repeat(100))).toBe(0);
    expect(await createStatus('é'.repeat(25), 'é'.repeat(50))).toBe(0);
    expect(await loginStatus('u'.repeat(50), 'p'.repeat(100))).toBe(0);
    expect(await loginStatus('é'.repeat(25), 'é'.repeat(50))).toBe(0);
    expect(await loginStatus('u'.repeat(51), 'p'.repeat(100))).toBe(43);
    expect(await loginStatus('abc', 'p'.repeat(101))).toBe(44);

    const renamed = await root.call(updateUser, { userId: Identifier.string('abc'), username: 'é'.repeat(26) });
    expect(renamed.status).toBe(43);
    // ChangePassword checks both lengths first, before the target (44 over 20).
    expect((await root.call(changePassword, { userId: Identifier.numeric(999), currentPassword: 'ab', newPassword: 'secret' })).status).toBe(44);
    expect((await root.call(changePassword, { userId: Identifier.numeric(999), currentPassword: 'secret', newPassword: 'p'.repeat(101) })).status).toBe(44);
    expect((await root.call(changePassword, { userId: Identifier.numeric(999), currentPassword: 'secret', newPassword: 'secret2' })).status).toBe(20);
  });
});

describe('ChangePassword (BINARY.md §8.14)', () => {
  it('lets a user change its own password with no permissions, and needs the current one', async () => {
    await create('plain', 'first');
    const plain = await server.connect();
    await plain.login('plain', 'first');
    expect((await plain.call(changePassword, { userId: Identifier.string('plain'), currentPassword: 'wrong', newPassword: 'second' })).status).toBe(42);
    expect((await plain.call(changePassword, { userId: Identifier.string('plain'), currentPassword: 'first', newPassword: 'second' })).status).toBe(0);
    expect(await loginStatus('plain', 'first')).toBe(42);
    expect(await loginStatus('plain', 'second')).toBe(0);
  });

  it("changes another user's password only with manage_users, and still only with its current password", async () => {
    await create('target', 'target-pw');
    await create('reader', 'reader-pw', READ_ALL);
    await create('admin', 'admin-pw', USER_ADMIN);
    const reader = await server.connect();
    await reader.login('reader', 'reader-pw');
    expect((await reader.call(changePassword, { userId: Identifier.string('target'), currentPassword: 'target-pw', newPassword: 'stolen' })).status).toBe(41);
    const admin = await server.connect();
    await admin.login('admin', 'admin-pw');
    expect((await admin.call(changePassword, { userId: Identifier.string('target'), currentPassword: 'admin-pw', newPassword: 'reset' })).status).toBe(42);
    expect(await loginStatus('target', 'target-pw')).toBe(0);
    expect((await admin.call(changePassword, { userId: Identifier.string('target'), currentPassword: 'target-pw', newPassword: 'reset' })).status).toBe(0);
    expect(await loginStatus('target', 'target-pw')).toBe(42);
    expect(await loginStatus('target', 'reset')).toBe(0);
  });
});

describe('LoginUser (BINARY.md §8.15)', () => {
  it('refuses an inactive user with 47 (before the password, as 0.8 does) and lets it in once reactivated', async () => {
    await create('sleepy', 'secret', null, UserStatus.Inactive);
    expect(await loginStatus('sleepy', 'secret')).toBe(47);
    expect(await loginStatus('sleepy', 'wrong-password')).toBe(47);
    expect(await loginStatus('nobody-here', 'secret')).toBe(42);
    expect((await root.call(updateUser, { userId: Identifier.string('sleepy'), status: UserStatus.Active })).status).toBe(0);
    expect(await loginStatus('sleepy', 'wrong-password')).toBe(42);
    expect(await loginStatus('sleepy', 'secret')).toBe(0);
  });

  it('looks up a digits-only username as a user id', async () => {
    const id = await create('alice', 'alice-pw');
    expect(await loginStatus(String(id), 'alice-pw')).toBe(43); // the 3-byte minimum still applies
    expect(await loginStatus(`00${id}`, 'alice-pw')).toBe(0);
    await create('424242', 'digits-pw'); // reachable only by its id, not by this name
    expect(await loginStatus('424242', 'digits-pw')).toBe(42);
    expect(await loginStatus('000', 'iggy')).toBe(0); // root by id
  });
});

describe('UpdateUser (BINARY.md §8.12)', () => {
  it("refuses another user's name with 46 and accepts a user's own name", async () => {
    await create('first');
    await create('second');
    expect((await root.call(updateUser, { userId: Identifier.string('second'), username: 'first' })).status).toBe(46);
    expect((await root.call(updateUser, { userId: Identifier.string('second'), username: 'iggy' })).status).toBe(46);
    expect((await root.call(updateUser, { userId: Identifier.string('second'), username: 'second' })).status).toBe(0);
    expect((await root.call(updateUser, { userId: Identifier.string('second'), username: 'third' })).status).toBe(0);
    expect((await root.call(getUser, { userId: Identifier.string('third') })).value?.username).toBe('third');
    expect(await loginStatus('third', 'secret')).toBe(0);
    expect(await loginStatus('second', 'secret')).toBe(42);
  });
});

describe('DeleteUser (BINARY.md §8.11)', () => {
  it("logs out the user's sessions and kills its tokens, also after its id is reused", async () => {
    const goneId = await create('doomed', 'doomed-pw', READ_ALL);
    const session = await server.connect();
    await session.login('doomed', 'doomed-pw');
    const tokenSession = await server.connect();
    const token = (await session.call(createPersonalAccessToken, { name: 'doomed-token', expiryUs: 0n })).value!.token;
    expect((await tokenSession.call(loginWithPersonalAccessToken, { token })).value).toEqual({ userId: goneId });

    expect((await root.call(deleteUser, { userId: Identifier.numeric(goneId) })).status).toBe(0);
    for (const client of [session, tokenSession]) {
      expect((await client.call(getStreams, undefined)).status).toBe(40);
      expect((await client.call(getMe, undefined)).status).toBe(40);
    }
    expect((await (await server.connect()).call(loginWithPersonalAccessToken, { token })).status).toBe(20);
    expect(await loginStatus('doomed', 'doomed-pw')).toBe(42);

    // The freed id goes to the next user (§7): neither the old session nor
    // the old token may act as the newcomer.
    const heirId = await create('heir', 'heir-pw', READ_ALL);
    expect(heirId).toBe(goneId);
    expect((await session.call(getStreams, undefined)).status).toBe(40);
    expect((await (await server.connect()).call(loginWithPersonalAccessToken, { token })).status).toBe(20);
    const heir = await server.connect();
    await heir.login('heir', 'heir-pw');
    expect((await heir.call(getPersonalAccessTokens, undefined)).payload.length).toBe(0);
    // A name freed by the deletion can be taken again.
    expect(await createStatus('doomed', 'again-pw')).toBe(0);
  });
});

describe('personal access tokens (BINARY.md §6, §8.18)', () => {
  it('takes names of 3..=30 bytes, unique per user, at most max_tokens_per_user', async () => {
    const status = async (name: string) => (await root.call(createPersonalAccessToken, { name, expiryUs: 0n })).status;
    expect(await status('ab')).toBe(50);
    expect(await status('t'.repeat(31))).toBe(50);
    expect(await status('é'.repeat(16))).toBe(50); // 32 bytes
    expect(await status('abc')).toBe(0);
    expect(await status('abc')).toBe(51);
    expect(await status('é'.repeat(15))).toBe(0); // 30 bytes
    expect(await status('t'.repeat(30))).toBe(0);
    expect(await status('one-too-many')).toBe(52);
  });
});

describe('LoginWithPersonalAccessToken (BINARY.md §8.20)', () => {
  it("logs in with exactly the owner's rights, replacing the connection's user", async () => {
    const readerId = await create('reader', 'reader-pw', READ_ALL);
    const reader = await server.connect();
    await reader.login('reader', 'reader-pw');
    const token = (await reader.call(createPersonalAccessToken, { name: 'reader-token', expiryUs: 0n })).value!.token;
    // Root's connection switches to the reader through the token.
    expect((await root.call(loginWithPersonalAccessToken, { token })).value).toEqual({ userId: readerId });
    expect((await root.call(getStreams, undefined)).status).toBe(0);
    expect((await root.call(createUser, { username: 'sneaky', password: 'secret', status: UserStatus.Active, permissions: null })).status).toBe(41);
    expect((await root.call(getPersonalAccessTokens, undefined)).value?.map((t) => t.name)).toEqual(['reader-token']);
  });
});

describe('secrets at rest (BINARY.md §6)', () => {
  it('writes no password and no raw token to the data directory, in any encoding', async () => {
    const secrets: string[] = ['created-pw-123', 'changed-pw-456'];
    const id = await create('keeper', secrets[0]!);
    const keeper = await server.connect();
    await keeper.login('keeper', secrets[0]!);
    expect((await keeper.call(changePassword, { userId: Identifier.numeric(id), currentPassword: secrets[0]!, newPassword: secrets[1]! })).status).toBe(0);
    const token = (await keeper.call(createPersonalAccessToken, { name: 'keeper-token', expiryUs: 0n })).value!.token;
    // Flush everything to disk the way a restart does.
    await server.restart();
    const again = await server.connect();
    expect((await again.call(loginWithPersonalAccessToken, { token })).value).toEqual({ userId: id });

    const files: Buffer[] = [];
    for (const entry of await readdir(server.dataDir, { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) files.push(await readFile(path.join(entry.parentPath, entry.name)));
    }
    expect(files.length).toBeGreaterThan(0);
    const needles = [
      ...secrets.map((s) => Buffer.from(s, 'utf8')),
      Buffer.from(token, 'utf8'),
      Buffer.from(token, 'base64'), // the 50 random bytes themselves
      Buffer.from(Buffer.from(token, 'utf8').toString('hex'), 'utf8'),
    ];
    for (const file of files) for (const needle of needles) expect(file.includes(needle)).toBe(false);
  });
});
