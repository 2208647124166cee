// Shared set-up of the IggyClient round-trip tests: a fresh real server per
// test, clients connected to it over the transport under test (the same
// tests run over each of SDK_TRANSPORTS) and closed after it, and a
// typed-error check.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import { IggyClient } from '../../sdk/client.js';
import { quic } from '../../sdk/transport/quic/quic_transport.js';
import { tcp } from '../../sdk/transport/tcp/tcp_transport.js';
import type { TransportFactory } from '../../sdk/transport/transport.js';
import { ws } from '../../sdk/transport/ws/ws_transport.js';
import { IggyError } from '../../src/errors/iggy_error.js';
import type { ServerConfig } from '../../src/config/config.js';
import { startTestServer, type DeepPartial, type TestServer } from '../helpers/server.js';

/** The binary transports the client suites run over. */
export const SDK_TRANSPORTS = ['tcp', 'ws', 'wss', 'quic'] as const;
export type SdkTransport = (typeof SDK_TRANSPORTS)[number];

/** TCP always listens (tests read its port); the transport under test joins it. */
const LISTEN: Record<SdkTransport, DeepPartial<ServerConfig> | undefined> = {
  tcp: undefined,
  ws: { websocket: { enabled: true, address: '127.0.0.1:0' } },
  // A self-signed certificate generated into the data dir, trusted as CA by the client.
  wss: { websocket: { enabled: true, address: '127.0.0.1:0', tls: { enabled: true, self_signed: true } } },
  quic: { quic: { enabled: true, address: '127.0.0.1:0' } },
};

type Auth = { username: string; password: string } | { token: string } | undefined;

export interface ClientFixture {
  /** The server of the running test. */
  readonly server: TestServer;
  /** A factory for the transport under test, pointed at the running server. */
  transport(): TransportFactory;
  /** Connects (root by default; `undefined` = no login); closed after the test. */
  connect(auth?: Auth): Promise<IggyClient>;
}

/** Registers beforeEach/afterEach hooks in the calling test file. */
export function useClientFixture(kind: SdkTransport = 'tcp'): ClientFixture {
  let server: TestServer | undefined;
  const clients: IggyClient[] = [];
  beforeEach(async () => {
    server = await startTestServer(LISTEN[kind]);
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.close();
    await server?.close();
    server = undefined;
  });
  return {
    get server(): TestServer {
      if (server === undefined) throw new Error('no server outside a test');
      return server;
    },
    transport(): TransportFactory {
      const ports = this.server.server.ctx.runtime.ports;
      if (kind === 'ws') return ws({ port: ports.websocket! });
      if (kind === 'wss') return ws({ port: ports.websocket!, tls: { ca: readFileSync(path.join(this.server.dataDir, 'websocket_cert.pem'), 'utf8') } });
      if (kind === 'quic') return quic({ port: ports.quic! });
      return tcp({ port: this.server.port });
    },
    async connect(auth: Auth = { username: 'iggy', password: 'iggy' }): Promise<IggyClient> {
      const client = await IggyClient.connect({ transport: this.transport(), ...(auth ? { auth } : {}), heartbeatIntervalMs: 0 });
      clients.push(client);
      return client;
    },
  };
}

/** Awaits a rejection with IggyError `name` (`code`) and returns it. */
export async function expectIggyError(promise: Promise<unknown>, name: string, code: number): Promise<IggyError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(IggyError);
    expect((error as IggyError).code).toBe(code);
    expect((error as IggyError).errorName).toBe(name);
    return error as IggyError;
  }
  throw new Error(`expected ${name} (${code})`);
}
