// QUIC listener on @matrixai/quic (quiche), as Iggy 0.8 serves QUIC
// (TRANSPORTS.md): one session per connection, one request per
// client-opened bidirectional stream. The client writes one request frame
// and finishes its side; we read the header and payload, dispatch, write one
// response frame and finish ours.
//
// Requests of one connection are dispatched in the order their streams
// arrived, one at a time, as TCP pipelines them: a client may pipeline
// requests over streams without them overtaking each other. At most
// pending_requests_per_connection_max streams are read, dispatched or
// answered at once; later ones wait unread (QUIC flow control holds their
// bytes at the peer), which bounds a connection's memory. A client that
// leaves its replies unread thus stalls only itself.
//
// quiche requires ALPN and official Iggy clients send none, so the ALPN is
// configurable ([quic] alpn, default 'iggy') and shared with our SDK. Every
// event handler is guarded: a failed handshake, a bad packet or a client
// error may never take the server down.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import loggerModule from '@matrixai/logger';
import quic from '@matrixai/quic';
import type { QUICConnection, QUICStream } from '@matrixai/quic';
import { ERROR_CODE } from '../../errors/iggy_error.js';
import type { ServerConfig } from '../../config/config.js';
import { parseAddress } from '../../config/units.js';
import { PROTOCOL } from '../../limits.js';
import { log } from '../../log.js';
import { COMMAND } from '../../protocol/codes.js';
import { Transport } from '../../protocol/types.js';
import { formatAddress, openSession } from '../../server/clients.js';
import type { Reply, ServerContext, Session } from '../../server/context.js';
import type { Dispatch, DispatchResult } from '../../server/dispatch.js';
import { replySizeBytes } from '../../server/dispatch.js';
import type { ConnectionBudget } from '../connection_budget.js';
import { generateSelfSigned, readPemFile } from '../self_signed.js';
import type { Listener, TransportHandle } from '../transport.js';
import { readRequest } from './quic_request.js';

const { QUICServer, events } = quic;

export interface QuicServerOptions {
  host: string;
  port: number;
  cert: string;
  key: string;
  alpn: string;
  frameSizeBytesMax: number;
  maxConcurrentBidiStreams: number;
  /** ms; 0 = none. */
  keepAliveIntervalMs: number;
  /** ms; 0 = never. */
  maxIdleTimeoutMs: number;
  /** Flow-control windows (receive_window): how much a peer may send before we read it. */
  receiveWindowBytes: number;
  /** Streams of one connection read, dispatched or answered at once. */
  pendingRequestsMax: number;
  connections: ConnectionBudget;
  shutdownGraceMs: number;
}

/** Address-validation tokens are HMACs under a per-process key. */
const hmacOps = {
  sign: async (key: ArrayBuffer, data: ArrayBuffer): Promise<ArrayBuffer> => {
    const mac = createHmac('sha256', Buffer.from(key)).update(Buffer.from(data)).digest();
    return mac.buffer.slice(mac.byteOffset, mac.byteOffset + mac.byteLength);
  },
  verify: async (key: ArrayBuffer, data: ArrayBuffer, signature: ArrayBuffer): Promise<boolean> => {
    const mac = createHmac('sha256', Buffer.from(key)).update(Buffer.from(data)).digest();
    const given = Buffer.from(signature);
    return given.length === mac.length && timingSafeEqual(given, mac);
  },
};

/** The library logs every handshake at INFO on stdout; we log what matters ourselves. */
// The default import is the CommonJS exports object under Node and the class
// itself under Vite's interop; LogLevel.SILENT is 100 in both.
type LoggerClass = typeof loggerModule.default;
const Logger: LoggerClass = 'default' in loggerModule ? loggerModule.default : (loggerModule as unknown as LoggerClass);
const LOG_LEVEL_SILENT = 100;
const silentLogger = new Logger('quic', LOG_LEVEL_SILENT);

class QuicConnection {
  readonly session: Session;
  readonly closed: Promise<void>;
  /** Dispatch order: each request waits for the one whose stream arrived before it. */
  #order: Promise<unknown> = Promise.resolve();
  #inFlight = 0;
  #idleWaiters: Array<() => void> = [];
  /** Streams that arrived while pendingRequestsMax were in flight, in arrival order. */
  #slotWaiters: Array<() => void> = [];

