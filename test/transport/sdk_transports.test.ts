// The SDK over each non-TCP binary transport (WebSocket, QUIC) against the real server, for
// what the shared client suites (test/sdk/client.test.ts, data_plane.test.ts)
// do not show: a restart (new port) is survived by reconnecting and logging
// in again, and closing the connection leaves the consumer groups it joined.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IggyClient } from '../../sdk/client.js';
import type { Transport } from '../../sdk/transport/transport.js';
import { WsTransport } from '../../sdk/transport/ws/ws_transport.js';
import { QuicTransport } from '../../sdk/transport/quic/quic_transport.js';
import { startTestServer, type DeepPartial, type TestServer } from '../helpers/server.js';
import type { ServerConfig } from '../../src/config/config.js';

interface Kind {
  name: string;
  config: DeepPartial<ServerConfig>;
  /** Reads the port on every (re)connect: a restarted server listens elsewhere. */
  transport(server: TestServer): Transport;
  /** A transport to a port nothing listens on. */
  nowhere(port: number): Transport;
}

const KINDS: Kind[] = [
  {
    name: 'ws',
    config: { websocket: { enabled: true, address: '127.0.0.1:0' } },
    transport: (server) => new WsTransport({ port: server.server.ctx.runtime.ports.websocket! }),
    nowhere: (port) => new WsTransport({ port, connectTimeoutMs: 1000 }),
  },
  {
    name: 'quic',
    config: { quic: { enabled: true, address: '127.0.0.1:0' } },
    // A reconnect during the restart still reads the old port; over UDP nothing
    // refuses it, so only the connect timeout ends that attempt: keep it short.
    transport: (server) => new QuicTransport({ port: server.server.ctx.runtime.ports.quic!, connectTimeoutMs: 500 }),
    nowhere: (port) => new QuicTransport({ port, connectTimeoutMs: 1000 }),
  },
];

describe.each(KINDS)('SDK over $name', (kind) => {
  let server: TestServer;
  const clients: IggyClient[] = [];

  beforeEach(async () => {
    server = await startTestServer(kind.config);
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.close();
    await server.close();
  });

  async function connect(): Promise<IggyClient> {
    const client = await IggyClient.connect({
      transport: () => kind.transport(server),
      auth: { username: 'iggy', password: 'iggy' },
      heartbeatIntervalMs: 0,
      reconnect: { delayMsMin: 20, delayMsMax: 200 },
    });
    clients.push(client);
    return client;
  }

  it('reconnects and logs in again after a restart', async () => {
    const client = await connect();
    await client.streams.create('s');
    expect(client.transportName).toBe(kind.name);
    await server.restart();
    // Queued while reconnecting; needs the re-login to pass.
    expect((await client.streams.get('s'))?.stream.name).toBe('s');
    expect((await client.system.me()).userId).toBe(0);
  });

  it('leaves its consumer groups when the connection closes', async () => {
    const member = await connect();
    const observer = await connect();
    await member.streams.create('s');
    await member.topics.create('s', { name: 't', partitionsCount: 1 });
    await member.groups.create('s', 't', 'g');
    await member.groups.join('s', 't', 'g');
    expect((await observer.groups.get('s', 't', 'g'))?.group.membersCount).toBe(1);
    await member.close();
    await expect.poll(async () => (await observer.groups.get('s', 't', 'g'))?.group.membersCount).toBe(0);
  });

  it('fails to connect where nothing listens with CannotEstablishConnection (9)', async () => {
    const port = server.port; // a TCP port: nothing speaks WebSocket or QUIC there
    const error = await IggyClient.connect({ transport: () => kind.nowhere(port), heartbeatIntervalMs: 0, reconnect: false }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 9, errorName: 'CannotEstablishConnection' });
  });
});
