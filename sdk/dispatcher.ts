// The one seam between IggyClient and the wire: `call(command, request)`
// resolves with the command's decoded response. The client only ever sees
// commands and domain values (the codec modules of src/protocol/commands name
// each command by code and name and define its request and response types), so
// the binary Connection (frames over a Transport: TCP today, QUIC or WebSocket
// later) and an HTTP dispatcher (a REST route and JSON per command, its login
// token held inside it) plug in behind the same client. Browser-safe.
import type { CommandCodec } from '../src/protocol/codec.js';
import type { Listener } from './emitter.js';

/**
 * A command as the client sends it: its codec from src/protocol/commands. A
 * binary dispatcher encodes `request` with it and decodes the reply; another
 * dispatcher keys its own mapping on `code`/`name` and returns the same
 * domain value, so the types of every call stay those of the codec.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Command<Request, Response> = CommandCodec<Request, any, any, Response>;

/** The old name of Command, kept for existing callers. */
export type ClientCodec<Request, Response> = Command<Request, Response>;

export type DispatcherState = 'connecting' | 'ready' | 'reconnecting' | 'closing' | 'closed';

export interface DispatcherEvents extends Record<string, unknown> {
  /** The connection dropped; in-flight calls were rejected with Disconnected (8). */
  disconnect: Error;
  /** A new connection is up and the session (re-login, re-joins) is redone. */
  reconnect: { attempts: number };
  /** Reconnecting gave up, or the session was refused: the dispatcher is closed. */
  error: Error;
  close: undefined;
}

export interface RequestOptions {
  /** Overrides the client's request timeout; counts from the call, including time queued. */
  timeoutMs?: number;
  /**
   * When the connection drops before the response, send the request again
   * after the reconnect, ahead of everything queued since, so the order of
   * such requests is kept (producers: at least once). Default false: reject
   * with Disconnected (8).
   */
  resendOnReconnect?: boolean;
}

/** Sends a command ahead of the queue: only valid inside a session hook. */
export type SessionCall = <Request, Response>(command: Command<Request, Response>, request: Request) => Promise<Response>;

/**
 * Work that makes a fresh connection usable (log in, re-join consumer groups).
 * The dispatcher runs it after every (re)connect, before queued calls go out,
 * and hands it a `call` that goes ahead of the queue.
 */
export type Session = (call: SessionCall) => Promise<void>;

export interface Dispatcher {
  /** 'tcp', 'tcp+tls', 'quic', 'ws', 'http'; for logs and `client.transportName`. */
  readonly transportName: string;
  readonly state: DispatcherState;
  /** True when nothing is queued or in flight (the client's heartbeat pings only then). */
  readonly idle: boolean;
  /** Returns an unsubscribe function. */
  on<K extends keyof DispatcherEvents>(event: K, listener: Listener<DispatcherEvents[K]>): () => void;
  /** Set before `open()`; runs on every (re)connect. */
  setSession(session: Session | null): void;
  /** Connects and runs the session; the first connect fails fast (no retry). */
  open(): Promise<void>;
  /**
   * Sends one command and resolves with its decoded response, or rejects
   * with an IggyError carrying the server's code (or Disconnected 8,
   * TaskTimeout 12001, ClientShutdown 63 from the dispatcher itself).
   */
  call<Request, Response>(command: Command<Request, Response>, request: Request, options?: RequestOptions): Promise<Response>;
  /** Waits for queued and in-flight calls to settle, then closes; later calls fail with ClientShutdown (63). */
  close(): Promise<void>;
}