  constructor(
    readonly connection: QUICConnection,
    readonly ctx: ServerContext,
    readonly dispatch: Dispatch,
    readonly options: QuicServerOptions,
  ) {
    this.session = openSession(ctx, Transport.Quic, formatAddress(connection.remoteHost, connection.remotePort));
    this.closed = connection.closedP.catch(() => undefined);
    connection.addEventListener(events.EventQUICConnectionStream.name, (event) => {
      const stream = (event as InstanceType<typeof events.EventQUICConnectionStream>).detail;
      void this.#serve(stream).catch((error: unknown) => {
        log.debug({ client: this.session.address, error: String(error) }, 'quic stream failed');
        this.#cancel(stream);
      });
    });
    connection.addEventListener(events.EventQUICConnectionError.name, (event) => {
      const error = (event as InstanceType<typeof events.EventQUICConnectionError>).detail;
      log.debug({ client: this.session.address, error: error?.message }, 'quic connection error');
    });
  }

  /** No request being read, dispatched or answered. */
  get idle(): boolean {
    return this.#inFlight === 0;
  }

  whenIdle(): Promise<void> {
    return this.idle ? Promise.resolve() : new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  async #serve(stream: QUICStream): Promise<void> {
    const slot = this.#acquireSlot();
    this.#inFlight++;
    try {
      const previous = this.#order;
      const result = (async (): Promise<DispatchResult> => {
        await slot;
        const read = await readRequest(stream, this.options.frameSizeBytesMax);
        await previous;
        if (typeof read === 'number') return read;
        // Iggy caps non-SendMessages payloads at 10 MB (BINARY.md §2.1).
        if (read.code !== COMMAND.SendMessages && read.payload.length > PROTOCOL.controlPayloadBytesMax) return ERROR_CODE.InvalidCommand;
        return this.#dispatch(read.code, read.payload);
      })();
      this.#order = result.catch(() => undefined);
      await writeReply(stream, await result);
    } finally {
      this.#inFlight--;
      this.#slotWaiters.shift()?.();
      if (this.#inFlight === 0) for (const wake of this.#idleWaiters.splice(0)) wake();
    }
  }

  /** Resolves once fewer than pendingRequestsMax requests are ahead; FIFO, so arrival order holds. */
  #acquireSlot(): Promise<void> {
    if (this.#inFlight < this.options.pendingRequestsMax) return Promise.resolve();
    return new Promise((resolve) => this.#slotWaiters.push(resolve));
  }

  async #dispatch(code: number, payload: Buffer): Promise<DispatchResult> {
    if (this.ctx.runtime.shuttingDown) return ERROR_CODE.Disconnected;
    try {
      return await this.dispatch(this.ctx, this.session, code, payload);
    } catch (error) {
      log.error({ error: String(error) }, 'dispatch threw');
      return ERROR_CODE.Error;
    }
  }

  #cancel(stream: QUICStream): void {
    try {
      stream.cancel(new Error('request failed'));
    } catch {
      // already closed
    }
  }
}

/** Response (BINARY.md §2.1): [status u32][length u32][payload], then FIN. */
async function writeReply(stream: QUICStream, result: DispatchResult): Promise<void> {
  const body: Reply = typeof result === 'number' ? new Uint8Array(0) : result;
  const header = Buffer.allocUnsafe(8);
  header.writeUInt32LE(typeof result === 'number' ? result : 0, 0);
  header.writeUInt32LE(replySizeBytes(body), 4);
  const writer = stream.writable.getWriter();
  await writer.write(header);
  for (const chunk of body instanceof Uint8Array ? [body] : body) if (chunk.length > 0) await writer.write(chunk);
  await writer.close();
}

function createServer(options: QuicServerOptions): InstanceType<typeof QUICServer> {
  const key = randomBytes(32);
  return new QUICServer({
    crypto: { key: key.buffer.slice(key.byteOffset, key.byteOffset + key.byteLength), ops: hmacOps },
    config: {
      cert: options.cert,
      key: options.key,
      verifyPeer: false,
      applicationProtos: [options.alpn],
      initialMaxStreamsBidi: options.maxConcurrentBidiStreams,
      maxIdleTimeout: options.maxIdleTimeoutMs,
      ...(options.keepAliveIntervalMs > 0 ? { keepAliveIntervalTime: options.keepAliveIntervalMs } : {}),
      initialMaxData: options.receiveWindowBytes,
      initialMaxStreamDataBidiRemote: options.receiveWindowBytes,
      initialMaxStreamDataBidiLocal: options.receiveWindowBytes,
    },
    logger: silentLogger,
  });
}

