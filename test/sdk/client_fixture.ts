// Shared set-up of the IggyClient round-trip tests: a fresh real server per
// test, clients connected to it and closed after it, and a typed-error check.
import { afterEach, beforeEach, expect } from 'vitest';
import { IggyClient } from '../../sdk/client.js';
import { tcp } from '../../sdk/transport/tcp/tcp_transport.js';
import { IggyError } from '../../src/errors/iggy_error.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

type Auth = { username: string; password: string } | { token: string } | undefined;

export interface ClientFixture {
  /** The server of the running test. */
  readonly server: TestServer;
  /** Connects (root by default; `undefined` = no login); closed after the test. */
  connect(auth?: Auth): Promise<IggyClient>;
}

/** Registers beforeEach/afterEach hooks in the calling test file. */
export function useClientFixture(): ClientFixture {
  let server: TestServer | undefined;
  const clients: IggyClient[] = [];
  beforeEach(async () => {
    server = await startTestServer();
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
    async connect(auth: Auth = { username: 'iggy', password: 'iggy' }): Promise<IggyClient> {
      const client = await IggyClient.connect({ transport: tcp({ port: this.server.port }), ...(auth ? { auth } : {}), heartbeatIntervalMs: 0 });
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
