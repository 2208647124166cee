// The bench over QUIC, WebSocket and HTTP against one real server (in-process,
// port 0 for every listener): each run's actors, fill and set-up speak the
// transport under test, the counts add up, GetStats over that transport saw
// every message, and the bench removed its streams. HTTP cannot join
// consumer groups, so a group kind over it is refused before anything runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArgsError, parseArgs } from '../../bench/args.js';
import { runSession } from '../../bench/session.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { checkLatency, tiny } from './run_fixture.js';

const LISTENERS = { quic: 'quic', ws: 'websocket', http: 'http' } as const;

describe('bench over quic, ws and http', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({
      websocket: { enabled: true, address: '127.0.0.1:0' },
      quic: { enabled: true, address: '127.0.0.1:0' },
      http: { enabled: true, address: '127.0.0.1:0' },
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  it.each(Object.keys(LISTENERS) as Array<keyof typeof LISTENERS>)('sends and polls over %s, counted by the server', async (transport) => {
    const port = server.server.ctx.runtime.ports[LISTENERS[transport]]!;
    const args = parseArgs(['pinned-producer-and-consumer', transport, ...tiny, '--in-flight', '2']);
    const lines: string[] = [];
    const session = await runSession(args, { command: 'test', log: (line) => lines.push(line), targets: [{ kind: 'external', address: { host: '127.0.0.1', port } }] });

    expect(session.workload.transport).toBe(transport);
    const run = session.runs[0]!;
    expect(run.target).toMatchObject({ kind: 'external', transport, address: `127.0.0.1:${port}` });
    expect(run.aggregate.send).toMatchObject({ actors: 1, messages: 40, bytes: 4000, batches: 4 });
    expect(run.aggregate.poll?.messages).toBe(40);
    checkLatency(run.aggregate.send);
    checkLatency(run.aggregate.poll);
    expect(run.statsError).toBeUndefined();
    expect(run.statsAfter!.messagesCount - run.statsBefore!.messagesCount).toBe(40);
    expect(lines.join('\n')).toContain(`${transport} 127.0.0.1:${port}`);
    const client = await server.connect();
    await client.login('iggy', 'iggy');
    expect((await client.send(201)).payload.length).toBe(0);
  });

  it('polls what a fill wrote over the transport, with a group kind over ws', async () => {
    const port = server.server.ctx.runtime.ports.websocket!;
    const args = parseArgs(['balanced-consumer-group', 'ws', ...tiny]);
    const session = await runSession(args, { command: 'test', log: () => {}, targets: [{ kind: 'external', address: { host: '127.0.0.1', port } }] });
    expect(session.runs[0]!.filledMessages).toBe(40);
    expect(session.runs[0]!.aggregate.poll?.messages).toBe(40);
  });

  it('starts its own server with the transport under test listening (--start-server)', async () => {
    const args = parseArgs(['pinned-producer', 'http', ...tiny, '--start-server']);
    const lines: string[] = [];
    const session = await runSession(args, { command: 'test', log: (line) => lines.push(line) });
    const run = session.runs[0]!;
    expect(run.target).toMatchObject({ kind: 'server', transport: 'http', core: 'wasm' });
    expect(run.target.address).not.toMatch(/:0$/);
    expect(run.aggregate.send?.messages).toBe(40);
    expect(run.statsAfter!.messagesCount - run.statsBefore!.messagesCount).toBe(40);
  }, 60_000);

  it('refuses consumer-group kinds over http before anything runs', () => {
    expect(() => parseArgs(['balanced-consumer-group', 'http'])).toThrow(ArgsError);
    expect(() => parseArgs(['balanced-consumer-group', 'http'])).toThrow(/HTTP API cannot/);
  });
});
