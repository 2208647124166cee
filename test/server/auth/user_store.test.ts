// The user and token store over a real storage engine: its records share the
// metadata log with the catalogue's (one queue, one file, one replay), so
// users, permissions and token hashes survive a restart interleaved with
// stream records, with Iggy's error codes for duplicates and missing ones.
import { afterEach, describe, expect, it } from 'vitest';
import { IggyError } from '../../../src/errors/iggy_error.js';
import { UserStatus } from '../../../src/protocol/types.js';
import { UserStore } from '../../../src/server/auth/user_store.js';
import { openStorage, type StorageEngine } from '../../../src/storage/storage.js';
import { coreFor, storageConfig, tempDir } from '../../storage/helpers.js';

const S = (value: number) => ({ kind: 'numeric', value }) as const;
const N = (value: string) => ({ kind: 'string', value }) as const;

async function expectCode(promise: Promise<unknown>, code: number): Promise<void> {
  await expect(promise).rejects.toSatisfy((error) => error instanceof IggyError && error.code === code);
}

let dir: { path: string; remove: () => Promise<void> } | undefined;
let engine: StorageEngine | undefined;

async function start(): Promise<UserStore> {
  dir ??= await tempDir('iggy-users-');
  const users = new UserStore();
  engine = await openStorage(storageConfig(dir.path), await coreFor('ts'), { appliers: [users] });
  users.attach(engine.metadata);
  return users;
}

async function restart(_users: UserStore): Promise<UserStore> {
  await engine?.close();
  return start();
}

afterEach(async () => {
  await engine?.close();
  await dir?.remove();
  dir = undefined;
  engine = undefined;
});

describe('UserStore', () => {
  it('keeps users and personal access tokens (hashes only) across a restart', async () => {
    let users = await start();
    const permissions = {
      global: {
        manageServers: false, readServers: true, manageUsers: false, readUsers: true, manageStreams: false,
        readStreams: true, manageTopics: false, readTopics: true, pollMessages: true, sendMessages: false,
      },
      streams: new Map([[3, { manageStream: false, readStream: true, manageTopics: false, readTopics: true, pollMessages: true, sendMessages: true, topics: new Map([[1, { manageTopic: true, readTopic: true, pollMessages: false, sendMessages: true }]]) }]]),
    };
    const root = await users.createUser({ username: 'iggy', status: UserStatus.Active, permissions: null, passwordHash: 'h0' });
    const user = await users.createUser({ username: 'alice', status: UserStatus.Active, permissions, passwordHash: 'h1' });
    expect([root.id, user.id]).toEqual([0, 1]);
    await expectCode(users.createUser({ username: 'alice', status: UserStatus.Active, permissions: null, passwordHash: 'x' }), 46);
    await users.updateUser(S(1), { username: 'alice2', status: UserStatus.Inactive });
    await expectCode(users.updateUser(N('alice2'), { username: 'iggy' }), 46);
    await users.changePasswordHash(N('alice2'), 'h2');
    await engine!.createStream('between-users'); // one log holds both kinds of record, in order
    await users.createPersonalAccessToken({ userId: 1, name: 'ci', tokenHash: 'abc', expiryAtUs: null });
    await users.createPersonalAccessToken({ userId: 1, name: 'cd', tokenHash: 'def', expiryAtUs: 123n });
    await expectCode(users.createPersonalAccessToken({ userId: 1, name: 'ci', tokenHash: 'zzz', expiryAtUs: null }), 51);
    await users.deletePersonalAccessToken(1, 'cd');
    await expectCode(users.deletePersonalAccessToken(1, 'cd'), 20);
    await expectCode(users.updateUser(S(7), { status: UserStatus.Active }), 20);

    users = await restart(users);
    const reloaded = users.findUser(N('alice2'))!;
    expect(reloaded).toMatchObject({ id: 1, status: UserStatus.Inactive, passwordHash: 'h2', createdAtUs: user.createdAtUs });
    expect(reloaded.permissions).toEqual(permissions);
    expect(users.findUser(S(0))?.username).toBe('iggy');
    expect(users.listPersonalAccessTokens(1)).toEqual([{ userId: 1, name: 'ci', tokenHash: 'abc', expiryAtUs: null }]);
    expect(users.findPersonalAccessTokenByHash('abc')?.name).toBe('ci');
    expect(users.findPersonalAccessTokenByHash('def')).toBeUndefined();
    expect(engine!.listStreams().map((s) => s.name)).toEqual(['between-users']);
    await users.deleteUser(S(1));
    expect(users.listPersonalAccessTokens(1)).toEqual([]);
    expect((await users.createUser({ username: 'bob', status: UserStatus.Active, permissions: null, passwordHash: 'b' })).id).toBe(1);
  });

});
