// What every server transport (TCP/TLS, QUIC, HTTP, WebSocket) exposes to the
// composition root (src/app.ts). Transports hold no domain logic: they open a
// Session per connection (src/server/clients.ts openSession), feed (code,
// payload) to dispatch — byte-stream ones through a BinarySession — and write
// the reply. A new transport is one Listener added to src/transport/listeners.ts.
import type { ServerConfig } from '../config/config.js';
import type { ServerContext } from '../server/context.js';
import type { Dispatch } from '../server/dispatch.js';
import type { ConnectionBudget } from './connection_budget.js';

/** A running listener. */
export interface TransportHandle {
  /** For logs: 'tcp', 'tcp+tls', ... */
  readonly name: string;
  readonly host: string;
  readonly port: number;
  /** Stops accepting, answers idle connections Disconnected (8) where the protocol allows, ends the rest when done. */
  shutdown(): Promise<void>;
}

/** What a listener is started with: the server's parts and the limits shared by all listeners. */
export interface ListenerEnv {
  readonly ctx: ServerContext;
  readonly dispatch: Dispatch;
  /** One budget for every listener: take a slot per accepted connection, release it on close. */
  readonly connections: ConnectionBudget;
  /** ms a connection gets on shutdown to finish in-flight requests and close before it is destroyed. */
  readonly shutdownGraceMs: number;
}

/** One entry of the listener registry. */
export interface Listener {
  /** Transport name, the key of its bound port in ServerRuntime.ports ('tcp', 'quic', 'http', 'websocket'). */
  readonly name: string;
  enabled(config: ServerConfig): boolean;
  start(env: ListenerEnv): Promise<TransportHandle>;
}
