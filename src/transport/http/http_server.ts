// The HTTP REST API listener on uWebSockets.js (HTTP.md): plain or TLS from
// [http.tls], the route table built and its schemas compiled once here, then
// every request through pipeline.ts. Logs whether uWS's native binary or its
// pure-JS fallback runs, since the fallback is far slower and silent.
import uWS, { type TemplatedApp, type us_listen_socket } from '@trufflesuite/uws-js-unofficial';
import type { ServerConfig } from '../../config/config.js';
import { parseAddress } from '../../config/units.js';
import { log } from '../../log.js';
import type { ServerContext } from '../../server/context.js';
import type { Listener, TransportHandle } from '../transport.js';
import { corsPolicy } from './cors.js';
import { writeJson } from '../../protocol/http/json.js';
import { JwtManager } from './jwt.js';
import { HttpMetrics } from './metrics.js';
import { buildOpenApi } from './openapi.js';
import { handleRequest, type Pipeline } from './pipeline.js';
import { Router, type Route } from './router.js';
import { consumerOffsetRoutes } from './routes/consumer_offsets.js';
import { partitionRoutes, segmentRoutes } from './routes/partitions.js';
import { streamRoutes } from './routes/streams.js';
import { systemOpRoutes, systemRoutes } from './routes/system.js';
import { topicRoutes } from './routes/topics.js';
import { tokenRoutes } from './routes/tokens.js';
import { consumerGroupRoutes } from './routes/groups.js';
import { messageRoutes } from './routes/messages.js';
import { loginRoutes, personalAccessTokenRoutes, userRoutes } from './routes/users.js';

export interface HttpServerOptions {
  /** Overrides ctx.config.http.address (tests pass 127.0.0.1:0). */
  address?: string;
  /** Routes added to the table (tests use them to drive the pipeline with shapes no op has yet). */
  extraRoutes?: readonly Route[];
}

export interface HttpServerHandle extends TransportHandle {
  /** The token issuer/verifier, for tests and for login routes. */
  readonly jwt: JwtManager;
  readonly router: Router;
  /** 'native' or 'fallback' (the pure-JS implementation on `ws`). */
  readonly uwsKind: 'native' | 'fallback';
}

export function uwsKind(): 'native' | 'fallback' {
  return uWS.App.toString().includes('[native code]') ? 'native' : 'fallback';
}

function createApp(config: ServerConfig['http']): TemplatedApp {
  if (!config.tls.enabled) return uWS.App();
  return uWS.SSLApp({ cert_file_name: config.tls.cert_file, key_file_name: config.tls.key_file });
}

/** Every route of this listener, in documentation order; /openapi.json describes them all and itself. */
function buildRoutes(ctx: ServerContext, jwt: JwtManager, metrics: HttpMetrics, extra: readonly Route[]): Route[] {
  const routes: Route[] = [
    ...systemRoutes(metrics, ctx.config.http.metrics), ...loginRoutes(jwt), ...tokenRoutes(jwt), ...systemOpRoutes(),
    ...userRoutes(), ...personalAccessTokenRoutes(), ...streamRoutes(), ...topicRoutes(), ...partitionRoutes(), ...segmentRoutes(),
    ...consumerGroupRoutes(), ...consumerOffsetRoutes(), ...messageRoutes(), ...extra,
  ];
  let openApi = '';
  routes.push({
    method: 'GET',
    path: '/openapi.json',
    auth: false,
    summary: 'This OpenAPI 3.1 document',
    responses: { 200: { description: 'OpenAPI document', schema: { type: 'object' } } },
    handle: () => ({ status: 200, body: openApi }),
  });
  openApi = writeJson(buildOpenApi(routes) as never);
  return routes;
}

function listen(app: TemplatedApp, host: string, port: number): Promise<us_listen_socket> {
  return new Promise((resolve, reject) => {
    app.listen(host, port, (socket) => (socket === false ? reject(new Error(`http: cannot listen on ${host}:${port}`)) : resolve(socket)));
  });
}

export async function startHttpServer(ctx: ServerContext, options: HttpServerOptions = {}): Promise<HttpServerHandle> {
  const config = ctx.config.http;
  const jwt = await JwtManager.create(config.jwt);
  const metrics = new HttpMetrics(ctx);
  const router = new Router(buildRoutes(ctx, jwt, metrics, options.extraRoutes ?? []));
  const pipeline: Pipeline = { ctx, router, jwt, cors: corsPolicy(config.cors), maxRequestBytes: config.max_request_size };
  const app = createApp(config);
  app.any('/*', (res, req) => handleRequest(pipeline, res, req));
  // The config loader has validated the address; null here is our bug.
  const { host, port: wantedPort } = parseAddress(options.address ?? config.address)!;
  const socket = await listen(app, host, wantedPort);
  const port = uWS.us_socket_local_port(socket as never);
  const kind = uwsKind();
  log.info({ tls: config.tls.enabled, uws: kind }, 'http API on uWebSockets.js');
  if (kind === 'fallback') log.warn('uWebSockets.js native binary not loaded; the pure-JS fallback serves HTTP');
  return {
    name: 'http',
    host,
    port,
    jwt,
    router,
    uwsKind: kind,
    async shutdown() {
      uWS.us_listen_socket_close(socket);
      // Open keep-alive connections would otherwise hold the app (and the test process) open.
      (app as { close?: () => void }).close?.();
    },
  };
}

/** The registry entry: [http] served next to TCP when enabled. */
export const httpListener: Listener = {
  name: 'http',
  enabled: (config) => config.http.enabled,
  start: (env) => startHttpServer(env.ctx),
};
