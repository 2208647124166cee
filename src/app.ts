// Composition root: the one module that knows both the server and the
// transports. It opens the server (src/server/server.ts), then starts every
// registered listener the config enables (src/transport/listeners.ts) over
// the server's context and dispatch, with one connection budget for all of
// them, and records each bound port in ctx.runtime.ports. close() runs it
// backwards: mark shutdown (logins answer Disconnected, new connections are
// refused), stop the listeners (idle connections get Disconnected (8),
// in-flight requests finish), then close the server.
import type { ServerConfig } from './config/config.js';
import { log } from './log.js';
import type { ServerContext } from './server/context.js';
import type { Dispatch } from './server/dispatch.js';
import { openServer, type Server, type ServerOptions } from './server/server.js';
import { ConnectionBudget } from './transport/connection_budget.js';
import { LISTENERS } from './transport/listeners.js';
import type { Listener, ListenerEnv, TransportHandle } from './transport/transport.js';

export interface StartServerOptions extends ServerOptions {
  /** Listeners to start when enabled; defaults to the registry (tests may add or replace). */
  listeners?: readonly Listener[];
  /** ms a connection gets on shutdown to finish in-flight requests and close before it is destroyed (default 2000). */
  shutdownGraceMs?: number;
  /** Touch the whole payload arena before listening (Storage.reservePayloadArena); the server process does, tests need not. */
  reservePayloadArena?: boolean;
}

export interface RunningServer {
  /** null when tcp.enabled is false. */
  readonly tcpAddress: { host: string; port: number } | null;
  readonly ctx: ServerContext;
  readonly dispatch: Dispatch;
  readonly transports: readonly TransportHandle[];
  close(): Promise<void>;
}

const SHUTDOWN_GRACE_MS_DEFAULT = 2000;
/** Config sections of transports; one without a registered listener is accepted but not served. */
const CONFIGURED_TRANSPORTS = ['tcp', 'quic', 'http', 'websocket'] as const;

/** Starts each enabled listener in order, recording its port; on failure stops those already started. */
async function startListeners(listeners: readonly Listener[], env: ListenerEnv): Promise<{ handles: TransportHandle[]; tcp: TransportHandle | null }> {
  const handles: TransportHandle[] = [];
  let tcp: TransportHandle | null = null;
  try {
    for (const listener of listeners) {
      if (!listener.enabled(env.ctx.config)) continue;
      const handle = await listener.start(env);
      handles.push(handle);
      env.ctx.runtime.ports[listener.name] = handle.port;
      if (listener.name === 'tcp') tcp = handle;
      log.debug({ address: `${handle.host}:${handle.port}` }, `${handle.name} listening`);
    }
  } catch (error) {
    await Promise.all(handles.map((h) => h.shutdown().catch(() => undefined)));
    throw error;
  }
  return { handles, tcp };
}

/** Saying nothing about an enabled transport we cannot serve would let a user believe its port serves. */
function warnUnserved(config: ServerConfig, listeners: readonly Listener[]): void {
  const served = new Set(listeners.map((listener) => listener.name));
  const missing = CONFIGURED_TRANSPORTS.filter((name) => config[name].enabled && !served.has(name));
  if (missing.length > 0) {
    log.warn({ transports: missing }, 'these transports are enabled in the config but not available in iggy-ts yet; they are not served');
  }
}

export async function startServer(config: ServerConfig, options: StartServerOptions = {}): Promise<RunningServer> {
  const server: Server = await openServer(config, options);
  const { ctx, dispatch } = server;
  if (options.reservePayloadArena === true) ctx.storage.reservePayloadArena();
  const listeners = options.listeners ?? LISTENERS;
  let started: Awaited<ReturnType<typeof startListeners>>;
  try {
    started = await startListeners(listeners, {
      ctx,
      dispatch,
      connections: new ConnectionBudget(config.limits.connections_max),
      shutdownGraceMs: options.shutdownGraceMs ?? SHUTDOWN_GRACE_MS_DEFAULT,
    });
  } catch (error) {
    await server.close().catch(() => undefined);
    throw error;
  }
  warnUnserved(config, listeners);
  const { handles, tcp } = started;

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      ctx.runtime.shuttingDown = true;
      await Promise.all(handles.map((h) => h.shutdown()));
      await server.close();
    })();
    return closing;
  };
  const tcpAddress = tcp === null ? null : { host: tcp.host, port: tcp.port };
  return { tcpAddress, ctx, dispatch, transports: handles, close };
}
