// TCP and TCP+TLS listener (BINARY.md §2.2): bytes in -> dispatch -> bytes out.
// No domain logic lives here.
//
// Per connection, requests form one in-order pipeline: a request is
// dispatched only after the previous reply was written, so replies leave in
// request order. Backpressure (STYLE.md §5):
//   * reading pauses once `pending_requests_per_connection_max` requests are
//     buffered, or `pending_response_bytes_per_connection_max` bytes wait in
//     the socket's write queue, and resumes as they drain;
//   * a `false` from socket.write() stops dispatching until 'drain'.
// A slow reader therefore stalls only itself. Every frame's declared payload
// is read in full before it is dispatched (SendMessages included), so the
// stream stays in sync after any error reply. Replies are written as an
// 8-byte header plus the handler's chunks inside cork()/uncork(): one header
// allocation per reply, payload chunks never concatenated.
import net from 'node:net';
import tls from 'node:tls';
import { readFileSync } from 'node:fs';
import { ERROR_CODE } from '../../errors/iggy_error.js';
import { PROTOCOL } from '../../limits.js';
import { log } from '../../log.js';
import { COMMAND } from '../../protocol/codes.js';
import { Transport } from '../../protocol/types.js';
import { formatAddress, openSession } from '../../server/clients.js';
import type { Reply, ServerContext, Session } from '../../server/context.js';
import type { Dispatch, DispatchResult } from '../../server/dispatch.js';
import { replySizeBytes } from '../../server/dispatch.js';
import type { TransportHandle } from '../transport.js';
import { FrameTooLargeError, RequestFrameReader, type RequestSink } from './frame_reader.js';

export interface TcpServerOptions {
  host: string;
  port: number;
  /** PEM file paths; when set the listener speaks TLS. */
  tls?: { certFile: string; keyFile: string } | null;
  frameSizeBytesMax: number;
  connectionsMax: number;
  pendingRequestsMax: number;
  pendingResponseBytesMax: number;
  socket?: { overrideDefaults: boolean; nodelay: boolean; keepalive: boolean };
  /** ms a connection gets to finish its in-flight requests on shutdown before it is destroyed. */
  shutdownGraceMs?: number;
}

type Pending = { code: number; payload: Buffer } | { status: number; close: boolean };

class Connection implements RequestSink {
  readonly session: Session;
  readonly #socket: net.Socket;
  readonly #ctx: ServerContext;
  readonly #dispatch: Dispatch;
  readonly #options: TcpServerOptions;
  readonly #reader: RequestFrameReader;
  readonly #queue: Pending[] = [];
  /** A dispatched request whose reply has not been written yet. */
  #busy = false;
  #waitingDrain = false;
  #readingPaused = false;
  /** No more requests are read (fatal frame error or shutdown). */
  #stopped = false;
  #shuttingDown = false;
  #closed = false;
  readonly closed: Promise<void>;

  constructor(socket: net.Socket, ctx: ServerContext, dispatch: Dispatch, options: TcpServerOptions, session: Session) {
    this.#socket = socket;
    this.#ctx = ctx;
    this.#dispatch = dispatch;
    this.#options = options;
    this.session = session;
    this.#reader = new RequestFrameReader(this, options.frameSizeBytesMax);
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('drain', () => {
      this.#waitingDrain = false;
      this.#pump();
    });
    socket.on('error', (error) => log.debug({ client: session.address, error: error.message }, 'connection error'));
    socket.on('close', () => {
      this.#closed = true;
      this.#queue.length = 0;
      ctx.clients.remove(session);
    });
  }

  get idle(): boolean {
    return !this.#busy && this.#queue.length === 0;
  }

