// User commands over real TCP against the real server (BINARY.md §8.8–8.16):
// success paths, the error codes of §8.x, the check order of §5.2 (41 before
// validation for CreateUser, not-found before permission for GetUser), the
// digits-only login quirk, and that state survives a restart.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changePassword } from '../../src/protocol/commands/users/change_password.js';
import { createUser } from '../../src/protocol/commands/users/create_user.js';
import { deleteUser } from '../../src/protocol/commands/users/delete_user.js';
import { getUser } from '../../src/protocol/commands/users/get_user.js';
import { getUsers } from '../../src/protocol/commands/users/get_users.js';
import { loginUser } from '../../src/protocol/commands/users/login_user.js';
import { updatePermissions } from '../../src/protocol/commands/users/update_permissions.js';
import { updateUser } from '../../src/protocol/commands/users/update_user.js';
import { Identifier, UserStatus, type Permissions } from '../../src/protocol/types.js';
import { startTestServer, type RawClient, type TestServer } from '../helpers/server.js';

const NONE = {
  manageServers: false, readServers: false, manageUsers: false, readUsers: false, manageStreams: false,
  readStreams: false, manageTopics: false, readTopics: false, pollMessages: false, sendMessages: false,
};

function globalPermissions(flags: Partial<typeof NONE>): Permissions {
  return { global: { ...NONE, ...flags }, streams: new Map() };
}

let server: TestServer;
let root: RawClient;

beforeEach(async () => {
  server = await startTestServer();
  root = await server.connect();
  await root.login('iggy', 'iggy');
});

afterEach(async () => {
  await server.close();
});

async function create(username: string, password = 'secret', permissions: Permissions | null = null, status: UserStatus = UserStatus.Active) {
  const response = await root.call(createUser, { username, password, status, permissions });
  expect(response.status).toBe(0);
  return response.value!;
}

describe('CreateUser / GetUser / GetUsers', () => {
  it('creates users with ids 1, 2 and returns their details', async () => {
    const perms = globalPermissions({ readStreams: true });
    const alice = await create('alice', 'secret', perms);
    expect(alice).toMatchObject({ id: 1, username: 'alice', status: UserStatus.Active });
    expect(alice.permissions?.global).toEqual(perms.global);
    const bob = await create('bob', 'secret', null, UserStatus.Inactive);
    expect(bob).toMatchObject({ id: 2, status: UserStatus.Inactive, permissions: null });

    const byName = await root.call(getUser, { userId: Identifier.string('alice') });
    expect(byName.value).toMatchObject({ id: 1, username: 'alice' });
    const byId = await root.call(getUser, { userId: Identifier.numeric(0) });
    expect(byId.value?.username).toBe('iggy');
    expect(byId.value?.permissions?.global.manageServers).toBe(true);

    const list = await root.call(getUsers, undefined);
    expect(list.value!.map((u) => [u.id, u.username])).toEqual([
      [0, 'iggy'],
      [1, 'alice'],
      [2, 'bob'],
    ]);
  });

  it('answers an unknown user with empty OK', async () => {
    const response = await root.call(getUser, { userId: Identifier.string('nobody') });
    expect(response.status).toBe(0);
    expect(response.payload.length).toBe(0);
  });

  it('rejects bad usernames (43), passwords (44), status (3) and duplicates (46)', async () => {
    const status = async (username: string, password: string) =>
      (await root.call(createUser, { username, password, status: UserStatus.Active, permissions: null })).status;
    expect(await status('ab', 'secret')).toBe(43);
    expect(await status('x'.repeat(51), 'secret')).toBe(43);
    expect(await status('abc', 'pw')).toBe(44);
    expect(await status('abc', 'p'.repeat(101))).toBe(44);
    expect(await status('x'.repeat(50), 'p'.repeat(100))).toBe(0);
    expect(await status('iggy', 'secret')).toBe(46);
    // status byte 3 is no UserStatus: InvalidCommand from the decoder
    const payload = Buffer.from([3, 97, 98, 99, 3, 112, 112, 112, 3, 0]);
    expect((await root.send(createUser.code, payload)).status).toBe(3);
    // empty username Name: InvalidFormat
    expect((await root.send(createUser.code, Buffer.from([0, 3, 112, 112, 112, 1, 0]))).status).toBe(4);
  });

  it('checks manage_users before validating the request (41 wins over 43)', async () => {
    await create('reader', 'secret', globalPermissions({ readUsers: true }));
    const reader = await server.connect();
    await reader.login('reader', 'secret');
    const response = await reader.call(createUser, { username: 'x', password: 'y', status: UserStatus.Active, permissions: null });
    expect(response.status).toBe(41);
    // read_users is enough for GetUsers and GetUser of others
    expect((await reader.call(getUsers, undefined)).status).toBe(0);
    expect((await reader.call(getUser, { userId: Identifier.numeric(0) })).status).toBe(0);
  });

  it('lets a user without rights read only itself; unknown targets are empty even without rights', async () => {
    await create('plain', 'secret');
    const plain = await server.connect();
    expect(await plain.login('plain', 'secret')).toBe(1);
    expect((await plain.call(getUser, { userId: Identifier.numeric(1) })).value?.username).toBe('plain');
    expect((await plain.call(getUser, { userId: Identifier.numeric(0) })).status).toBe(41);
    const missing = await plain.call(getUser, { userId: Identifier.numeric(99) });
    expect([missing.status, missing.payload.length]).toEqual([0, 0]);
    expect((await plain.call(getUsers, undefined)).status).toBe(41);
    expect((await plain.call(deleteUser, { userId: Identifier.numeric(0) })).status).toBe(41);
    expect((await plain.call(updateUser, { userId: Identifier.numeric(1), username: 'other' })).status).toBe(41);
    expect((await plain.call(updatePermissions, { userId: Identifier.numeric(1), permissions: null })).status).toBe(41);
  });

  it('answers 40 to every user command before login, and 3/4 decode errors first', async () => {
    const anon = await server.connect();
    expect((await anon.call(getUsers, undefined)).status).toBe(40);
    expect((await anon.call(getUser, { userId: Identifier.numeric(0) })).status).toBe(40);
    expect((await anon.call(deleteUser, { userId: Identifier.numeric(1) })).status).toBe(40);
    expect((await anon.send(deleteUser.code, Buffer.from([1, 3, 0, 0, 0]))).status).toBe(4); // numeric id of 3 bytes
    expect((await anon.send(deleteUser.code, Buffer.from([9, 4, 0, 0, 0, 0]))).status).toBe(3); // unknown identifier kind
    expect((await anon.send(deleteUser.code, Buffer.from([1]))).status).toBe(3); // truncated
  });
});

