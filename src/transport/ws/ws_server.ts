// WebSocket listener on uWebSockets.js (BINARY.md §2.4, TRANSPORTS.md): the
// binary messages of a connection are one byte stream, so a connection is a
// BinarySession fed with every binary message (a frame may span messages, a
// message may hold several frames) and each reply leaves as one binary
// message. Text messages are ignored and Ping is answered with Pong by uWS, as
// Iggy 0.8 does; Close ends the session, which leaves its consumer groups
// through ctx.clients.remove like TCP.
//
// Backpressure: uWS cannot pause reading a WebSocket, so the session's pause()
// only marks it; bytes that keep arriving while paused are buffered up to one
// message plus one frame, past that the peer is cut off (1008). Writes return
// false once write_buffer_size bytes wait, and the session resumes on `drain`
// when they fell below it, so a slow reader stalls only itself.
import uWS, { type TemplatedApp, type WebSocket, type us_listen_socket } from '@trufflesuite/uws-js-unofficial';
import type { ServerConfig } from '../../config/config.js';
import { parseAddress } from '../../config/units.js';
import { log } from '../../log.js';
import { Transport } from '../../protocol/types.js';
import { formatAddress, openSession } from '../../server/clients.js';
import type { Reply, ServerContext } from '../../server/context.js';
import type { Dispatch } from '../../server/dispatch.js';
import { BinarySession, type ByteSink } from '../binary_session.js';
import type { ConnectionBudget } from '../connection_budget.js';
import { ensureCertificate, readPemFile } from '../self_signed.js';
import type { Listener, TransportHandle } from '../transport.js';

export interface WsServerOptions {
  host: string;
  port: number;
  /** PEM files; when set the listener speaks WSS. */
  tls: { certFile: string; keyFile: string } | null;
  /** Bounds one incoming message (uWS maxPayloadLength). */
  messageSizeBytesMax: number;
  /** Bounds a request frame's length field. */
  frameSizeBytesMax: number;
  /** Bytes waiting to be sent at which the session stops dispatching. */
  writeBufferBytes: number;
  /** Bytes waiting past which the connection is closed (max_write_buffer_size). Infinity = never. */
  writeBufferBytesMax: number;
  connections: ConnectionBudget;
  pendingRequestsMax: number;
  shutdownGraceMs: number;
}

/** Set on open; null until then and for refused connections. */
interface UserData {
  connection: Connection | null;
}

type Socket = WebSocket<UserData>;

/** A uWS WebSocket as a BinarySession's sink. */
class WsSink implements ByteSink {
  readonly #ws: Socket;
  readonly #options: WsServerOptions;
  /** uWS forbids touching a closed socket. */
  closed = false;
  paused = false;
  /** Bytes pushed to the session while paused: what the read limit bounds. */
  bytesWhilePaused = 0;

  constructor(ws: Socket, options: WsServerOptions) {
    this.#ws = ws;
    this.#options = options;
  }

  write(header: Uint8Array, body: Reply): boolean {
    if (this.closed) return true;
    const chunks = (body instanceof Uint8Array ? [body] : [...body]).filter((chunk) => chunk.length > 0);
    this.#ws.cork(() => {
      if (chunks.length === 0) {
        this.#ws.send(header, true);
        return;
      }
      // One message in fragments: header and payload chunks are never concatenated.
      this.#ws.sendFirstFragment(header, true);
      for (let i = 0; i < chunks.length - 1; i++) this.#ws.sendFragment(chunks[i]!);
      this.#ws.sendLastFragment(chunks[chunks.length - 1]!);
    });
    const queuedBytes = this.queuedBytes;
    if (queuedBytes > this.#options.writeBufferBytesMax) {
      // Past max_write_buffer_size tungstenite fails the connection; so do we.
      log.warn({ bufferedBytes: queuedBytes }, 'websocket write buffer limit exceeded; closing');
      this.closed = true;
      this.#ws.end(1008, 'write buffer full');
      return true;
    }
    return queuedBytes < this.#options.writeBufferBytes;
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.bytesWhilePaused = 0;
  }

  end(): void {
    if (this.closed) return;
    this.closed = true;
    this.#ws.end(1000);
  }

  get queuedBytes(): number {
    return this.closed ? 0 : this.#ws.getBufferedAmount();
  }

  /** Only after pause(): a peer that keeps sending without reading replies may not grow memory without bound. */
  readAllowed(bytes: number): boolean {
    if (!this.paused) return true;
    this.bytesWhilePaused += bytes;
    return this.bytesWhilePaused <= this.#options.messageSizeBytesMax + this.#options.frameSizeBytesMax;
  }
}

