// Proves user, pat, context, login and logout through the built CLI:
// contexts are TOML in $XDG_CONFIG_HOME/iggy, secrets sit in a 0600 file,
// and `login` stores a session token (the PAT iggy-cli-session) so later
// commands log in with it and need no password, until `logout`.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'smol-toml';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { assertBuilt, cliFor, type CliHome, makeHome, runCli } from './cli_harness.js';

describe('iggy user, pat, context, login, logout', () => {
  let server: TestServer;
  let home: CliHome;
  let iggy: ReturnType<typeof cliFor>;

  beforeAll(assertBuilt);
  beforeEach(async () => {
    server = await startTestServer();
    home = await makeHome();
    iggy = cliFor(() => server.port, home);
  });
  afterEach(async () => {
    await server.close();
    await home.close();
  });

  it('creates, lists, gets, renames, deactivates and deletes users', async () => {
    const created = await iggy(['user', 'create', 'alice', 'secret1', '-g', 'r_str,read_topics,p_msg', '-s', '0#s_msg']);
    expect(created).toMatchObject({ code: 0, stderr: '' });
    expect(created.stdout).toMatch(/User alice created with ID \d+/);
    const alice = JSON.parse((await iggy(['-o', 'json', 'u', 'g', 'alice'])).stdout);
    expect(alice).toMatchObject({ username: 'alice', status: 'active', globalPermissions: 'readStreams,readTopics,pollMessages' });
    expect(JSON.parse((await iggy(['-o', 'json', 'user', 'list'])).stdout).map((u: { username: string }) => u.username)).toEqual(['iggy', 'alice']);

    expect((await iggy(['user', 'password', 'alice', 'secret1', 'secret2'])).code).toBe(0);
    expect((await iggy(['-u', 'alice', '-p', 'secret2', 'stream', 'list'])).code).toBe(0);
    // alice may read streams but not create them.
    expect((await iggy(['-u', 'alice', '-p', 'secret2', 'stream', 'create', 'x'])).stderr).toMatch(/^error: Unauthorized \(41\)/);

    expect((await iggy(['u', 'p', 'alice', '-g', 'm_str'])).code).toBe(0);
    expect((await iggy(['-u', 'alice', '-p', 'secret2', 'stream', 'create', 'x'])).code).toBe(0);
    expect((await iggy(['u', 'n', 'alice', 'alicia'])).code).toBe(0);
    expect((await iggy(['u', 's', 'alicia', 'inactive'])).code).toBe(0);
    expect((await iggy(['-u', 'alicia', '-p', 'secret2', 'me'])).stderr).toMatch(/^error: UserInactive \(47\)/);
    expect((await iggy(['u', 'd', 'alicia'])).stdout).toContain('deleted');
    expect((await iggy(['u', 'g', 'alicia'])).stderr).toMatch(/^error: ResourceNotFound \(20\)|^error: UserNotFound|^error: InvalidIdentifier/);
    expect((await iggy(['user', 'create', 'bob', 'pw', '-g', 'fly'])).stderr).toMatch(/^error: InvalidFormat \(4\).*unknown permission fly/);
  });

  it('creates, lists and deletes personal access tokens, and logs in with one', async () => {
    const created = await iggy(['-o', 'json', 'pat', 'create', 'ci-token', '1h']);
    expect(created.stderr).toBe('');
    const { token } = JSON.parse(created.stdout);
    expect(typeof token).toBe('string');
    const list = JSON.parse((await iggy(['-o', 'json', 'pat', 'list'])).stdout);
    expect(list).toMatchObject([{ name: 'ci-token' }]);
    expect(list[0].expiryAt).not.toBe('never');
    expect(JSON.parse((await iggy(['-t', token, '-o', 'json', 'me'])).stdout)).toMatchObject({ userId: 0 });
    expect((await iggy(['pat', 'create', 'ci-token'])).stderr).toMatch(/^error: PersonalAccessTokenAlreadyExists \(51\)/);
    // -s keeps the raw token (0600) under its name; -n logs in with it.
    expect((await iggy(['pat', 'create', 'stored-token', '-s'])).stdout).toContain('created and stored');
    expect(JSON.parse((await iggy(['-n', 'stored-token', '-o', 'json', 'me'])).stdout)).toMatchObject({ userId: 0 });
    expect((await iggy(['-n', 'unknown-token', 'me'])).stderr).toMatch(/^error: InvalidCredentials \(42\).*no stored token named unknown-token/);
    expect((await iggy(['pat', 'd', 'ci-token'])).code).toBe(0);
    expect((await iggy(['-t', token, 'me'])).stderr).toMatch(/^error: (InvalidPersonalAccessToken|Unauthenticated|ResourceNotFound)/);
  });

  it('manages contexts in TOML and keeps their secrets in a 0600 file', async () => {
    const address = `127.0.0.1:${server.port}`;
    const plain = (args: string[]) => runCli(args, { env: home.env });
    expect((await plain(['context', 'create', 'local', '--tcp-server-address', address, '-u', 'iggy', '-p', 'iggy'])).code).toBe(0);
    expect((await plain(['context', 'create', 'nowhere', '--tcp-server-address', '127.0.0.1:1'])).code).toBe(0);

    const contexts = parse(readFileSync(path.join(home.configDir, 'contexts.toml'), 'utf8'));
    expect(contexts).toMatchObject({ contexts: { local: { tcp_server_address: address, username: 'iggy' } } });
    expect(JSON.stringify(contexts)).not.toContain('"iggy","password"');
    const secretsFile = path.join(home.configDir, 'credentials.toml');
    expect(statSync(secretsFile).mode & 0o777).toBe(0o600);
    expect(parse(readFileSync(secretsFile, 'utf8'))).toMatchObject({ contexts: { local: { password: 'iggy' } } });

    expect((await plain(['ctx', 'use', 'local'])).stdout).toContain('Context local is now active');
    // No address flag: the active context gives it.
    expect((await plain(['stream', 'create', 'via-context'])).code).toBe(0);
    const listed = JSON.parse((await plain(['-o', 'json', 'context', 'list'])).stdout);
    expect(listed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'default', active: '' }),
        expect.objectContaining({ name: 'local', active: '*', address }),
        expect.objectContaining({ name: 'nowhere', active: '' }),
      ]),
    );
    expect((await plain(['context', 'use', 'nowhere'])).code).toBe(0);
    expect((await plain(['stream', 'list'])).stderr).toMatch(/^error: CannotEstablishConnection \(9\)/);
    expect((await plain(['context', 'delete', 'nowhere'])).code).toBe(0);
    expect((await plain(['context', 'use', 'nowhere'])).stderr).toMatch(/^error: ResourceNotFound \(20\).*context nowhere does not exist/);
    expect((await plain(['context', 'delete', 'default'])).stderr).toMatch(/^error: InvalidCommand \(3\)/);
    expect((await plain(['context', 'create', 'bad', '--transport', 'pigeon'])).stderr).toMatch(/^error: InvalidConfiguration \(2\)/);
  });

  it('logs in once, then needs no password until logout', async () => {
    const address = `127.0.0.1:${server.port}`;
    const plain = (args: string[]) => runCli(args, { env: home.env });
    // A context whose password is wrong: only the session token can get in.
    await plain(['context', 'create', 'prod', '--tcp-server-address', address, '-u', 'iggy', '-p', 'not-the-password']);
    await plain(['context', 'use', 'prod']);
    expect((await plain(['me'])).stderr).toMatch(/^error: InvalidCredentials \(42\)/);

    const login = await plain(['-u', 'iggy', '-p', 'iggy', 'login', '15m']);
    expect(login).toMatchObject({ code: 0, stderr: '' });
    expect(login.stdout).toContain('session token stored for context prod');
    const secrets = parse(readFileSync(path.join(home.configDir, 'credentials.toml'), 'utf8')) as { contexts: Record<string, { session_token?: string }> };
    expect(typeof secrets.contexts.prod?.session_token).toBe('string');
    expect(statSync(path.join(home.configDir, 'credentials.toml')).mode & 0o777).toBe(0o600);

    expect(JSON.parse((await plain(['-o', 'json', 'me'])).stdout)).toMatchObject({ userId: 0 });
    expect(JSON.parse((await plain(['-o', 'json', 'pat', 'list'])).stdout)).toMatchObject([{ name: 'iggy-cli-session' }]);
    expect(JSON.parse((await plain(['-o', 'json', 'context', 'list'])).stdout)).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'prod', loggedIn: true })]),
    );
    // Logging in again replaces the token rather than failing on its name.
    expect((await plain(['li'])).code).toBe(0);

    expect((await plain(['logout'])).stdout).toContain('Logged out (context prod)');
    expect((await plain(['me'])).stderr).toMatch(/^error: InvalidCredentials \(42\)/);
    expect(JSON.parse((await plain(['-u', 'iggy', '-p', 'iggy', '-o', 'json', 'pat', 'list'])).stdout)).toEqual([]);
    expect((await plain(['lo'])).stdout).toContain('Not logged in');
  });
});
