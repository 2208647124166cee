// Proves the CLI over every transport of Iggy 0.8's CLI (issue 15): child
// processes of the built CLI reach one real server over WebSocket, QUIC and
// HTTP (--websocket-server-address, --quic-server-address, --http-api-url,
// or a context carrying the transport), ping it, create and list a stream
// and round-trip messages; a message sent over one transport polls back over
// another. Over HTTP, what the API cannot serve is one line with its code,
// and `login` keeps a session token per context as over TCP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { assertBuilt, type CliHome, makeHome, runCli } from './cli_harness.js';

const TRANSPORTS = ['ws', 'quic', 'http'] as const;

describe('iggy over ws, quic and http', () => {
  let server: TestServer;
  let home: CliHome;

  beforeAll(async () => {
    assertBuilt();
    server = await startTestServer({
      websocket: { enabled: true, address: '127.0.0.1:0' },
      quic: { enabled: true, address: '127.0.0.1:0' },
      http: { enabled: true, address: '127.0.0.1:0' },
    });
    home = await makeHome();
  });
  afterAll(async () => {
    await server?.close();
    await home?.close();
  });

  function flagsOf(transport: string): string[] {
    const ports = server.server.ctx.runtime.ports;
    if (transport === 'ws') return ['--transport', 'ws', '--websocket-server-address', `127.0.0.1:${ports.websocket}`];
    if (transport === 'quic') return ['--transport', 'quic', '--quic-server-address', `127.0.0.1:${ports.quic}`];
    return ['--transport', 'http', '--http-api-url', `http://127.0.0.1:${ports.http}`];
  }
  const iggy = (transport: string, args: readonly string[]) => runCli([...flagsOf(transport), ...args], { env: home.env });
  const tcp = (args: readonly string[]) => runCli(['--tcp-server-address', `127.0.0.1:${server.port}`, ...args], { env: home.env });

  it.each(TRANSPORTS)('pings, creates and lists a stream, sends and polls over %s', async (transport) => {
    const ping = await iggy(transport, ['ping', '-c', '2']);
    expect(ping).toMatchObject({ code: 0, stderr: '' });
    expect(ping.stdout).toMatch(/Ping 1: [\d.]+ ms\nPing 2: [\d.]+ ms\nPing: 2 sent/);

    const created = await iggy(transport, ['stream', 'create', `s-${transport}`]);
    expect(created).toMatchObject({ code: 0, stderr: '' });
    const streams = JSON.parse((await iggy(transport, ['-o', 'json', 'stream', 'list'])).stdout) as Array<{ name: string }>;
    expect(streams.map((s) => s.name)).toContain(`s-${transport}`);
    expect((await iggy(transport, ['topic', 'create', `s-${transport}`, 'events', '2'])).code).toBe(0);

    const sent = await iggy(transport, ['message', 'send', `s-${transport}`, 'events', '-p', '1', 'hello', `over ${transport}`]);
    expect(sent).toMatchObject({ code: 0, stderr: '' });
    const polled = JSON.parse((await iggy(transport, ['-o', 'json', 'message', 'poll', `s-${transport}`, 'events', '1', '--offset', '0', '-m', '10'])).stdout);
    expect(polled.map((m: { payload: string }) => m.payload)).toEqual(['hello', `over ${transport}`]);
    // The same bytes, polled over TCP: every transport writes the one log.
    const viaTcp = JSON.parse((await tcp(['-o', 'json', 'message', 'poll', `s-${transport}`, 'events', '1', '--offset', '0', '-m', '10'])).stdout);
    expect(viaTcp).toEqual(polled);
  });

  it('reports what HTTP cannot serve, and an unreachable server, in one line each', async () => {
    const me = await iggy('http', ['me']);
    expect(me).toMatchObject({ code: 1, stdout: '' });
    expect(me.stderr).toMatch(/^error: FeatureUnavailable \(5\) in "me": [^\n]*HTTP[^\n]*\n$/);
    const cases: Array<[string, string[]]> = [
      ['ws', ['--transport', 'ws', '--websocket-server-address', '127.0.0.1:1']],
      ['http', ['--transport', 'http', '--http-api-url', 'http://127.0.0.1:1']],
    ];
    for (const [, flags] of cases) {
      const down = await runCli([...flags, 'stream', 'list'], { env: home.env });
      expect(down).toMatchObject({ code: 1, stdout: '' });
      expect(down.stderr).toMatch(/^error: CannotEstablishConnection \(9\) in "stream list"[^\n]*\n$/);
    }
    const badUrl = await runCli(['--transport', 'http', '--http-api-url', '127.0.0.1:3000', 'ping'], { env: home.env });
    expect(badUrl.stderr).toMatch(/^error: InvalidServerAddress \(33\) in "ping": --http-api-url 127.0.0.1:3000 is not an http/);
    for (const r of [me, badUrl]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('takes the transport from a context, and logs in over http with a session token', async () => {
    const plain = (args: string[]) => runCli(args, { env: home.env });
    const ports = server.server.ctx.runtime.ports;
    await plain(['context', 'create', 'web', '--transport', 'http', '--http-api-url', `http://127.0.0.1:${ports.http}`, '-u', 'iggy', '-p', 'wrong']);
    await plain(['context', 'create', 'fast', '--transport', 'quic', '--quic-server-address', `127.0.0.1:${ports.quic}`]);
    expect((await plain(['context', 'use', 'fast'])).code).toBe(0);
    expect((await plain(['stream', 'create', 'via-quic-context'])).code).toBe(0);

    expect((await plain(['context', 'use', 'web'])).code).toBe(0);
    expect((await plain(['stream', 'list'])).stderr).toMatch(/^error: InvalidCredentials \(42\)/);
    const login = await plain(['-u', 'iggy', '-p', 'iggy', 'login', '15m']);
    expect(login).toMatchObject({ code: 0, stderr: '' });
    expect(login.stdout).toContain('session token stored for context web');
    const streams = JSON.parse((await plain(['-o', 'json', 'stream', 'list'])).stdout) as Array<{ name: string }>;
    expect(streams.map((s) => s.name)).toContain('via-quic-context');
    expect(JSON.parse((await plain(['-o', 'json', 'context', 'list'])).stdout)).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'web', transport: 'http', loggedIn: true })]),
    );
    expect((await plain(['logout'])).stdout).toContain('Logged out (context web)');
    expect((await plain(['stream', 'list'])).stderr).toMatch(/^error: InvalidCredentials \(42\)/);
  });
});