  #onData(chunk: Buffer): void {
    if (this.#stopped) return;
    // Replies produced synchronously for the frames of one chunk (pipelined
    // pings, decode errors) leave in one write instead of one each.
    this.#socket.cork();
    try {
      this.#reader.push(chunk);
    } catch (error) {
      if (!(error instanceof FrameTooLargeError)) throw error;
      // The payload was not read, so nothing after it can be framed: answer in order, then close.
      this.#stopped = true;
      this.#queue.push({ status: ERROR_CODE.InvalidCommand, close: true });
      this.#pump();
    } finally {
      this.#socket.uncork();
    }
  }

  onRequest(code: number, payload: Buffer): void {
    // Iggy caps non-SendMessages payloads at 10 MiB; the payload was read in full, so the stream stays in sync.
    if (code !== COMMAND.SendMessages && payload.length > PROTOCOL.controlPayloadBytesMax) {
      this.#queue.push({ status: ERROR_CODE.InvalidCommand, close: false });
    } else {
      this.#queue.push({ code, payload });
    }
    this.#pump();
  }

  onMalformed(status: number): void {
    this.#queue.push({ status, close: false });
    this.#pump();
  }

  #pump(): void {
    while (!this.#busy && !this.#waitingDrain && !this.#closed && this.#queue.length > 0) {
      const item = this.#queue.shift()!;
      if ('status' in item) {
        this.#writeError(item.status);
        if (item.close) this.#end();
        continue;
      }
      let result: DispatchResult | Promise<DispatchResult>;
      try {
        result = this.#dispatch(this.#ctx, this.session, item.code, item.payload);
      } catch (error) {
        // dispatch catches everything it can; reaching here is a bug in dispatch itself.
        log.error({ error: String(error) }, 'dispatch threw');
        result = ERROR_CODE.Error;
      }
      if (result instanceof Promise) {
        this.#busy = true;
        result.then(
          (reply) => this.#afterDispatch(reply),
          (error: unknown) => {
            log.error({ error: String(error) }, 'dispatch rejected');
            this.#afterDispatch(ERROR_CODE.Error);
          },
        );
        break;
      }
      this.#writeResult(result);
    }
    this.#updateReading();
    if (this.#shuttingDown && this.idle && !this.#closed) this.#sayDisconnected();
  }

  #afterDispatch(result: DispatchResult): void {
    this.#busy = false;
    if (this.#closed) return;
    this.#writeResult(result);
    this.#pump();
  }

  #writeResult(result: DispatchResult): void {
    if (typeof result === 'number') this.#writeError(result);
    else this.#writeOk(result);
    if (this.session.closeAfterReply) this.#end();
  }

  #writeError(status: number): void {
    const header = Buffer.allocUnsafe(8);
    header.writeUInt32LE(status, 0);
    header.writeUInt32LE(0, 4);
    if (!this.#socket.write(header)) this.#waitingDrain = true;
  }

  #writeOk(reply: Reply): void {
    const header = Buffer.allocUnsafe(8);
    header.writeUInt32LE(0, 0);
    header.writeUInt32LE(replySizeBytes(reply), 4);
    const socket = this.#socket;
    let ok: boolean;
    if (reply instanceof Uint8Array) {
      socket.cork();
      ok = socket.write(header);
      if (reply.length > 0) ok = socket.write(reply);
      socket.uncork();
    } else {
      socket.cork();
      ok = socket.write(header);
      for (const chunk of reply) if (chunk.length > 0) ok = socket.write(chunk);
      socket.uncork();
    }
    if (!ok) this.#waitingDrain = true;
  }

  /** Pauses reading while too much is pending; resumes once it drained. */
  #updateReading(): void {
    if (this.#stopped || this.#closed) return;
    const pending = this.#queue.length + (this.#busy ? 1 : 0);
    // Never below the socket's high-water mark: only above it does write() return
    // false and a 'drain' follow to resume reading.
    const bytesMax = Math.max(this.#options.pendingResponseBytesMax, this.#socket.writableHighWaterMark);
    const full = pending >= this.#options.pendingRequestsMax || this.#socket.writableLength >= bytesMax;
    if (full && !this.#readingPaused) {
      this.#readingPaused = true;
      this.#reader.pause();
      this.#socket.pause();
    } else if (!full && this.#readingPaused) {
      this.#readingPaused = false;
      this.#socket.resume();
      try {
        this.#reader.resume(); // may hand out buffered frames, re-entering #pump
      } catch (error) {
        if (!(error instanceof FrameTooLargeError)) throw error;
        this.#stopped = true;
        this.#queue.push({ status: ERROR_CODE.InvalidCommand, close: true });
        this.#pump();
      }
    }
  }

  #end(): void {
    this.#stopped = true;
    this.#queue.length = 0;
    this.#socket.end();
    // Keep reading (and dropping, as #onData does once stopped) so the peer's
    // FIN is seen and 'close' fires; a paused socket would sit half-closed
    // until the shutdown grace period destroys it.
    this.#socket.resume();
  }

  #sayDisconnected(): void {
    this.#writeError(ERROR_CODE.Disconnected);
    this.#end();
  }

  /** Graceful shutdown: no more reading; idle now -> Disconnected (8), else after the pipeline drains. */
  shutdown(): void {
    if (this.#closed || this.#shuttingDown) return;
    this.#shuttingDown = true;
    this.#stopped = true;
    this.#socket.pause();
    if (this.idle) this.#sayDisconnected();
  }

  destroy(): void {
    this.#socket.destroy();
  }
}

