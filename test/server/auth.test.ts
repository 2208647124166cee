// Root user bootstrap and login over real TCP (BINARY.md §6): a random
// 20..39-character alphanumeric password printed once when none is
// configured; configured credentials used on first start only (existing root
// credentials never change); the stored hash is salted scrypt, not the
// password; unauthenticated (40), wrong credentials (42).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getUser } from '../../src/protocol/commands/users/get_user.js';
import { Identifier } from '../../src/protocol/types.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('root user bootstrap', () => {
  it('generates and prints a random password when none is configured', async () => {
    const printed: Array<[string, string]> = [];
    server = await startTestServer({ root: { username: 'admin', password: null } }, { printRootPassword: (u, p) => printed.push([u, p]) });
    expect(printed.length).toBe(1);
    const [username, password] = printed[0]!;
    expect(username).toBe('admin');
    expect(password).toMatch(/^[A-Za-z0-9]{20,39}$/);
    const client = await server.connect();
    await expect(client.login('admin', 'iggy')).rejects.toMatchObject({ status: 42 });
    expect(await client.login('admin', password)).toBe(0);
    expect((await client.call(getUser, { userId: Identifier.numeric(0) })).value?.permissions?.global).toMatchObject({
      manageServers: true, readServers: true, manageUsers: true, readUsers: true, manageStreams: true,
      readStreams: true, manageTopics: true, readTopics: true, pollMessages: true, sendMessages: true,
    });
    await server.restart(); // printed only once, on creation
    expect(printed.length).toBe(1);
  });

  it('uses configured credentials on first start and never changes existing ones', async () => {
    server = await startTestServer({ root: { username: 'boss', password: 'first-secret' } });
    const client = await server.connect();
    expect(await client.login('boss', 'first-secret')).toBe(0);
    // Restart with other configured credentials: the stored root stays as it was.
    Object.assign(server.config.root, { username: 'other', password: 'second-secret' });
    await server.restart();
    const again = await server.connect();
    await expect(again.login('other', 'second-secret')).rejects.toMatchObject({ status: 42 });
    expect(await again.login('boss', 'first-secret')).toBe(0);
  });

  it('stores only a salted scrypt hash of the password', async () => {
    server = await startTestServer({ root: { username: 'iggy', password: 'visible-only-here' } });
    let text = '';
    for (const entry of await readdir(server.dataDir, { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) text += (await readFile(path.join(entry.parentPath, entry.name))).toString('latin1');
    }
    expect(text).not.toContain('visible-only-here');
    expect(server.server.ctx.users.findUser(Identifier.numeric(0))?.passwordHash).toMatch(/^\$scrypt\$ln=\d+,r=\d+,p=\d+\$/);
  });
});

describe('login', () => {
  it('requires login (40) for everything but Ping, LoginUser and LoginWithPersonalAccessToken', async () => {
    server = await startTestServer();
    const anon = await server.connect();
    for (const code of [10, 11, 12, 20, 21, 22, 31, 32, 33, 34, 35, 36, 37, 39, 41, 42, 43]) {
      const status = (await anon.send(code, Buffer.alloc(0))).status;
      expect([3, 40], `code ${code}`).toContain(status); // empty payload: decode (3) or login (40), never served
    }
    for (const code of [10, 12, 20, 22, 32, 39, 41]) expect((await anon.send(code)).status, `code ${code}`).toBe(40);
    expect((await anon.send(1)).status).toBe(0);
    await expect(anon.login('iggy', 'not-it')).rejects.toMatchObject({ status: 42 });
    expect(await anon.login('iggy', 'iggy')).toBe(0);
  });
});