class Connection {
  readonly binary: BinarySession;
  readonly sink: WsSink;
  readonly ws: Socket;
  readonly closed: Promise<void>;
  #resolveClosed!: () => void;

  constructor(ws: Socket, ctx: ServerContext, dispatch: Dispatch, address: string, options: WsServerOptions) {
    this.ws = ws;
    this.sink = new WsSink(ws, options);
    const session = openSession(ctx, Transport.WebSocket, address);
    this.binary = new BinarySession(ctx, dispatch, session, this.sink, {
      frameSizeBytesMax: options.frameSizeBytesMax,
      pendingRequestsMax: options.pendingRequestsMax,
      pendingResponseBytesMax: options.writeBufferBytes,
    });
    this.closed = new Promise((resolve) => (this.#resolveClosed = resolve));
  }

  onMessage(message: ArrayBuffer): void {
    if (this.sink.closed) return;
    if (!this.sink.readAllowed(message.byteLength)) {
      log.warn({ client: this.binary.session.address }, 'websocket client sends without reading replies; closing');
      this.sink.closed = true;
      this.ws.end(1008, 'too many pending requests');
      return;
    }
    // uWS neuters the ArrayBuffer when the callback returns: copied once, to where the session reads.
    this.binary.push(new Uint8Array(message));
  }

  onDrain(options: WsServerOptions): void {
    if (!this.sink.closed && this.sink.queuedBytes < options.writeBufferBytes) this.binary.drained();
  }

  onClose(ctx: ServerContext): void {
    this.sink.closed = true;
    this.binary.closed();
    ctx.clients.remove(this.binary.session);
    this.#resolveClosed();
  }
}

/** uWS gives the peer's IP but not its port: a process-wide sequence number stands in so client ids stay distinct. */
let connectionSeq = 0;

function remoteAddress(ws: Socket): string {
  const ip = Buffer.from(ws.getRemoteAddressAsText()).toString('utf8');
  connectionSeq = (connectionSeq % 65_535) + 1;
  return formatAddress(ip, connectionSeq);
}

function createApp(options: WsServerOptions): TemplatedApp {
  if (options.tls === null) return uWS.App();
  return uWS.SSLApp({ cert_file_name: options.tls.certFile, key_file_name: options.tls.keyFile });
}

function listen(app: TemplatedApp, host: string, port: number): Promise<us_listen_socket> {
  return new Promise((resolve, reject) => {
    app.listen(host, port, (socket) => (socket === false ? reject(new Error(`websocket: cannot listen on ${host}:${port}`)) : resolve(socket)));
  });
}

function behavior(ctx: ServerContext, dispatch: Dispatch, options: WsServerOptions, connections: Set<Connection>): uWS.WebSocketBehavior<UserData> {
  return {
    maxPayloadLength: options.messageSizeBytesMax,
    // 0 = uWS never drops a send (a dropped fragment would corrupt the reply
    // stream); WsSink bounds the buffer itself, normally at one reply beyond write_buffer_size.
    maxBackpressure: 0,
    closeOnBackpressureLimit: 0,
    idleTimeout: 0, // Iggy closes idle clients only through the heartbeat, not the transport
    sendPingsAutomatically: false,
    upgrade: (res, req, context) => {
      res.upgrade<UserData>(
        { connection: null },
        req.getHeader('sec-websocket-key'),
        req.getHeader('sec-websocket-protocol'),
        req.getHeader('sec-websocket-extensions'),
        context,
      );
    },
    open: (ws) => {
      if (ctx.runtime.shuttingDown || !options.connections.tryAcquire()) {
        log.warn({ connections: options.connections.connectionsCount }, 'websocket connection refused (limit reached or shutting down)');
        ws.end(1013, 'try again later');
        return;
      }
      const connection = new Connection(ws, ctx, dispatch, remoteAddress(ws), options);
      ws.getUserData().connection = connection;
      connections.add(connection);
    },
    message: (ws, message, isBinary) => {
      if (isBinary) ws.getUserData().connection?.onMessage(message);
    },
    drain: (ws) => ws.getUserData().connection?.onDrain(options),
    close: (ws) => {
      const connection = ws.getUserData().connection;
      if (connection === null) return;
      connection.onClose(ctx);
      connections.delete(connection);
      options.connections.release();
    },
  };
}

export async function startWsServer(ctx: ServerContext, dispatch: Dispatch, options: WsServerOptions): Promise<TransportHandle> {
  const connections = new Set<Connection>();
  const app = createApp(options);
  app.ws<UserData>('/*', behavior(ctx, dispatch, options, connections));
  const socket = await listen(app, options.host, options.port);
  const port = uWS.us_socket_local_port(socket as never);
  return {
    name: options.tls ? 'websocket+tls' : 'websocket',
    host: options.host,
    port,
    async shutdown(): Promise<void> {
      uWS.us_listen_socket_close(socket);
      for (const connection of connections) connection.binary.shutdown();
      const grace = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), options.shutdownGraceMs).unref());
      const all = Promise.all([...connections].map((c) => c.closed));
      if ((await Promise.race([all, grace])) === 'timeout') {
        for (const connection of connections) if (!connection.sink.closed) connection.ws.close();
      }
      (app as { close?: () => void }).close?.();
    },
  };
}

