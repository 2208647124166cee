// Starts the real server (test/helpers/server.ts) and the HTTP listener on
// 127.0.0.1:0 beside it, as the lead will wire it into the listener registry.
import { startTestServer, type DeepPartial, type TestServer } from '../helpers/server.js';
import type { ServerConfig } from '../../src/config/config.js';
import { startHttpServer, type HttpServerHandle } from '../../src/transport/http/http_server.js';
import type { Route } from '../../src/transport/http/router.js';

export interface HttpTestServer {
  readonly server: TestServer;
  readonly http: HttpServerHandle;
  readonly base: string;
  close(): Promise<void>;
}

export async function startHttpTestServer(overrides?: DeepPartial<ServerConfig>, extraRoutes?: readonly Route[]): Promise<HttpTestServer> {
  const server = await startTestServer(overrides);
  let http: HttpServerHandle;
  try {
    http = await startHttpServer(server.server.ctx, { address: '127.0.0.1:0', extraRoutes });
  } catch (error) {
    await server.close();
    throw error;
  }
  return {
    server,
    http,
    base: `http://127.0.0.1:${http.port}`,
    async close() {
      await http.shutdown();
      await server.close();
    },
  };
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