describe('DeleteUser / UpdateUser / UpdatePermissions', () => {
  it('deletes a user and logs out its sessions; root cannot be deleted (48); unknown -> 20', async () => {
    await create('gone', 'secret', globalPermissions({ readServers: true }));
    const victim = await server.connect();
    await victim.login('gone', 'secret');
    expect((await root.call(deleteUser, { userId: Identifier.string('gone') })).status).toBe(0);
    expect((await root.call(getUser, { userId: Identifier.string('gone') })).payload.length).toBe(0);
    expect((await victim.call(getUsers, undefined)).status).toBe(40);
    expect((await victim.send(1)).status).toBe(0); // still connected
    expect((await root.call(deleteUser, { userId: Identifier.numeric(0) })).status).toBe(48);
    expect((await root.call(deleteUser, { userId: Identifier.string('iggy') })).status).toBe(48);
    expect((await root.call(deleteUser, { userId: Identifier.numeric(42) })).status).toBe(20);
    const relogin = await server.connect();
    await expect(relogin.login('gone', 'secret')).rejects.toMatchObject({ status: 42 });
  });

  it('renames and deactivates; a taken name -> 46, bad name -> 43, unknown -> 20', async () => {
    await create('carol');
    await create('dave');
    expect((await root.call(updateUser, { userId: Identifier.string('carol'), username: 'caroline', status: UserStatus.Inactive })).status).toBe(0);
    expect((await root.call(getUser, { userId: Identifier.numeric(1) })).value).toMatchObject({ username: 'caroline', status: UserStatus.Inactive });
    expect((await root.call(updateUser, { userId: Identifier.numeric(1), username: 'dave' })).status).toBe(46);
    expect((await root.call(updateUser, { userId: Identifier.numeric(1), username: 'caroline' })).status).toBe(0); // own name again
    expect((await root.call(updateUser, { userId: Identifier.numeric(1), username: 'xy' })).status).toBe(43);
    expect((await root.call(updateUser, { userId: Identifier.numeric(77), status: UserStatus.Active })).status).toBe(20);
    const inactive = await server.connect();
    await expect(inactive.login('caroline', 'secret')).rejects.toMatchObject({ status: 47 });
  });

  it('updates and clears permissions; root -> 49; unknown -> 20', async () => {
    await create('erin');
    const erin = await server.connect();
    await erin.login('erin', 'secret');
    expect((await erin.call(getUsers, undefined)).status).toBe(41);
    expect((await root.call(updatePermissions, { userId: Identifier.numeric(1), permissions: globalPermissions({ readUsers: true }) })).status).toBe(0);
    expect((await erin.call(getUsers, undefined)).status).toBe(0); // takes effect at once
    expect((await root.call(updatePermissions, { userId: Identifier.numeric(1), permissions: null })).status).toBe(0);
    expect((await root.call(getUser, { userId: Identifier.numeric(1) })).value?.permissions).toBeNull();
    expect((await erin.call(getUsers, undefined)).status).toBe(41);
    expect((await root.call(updatePermissions, { userId: Identifier.numeric(0), permissions: null })).status).toBe(49);
    expect((await root.call(updatePermissions, { userId: Identifier.numeric(5), permissions: null })).status).toBe(20);
  });
});

