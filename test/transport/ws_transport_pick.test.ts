// Proves the SDK's WebSocket transport picks its implementation at connect
// time: a global WebSocket (what browsers have) wins over the `ws` package,
// an explicit `WebSocket` option wins over both, and without either (Node 20)
// the `ws` package is loaded.
import WsPackage from 'ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IggyClient } from '../../sdk/client.js';
import { WsTransport, type WebSocketConstructor } from '../../sdk/transport/ws/ws_transport.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
const g = globalThis as { WebSocket?: unknown };
const original = g.WebSocket;

beforeEach(async () => {
  server = await startTestServer({ websocket: { enabled: true, address: '127.0.0.1:0' } });
});
afterEach(async () => {
  g.WebSocket = original;
  await server.close();
});

/** A `ws` WebSocket that counts its constructions. */
function counting(): { Socket: WebSocketConstructor; created: () => number } {
  let created = 0;
  class Counting extends WsPackage {
    constructor(...args: ConstructorParameters<typeof WsPackage>) {
      super(...args);
      created++;
    }
  }
  return { Socket: Counting as unknown as WebSocketConstructor, created: () => created };
}

async function pingWith(transport: WsTransport): Promise<void> {
  const client = await IggyClient.connect({ transport: () => transport, auth: { username: 'iggy', password: 'iggy' }, heartbeatIntervalMs: 0, reconnect: false });
  await client.system.ping();
  await client.close();
}

describe('WsTransport implementation', () => {
  it('uses the global WebSocket when there is one', async () => {
    const spy = counting();
    g.WebSocket = spy.Socket;
    await pingWith(new WsTransport({ port: server.server.ctx.runtime.ports.websocket! }));
    expect(spy.created()).toBe(1);
  });

  it('prefers an explicit WebSocket option, and loads `ws` when there is no global', async () => {
    expect(g.WebSocket).toBeUndefined(); // Node 20 without --experimental-websocket
    const spy = counting();
    await pingWith(new WsTransport({ port: server.server.ctx.runtime.ports.websocket!, WebSocket: spy.Socket }));
    expect(spy.created()).toBe(1);
    await pingWith(new WsTransport({ port: server.server.ctx.runtime.ports.websocket! }));
    expect(spy.created()).toBe(1);
  });
});