/**
 * [websocket.tls] as PEM paths, null for plain ws://. As Iggy 0.8, a
 * self-signed certificate is generated only when cert_file does not exist
 * (empty paths: websocket_cert.pem / websocket_key.pem in the data dir).
 */
export function wssCertificate(config: ServerConfig): WsServerOptions['tls'] {
  const tls = config.websocket.tls;
  if (!tls.enabled) return null;
  const files = ensureCertificate({
    certFile: tls.cert_file,
    keyFile: tls.key_file,
    selfSigned: tls.self_signed,
    dir: config.system.path,
    name: 'websocket',
    key: 'websocket.tls',
  });
  // uWS reports an unreadable file only as a failed listen; name the key instead.
  readPemFile(files.certFile, 'websocket.tls.cert_file');
  readPemFile(files.keyFile, 'websocket.tls.key_file');
  return files;
}

/** websocket.* and limits.* of the config as listener options; tls holds the resolved PEM paths. */
export function wsServerOptions(
  config: ServerConfig,
  connections: ConnectionBudget,
  shutdownGraceMs: number,
  tls: WsServerOptions['tls'],
): WsServerOptions {
  const ws = config.websocket;
  const address = parseAddress(ws.address);
  if (address === null) throw new Error(`websocket.address ${ws.address} is not host:port`);
  if (ws.accept_unmasked_frames) log.warn('websocket.accept_unmasked_frames = true is not supported by uWebSockets.js; unmasked frames are refused');
  return {
    host: address.host,
    port: address.port,
    tls,
    // uWS bounds whole messages only and has no per-frame limit: max_frame_size
    // (never above the message limit in practice) is accepted but not enforced apart.
    messageSizeBytesMax: Math.min(ws.max_message_size, 0xffff_ffff),
    frameSizeBytesMax: config.limits.frame_size_max,
    writeBufferBytes: Math.max(ws.write_buffer_size, config.limits.pending_response_bytes_per_connection_max),
    writeBufferBytesMax: ws.max_write_buffer_size,
    connections,
    pendingRequestsMax: config.limits.pending_requests_per_connection_max,
    shutdownGraceMs,
  };
}

export const wsListener: Listener = {
  name: 'websocket',
  enabled: (config) => config.websocket.enabled,
  start: async ({ ctx, dispatch, connections, shutdownGraceMs }) =>
    startWsServer(ctx, dispatch, wsServerOptions(ctx.config, connections, shutdownGraceMs, wssCertificate(ctx.config))),
};