describe('ChangePassword / LoginUser / LogoutUser', () => {
  it('changes a password with the current one; wrong current -> 42 even for root; short -> 44', async () => {
    await create('frank', 'oldpass');
    const frank = await server.connect();
    await frank.login('frank', 'oldpass');
    expect((await frank.call(changePassword, { userId: Identifier.numeric(1), currentPassword: 'nope', newPassword: 'newpass' })).status).toBe(42);
    expect((await frank.call(changePassword, { userId: Identifier.numeric(1), currentPassword: 'oldpass', newPassword: 'np' })).status).toBe(44);
    expect((await frank.call(changePassword, { userId: Identifier.numeric(1), currentPassword: 'oldpass', newPassword: 'newpass' })).status).toBe(0);
    expect((await frank.call(changePassword, { userId: Identifier.numeric(0), currentPassword: 'iggy', newPassword: 'hacked' })).status).toBe(41);
    expect((await root.call(changePassword, { userId: Identifier.numeric(1), currentPassword: 'wrong', newPassword: 'other' })).status).toBe(42);
    expect((await root.call(changePassword, { userId: Identifier.numeric(9), currentPassword: 'wrong', newPassword: 'other' })).status).toBe(20);
    const again = await server.connect();
    await expect(again.login('frank', 'oldpass')).rejects.toMatchObject({ status: 42 });
    expect(await again.login('frank', 'newpass')).toBe(1);
  });

  it('answers wrong credentials 42, bad lengths 43/44, and treats a digits-only username as a user id', async () => {
    const anon = await server.connect();
    await expect(anon.login('iggy', 'wrong')).rejects.toMatchObject({ status: 42 });
    await expect(anon.login('nobody', 'iggy')).rejects.toMatchObject({ status: 42 });
    await expect(anon.login('ab', 'iggy')).rejects.toMatchObject({ status: 43 });
    await expect(anon.login('iggy', 'ig')).rejects.toMatchObject({ status: 44 });
    await create('12345', 'secret'); // id 1: "12345" is looked up as user id 12345
    await expect(anon.login('12345', 'secret')).rejects.toMatchObject({ status: 42 });
    await create('001', 'secret2'); // id 2
    await expect(anon.login('001', 'secret2')).rejects.toMatchObject({ status: 42 }); // id 1, wrong password
    expect(await anon.login('001', 'secret')).toBe(1); // "001" = user id 1 = "12345"
    // payload ending after the password: both u32 lengths are required (3)
    expect((await anon.send(loginUser.code, Buffer.from([4, 105, 103, 103, 121, 4, 105, 103, 103, 121]))).status).toBe(3);
  });

  it('logs out and in again on the same connection', async () => {
    expect((await root.send(39)).status).toBe(0);
    expect((await root.call(getUsers, undefined)).status).toBe(40);
    expect((await root.send(39)).status).toBe(40);
    expect(await root.login('iggy', 'iggy')).toBe(0);
    expect((await root.call(getUsers, undefined)).status).toBe(0);
  });

  it('keeps users, hashes and permissions across a restart', async () => {
    await create('gina', 'persist', globalPermissions({ readUsers: true }));
    await server.restart();
    const gina = await server.connect();
    expect(await gina.login('gina', 'persist')).toBe(1);
    expect((await gina.call(getUsers, undefined)).value?.length).toBe(2);
    const again = await server.connect();
    expect(await again.login('iggy', 'iggy')).toBe(0);
  });
});
