// Proves IggyClient talks to the wire only through the Dispatcher interface
// (sdk/dispatcher.ts), so an HTTP dispatcher can replace the binary one: a
// dispatcher given by the caller (here one that names each command and
// forwards it to a real binary Connection on a real server, as an HTTP one
// would map it to a route) carries every call, sees commands and domain
// values rather than bytes, runs the login as its session ahead of queued
// calls, and reports its own transport name and state.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IggyClient } from '../../sdk/client.js';
import { Connection } from '../../sdk/connection.js';
import type { Command, Dispatcher, DispatcherEvents, RequestOptions, Session, SessionCall } from '../../sdk/dispatcher.js';
import type { Listener } from '../../sdk/emitter.js';
import { tcp } from '../../sdk/transport/tcp/tcp_transport.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/** Names every command it carries, the way an HTTP dispatcher keys its routes, and forwards it. */
class NamingDispatcher implements Dispatcher {
  readonly calls: Array<{ name: string; request: unknown; viaSession: boolean }> = [];
  readonly #inner: Connection;
  constructor(port: number) {
    this.#inner = new Connection({ transport: tcp({ port }), reconnect: false });
  }
  get transportName(): string {
    return `named+${this.#inner.transportName}`;
  }
  get state(): Dispatcher['state'] {
    return this.#inner.state;
  }
  get idle(): boolean {
    return this.#inner.idle;
  }
  on<K extends keyof DispatcherEvents>(event: K, listener: Listener<DispatcherEvents[K]>): () => void {
    return this.#inner.on(event, listener);
  }
  setSession(session: Session | null): void {
    this.#inner.setSession(
      session === null
        ? null
        : (call) => {
            const named: SessionCall = (command, request) => {
              this.calls.push({ name: command.name, request, viaSession: true });
              return call(command, request);
            };
            return session(named);
          },
    );
  }
  open(): Promise<void> {
    return this.#inner.open();
  }
  call<Request, Response>(command: Command<Request, Response>, request: Request, options?: RequestOptions): Promise<Response> {
    this.calls.push({ name: command.name, request, viaSession: false });
    return this.#inner.call(command, request, options);
  }
  close(): Promise<void> {
    return this.#inner.close();
  }
}

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

describe('IggyClient over a Dispatcher', () => {
  it('sends every command through the dispatcher, logging in as its session', async () => {
    const dispatcher = new NamingDispatcher(server.port);
    const client = await IggyClient.connect({ dispatcher, auth: { username: 'iggy', password: 'iggy' }, heartbeatIntervalMs: 0 });
    try {
      expect(client.transportName).toBe('named+tcp');
      expect(client.state).toBe('ready');
      const stream = await client.streams.create('orders');
      expect(stream.name).toBe('orders');
      expect((await client.streams.get('orders'))?.stream.id).toBe(stream.id);
      await client.system.ping();
      expect(dispatcher.calls.map(({ name, viaSession }) => [name, viaSession])).toEqual([
        ['LoginUser', true],
        ['CreateStream', false],
        ['GetStream', false],
        ['Ping', false],
      ]);
      // Domain values, not frames: what an HTTP dispatcher turns into JSON.
      expect(dispatcher.calls[1]!.request).toEqual({ name: 'orders' });
    } finally {
      await client.close();
    }
    expect(client.state).toBe('closed');
  });

  it('takes exactly one of transport and dispatcher', async () => {
    const dispatcher = new NamingDispatcher(server.port);
    await expect(IggyClient.connect({ dispatcher, transport: tcp({ port: server.port }) })).rejects.toThrow(/exactly one/);
    await expect(IggyClient.connect({})).rejects.toThrow(/exactly one/);
  });
});