function readPem(file: string, key: string): Buffer {
  try {
    return readFileSync(file);
  } catch (cause) {
    throw new Error(`${key} = "${file}" cannot be read: ${(cause as Error).message}`, { cause });
  }
}

export type { TransportHandle };

export async function startTcpServer(ctx: ServerContext, dispatch: Dispatch, options: TcpServerOptions): Promise<TransportHandle> {
  const connections = new Set<Connection>();
  const onSocket = (socket: net.Socket): void => {
    const host = socket.remoteAddress;
    const port = socket.remotePort;
    if (host === undefined || port === undefined || ctx.runtime.shuttingDown || connections.size >= options.connectionsMax) {
      // Counted here, not in the client registry: the registry drops stale
      // sessions and merges ids that hash alike while their sockets stay open.
      if (host !== undefined) log.warn({ host, connections: connections.size }, 'connection refused (limit reached or shutting down)');
      socket.destroy();
      return;
    }
    if (options.socket?.overrideDefaults) {
      socket.setNoDelay(options.socket.nodelay);
      socket.setKeepAlive(options.socket.keepalive);
    } else {
      // Replies are written whole under cork(); Nagle would only delay them.
      socket.setNoDelay(true);
    }
    const session = openSession(ctx, Transport.Tcp, formatAddress(host, port));
    const connection = new Connection(socket, ctx, dispatch, options, session);
    connections.add(connection);
    void connection.closed.then(() => connections.delete(connection));
  };

  let server: net.Server;
  if (options.tls) {
    const cert = readPem(options.tls.certFile, 'tcp.tls.cert_file');
    const key = readPem(options.tls.keyFile, 'tcp.tls.key_file');
    server = tls.createServer({ cert, key }, onSocket);
    server.on('tlsClientError', (error) => log.debug({ error: error.message }, 'TLS handshake failed'));
  } else {
    server = net.createServer(onSocket);
  }
  server.on('error', (error) => log.error({ error: error.message }, 'TCP listener error'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: options.host, port: options.port }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = server.address() as net.AddressInfo;
  const name = options.tls ? 'tcp+tls' : 'tcp';
  return {
    name,
    host: bound.address,
    port: bound.port,
    async shutdown(): Promise<void> {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const connection of connections) connection.shutdown();
      const grace = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), options.shutdownGraceMs ?? 2000).unref());
      const all = Promise.all([...connections].map((c) => c.closed));
      if ((await Promise.race([all, grace])) === 'timeout') for (const connection of connections) connection.destroy();
      await stopped;
    },
  };
}