export async function startQuicServer(ctx: ServerContext, dispatch: Dispatch, options: QuicServerOptions): Promise<TransportHandle> {
  const connections = new Set<QuicConnection>();
  const server = createServer(options);
  server.addEventListener(events.EventQUICServerConnection.name, (event) => {
    const connection = (event as InstanceType<typeof events.EventQUICServerConnection>).detail;
    try {
      accept(connection, ctx, dispatch, options, connections);
    } catch (error) {
      log.warn({ error: String(error) }, 'quic connection setup failed');
    }
  });
  // The library rethrows internal errors as uncaught exceptions unless handled here.
  server.addEventListener(events.EventQUICServerError.name, (event) => {
    const error = (event as InstanceType<typeof events.EventQUICServerError>).detail;
    log.warn({ error: error?.message }, 'quic server error');
    event.preventDefault?.();
  });
  await server.start({ host: options.host, port: options.port });
  return {
    name: 'quic',
    host: options.host,
    port: server.port,
    async shutdown(): Promise<void> {
      // Requests arriving now are answered Disconnected (ctx.runtime.shuttingDown); in-flight ones finish.
      const grace = new Promise<void>((resolve) => setTimeout(resolve, options.shutdownGraceMs).unref());
      await Promise.race([Promise.all([...connections].map((c) => c.whenIdle())), grace]);
      await server.stop({ isApp: true, errorCode: ERROR_CODE.Disconnected, force: true }).catch((error: unknown) => {
        log.warn({ error: String(error) }, 'quic server stop failed');
      });
    },
  };
}

function accept(connection: QUICConnection, ctx: ServerContext, dispatch: Dispatch, options: QuicServerOptions, connections: Set<QuicConnection>): void {
  if (ctx.runtime.shuttingDown || !options.connections.tryAcquire()) {
    log.warn({ connections: options.connections.connectionsCount }, 'quic connection refused (limit reached or shutting down)');
    void connection.stop({ isApp: true, errorCode: ERROR_CODE.Disconnected, force: true }).catch(() => undefined);
    return;
  }
  const served = new QuicConnection(connection, ctx, dispatch, options);
  connections.add(served);
  void served.closed.then(() => {
    connections.delete(served);
    options.connections.release();
    ctx.clients.remove(served.session);
  });
}

function certificate(config: ServerConfig['quic']): { cert: string; key: string } {
  const { self_signed, cert_file, key_file } = config.certificate;
  // As Iggy 0.8: self_signed generates a certificate for localhost in memory; otherwise the files are read.
  if (self_signed) return generateSelfSigned();
  return { cert: readPemFile(cert_file, 'quic.certificate.cert_file'), key: readPemFile(key_file, 'quic.certificate.key_file') };
}

const usToMs = (us: number): number => (Number.isFinite(us) ? Math.round(us / 1000) : 0);

/** quic.* and limits.* of the config as listener options. */
export function quicServerOptions(config: ServerConfig, connections: ConnectionBudget, shutdownGraceMs: number): QuicServerOptions {
  const address = parseAddress(config.quic.address);
  if (address === null) throw new Error(`quic.address ${config.quic.address} is not host:port`);
  return {
    host: address.host,
    port: address.port,
    ...certificate(config.quic),
    alpn: config.quic.alpn,
    frameSizeBytesMax: config.limits.frame_size_max,
    maxConcurrentBidiStreams: config.quic.max_concurrent_bidi_streams,
    keepAliveIntervalMs: usToMs(config.quic.keep_alive_interval),
    maxIdleTimeoutMs: usToMs(config.quic.max_idle_timeout),
    receiveWindowBytes: Math.min(config.quic.receive_window, 2 ** 32),
    pendingRequestsMax: config.limits.pending_requests_per_connection_max,
    connections,
    shutdownGraceMs,
  };
}

export const quicListener: Listener = {
  name: 'quic',
  enabled: (config) => config.quic.enabled,
  start: ({ ctx, dispatch, connections, shutdownGraceMs }) => startQuicServer(ctx, dispatch, quicServerOptions(ctx.config, connections, shutdownGraceMs)),
};
