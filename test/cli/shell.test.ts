// Proves the shell: with stdin not a terminal it runs each line, prints
// each result and exits non-zero if any failed; on a real terminal (tmux)
// it recalls history across two runs, completes commands and stream
// names with Tab, and `top` draws its first frame and quits with q.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { assertBuilt, CLI_MAIN, cliFor, type CliHome, makeHome, runCli } from './cli_harness.js';
import { TERMINAL_TESTS, type Tmux, tmux } from './tmux.js';

const terminalIt = it.skipIf(!TERMINAL_TESTS);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

describe('iggy shell', () => {
  let server: TestServer;
  let home: CliHome;
  let term: Tmux;
  let iggy: ReturnType<typeof cliFor>;
  const address = () => `127.0.0.1:${server.port}`;
  const startShell = (...args: string[]) =>
    term.start([process.execPath, CLI_MAIN, '--tcp-server-address', address(), ...args], {
      HOME: home.dir,
      XDG_CONFIG_HOME: path.join(home.dir, '.config'),
      TERM: 'xterm',
    });

  beforeAll(assertBuilt);
  beforeEach(async () => {
    server = await startTestServer();
    home = await makeHome();
    term = tmux();
    iggy = cliFor(() => server.port, home);
  });
  afterEach(async () => {
    await term.close();
    await server.close();
    await home.close();
  });

  it('reads piped commands line by line and exits non-zero if one failed', async () => {
    const ok = await runCli(['--tcp-server-address', address()], { env: home.env, input: 'stream.create|1|dev\nstream.list\n' });
    expect(ok).toMatchObject({ code: 0, stderr: '' });
    expect(ok.stdout).toMatch(/Stream dev created with ID 1[\s\S]*\| 1 +\| 0 +\| dev/);

    const mixed = await runCli(['--tcp-server-address', address(), 'shell'], {
      env: home.env,
      input: '# a comment\n\nstream get 5\nstream create second\nmessage send second t\n-q stream create third\ns l -l list\n',
    });
    expect(mixed.code).toBe(1);
    expect(mixed.stderr).toBe(
      'error: StreamIdNotFound (1009) in "stream get 5": stream 5 not found\n' +
        'error: InvalidCommand (3) in "message send second t": give the messages or --input-file: in the shell, stdin holds the commands\n',
    );
    expect(mixed.stdout).not.toContain('Stream third created'); // -q: no confirmation lines
    expect(mixed.stdout).toContain('id: 2, name: third');
    expect(mixed.stdout).toContain('Stream second created with ID 1');
    expect(mixed.stdout).toContain('id: 1, name: second');
  });

  it('takes -o per line, and reconnects after the server restarts', async () => {
    // restart() keeps the configured address, so pin a port for this server.
    await server.close();
    server = await startTestServer({ tcp: { address: `127.0.0.1:${await freePort()}` } });
    const child = spawn(process.execPath, [CLI_MAIN, '--tcp-server-address', address()], { env: home.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const closed = new Promise((resolve) => child.on('close', resolve));
    child.stdin.write('stream.create|1|dev\n');
    while (!stdout.includes('created')) await new Promise((resolve) => setTimeout(resolve, 50));
    await server.restart();
    child.stdin.end('-o json stream.list\n--transport tcp stream list\n');
    expect(await closed).toBe(1);
    expect(stderr).toBe('error: InvalidCommand (3) in "--transport tcp stream list": --transport picks the connection: give it when starting iggy, not per shell line\n');
    const json = JSON.parse(stdout.slice(stdout.indexOf('[')));
    expect(json).toMatchObject([{ id: 1, serverId: 0, name: 'dev' }]);
  });

  terminalIt('keeps history in the config dir and recalls it in the next run', async () => {
    await startShell();
    await term.waitFor(/^iggy>/m); // capture-pane trims the prompt's trailing space
    await term.type('stream.create|1|dev');
    await term.press('Enter');
    await term.waitFor('Stream dev created with ID 1');
    await term.type('exit');
    await term.press('Enter');
    await term.waitForExit();
    const history = readFileSync(path.join(home.configDir, 'history'), 'utf8');
    expect(history).toBe('stream.create|1|dev\nexit\n');

    await startShell();
    await term.waitFor(/^iggy>/m); // capture-pane trims the prompt's trailing space
    await term.press('Up', 'Up', 'Enter');
    // The recalled line runs again, and is refused: seed ID 1 is taken now.
    const screen = await term.waitFor('error: InvalidStreamId (1014) in "stream.create|1|dev"');
    expect(screen).toContain('iggy> stream.create|1|dev');
  });

  terminalIt('completes commands, actions and stream names with Tab', async () => {
    await iggy(['stream', 'create', 'orders']);
    await startShell();
    await term.waitFor(/^iggy>/m); // capture-pane trims the prompt's trailing space
    await term.type('conte');
    await term.press('Tab');
    await term.waitFor('iggy> context');
    await term.press('C-u');
    await term.type('stream g');
    await term.press('Tab');
    await term.waitFor('iggy> stream get');
    await term.type(' ord');
    await term.press('Tab');
    await term.waitFor('iggy> stream get orders');
    await term.press('Enter');
    await term.waitFor(/\| name +\| orders +\|/);
  });

  terminalIt('shows top\'s first frame with streams, topics, partitions and clients, and quits on q', async () => {
    await iggy(['stream', 'create', 'dev']);
    await iggy(['topic', 'create', 'dev', 'dummy', '2']);
    await iggy(['message', 'send', 'dev', 'dummy', '-p', '1', 'hello world']);
    await startShell('top');
    const frame = await term.waitFor('CLIENTS (1)');
    expect(frame).toMatch(/^iggy top  127\.0\.0\.1:\d+  \d{4}-/m);
    expect(frame).toContain('send -  poll -');
    expect(frame).toMatch(/^dev \(0\) +1 +\d+ B$/m);
    expect(frame).toMatch(/^ {2}dummy \(0\) +1 +\d+ B$/m);
    expect(frame).toMatch(/^ {4}partition 0 +0 +0 B$/m);
    expect(frame).toMatch(/^ {4}partition 1 +1 +\d+ B$/m);
    expect(frame).toMatch(/^ {2}#\d+ user 0 tcp 127\.0\.0\.1:\d+$/m);
    // The next frames carry rates computed from the stats deltas.
    await term.waitFor(/send [\d.]+ msg\/s/);
    await term.press('q');
    await term.waitForExit();
  });

  terminalIt('runs top from the shell and hands the terminal back on q', async () => {
    await startShell();
    await term.waitFor(/^iggy>/m);
    await term.type('top');
    await term.press('Enter');
    await term.waitFor('CLIENTS (1)');
    await term.press('q');
    await term.type('stream list');
    await term.press('Enter');
    const screen = await term.waitFor(/\| id \| name +\| createdAt/);
    expect(screen).not.toContain('qstream');
    expect(screen.match(/stream list/g)).toHaveLength(1); // echoed once: raw mode restored
  });

  terminalIt('asks for the password on a terminal when -u comes without -p, without echoing it', async () => {
    await iggy(['user', 'create', 'alice', 'sesame-42', '-g', 'r_srv']);
    await startShell('-u', 'alice', 'me');
    await term.waitFor('Password for alice:');
    await term.type('sesame-42');
    await term.press('Enter');
    const screen = await term.waitFor(/\| userId +\| 1 +\|/);
    expect(screen).not.toContain('sesame');
  });
});
