// TCP and TCP+TLS listener (BINARY.md §2.2): a socket is a byte stream, so a
// connection is a BinarySession over the socket. This file only accepts,
// applies socket options and the shared connection budget, and adapts
// net.Socket to a ByteSink; framing, ordering, backpressure and the shutdown
// reply live in ../binary_session.ts.
import net from 'node:net';
import tls from 'node:tls';
import { readFileSync } from 'node:fs';
import type { ServerConfig } from '../../config/config.js';
import { parseAddress } from '../../config/units.js';
import { log } from '../../log.js';
import { Transport } from '../../protocol/types.js';
import { formatAddress, openSession } from '../../server/clients.js';
import type { Reply, ServerContext } from '../../server/context.js';
import type { Dispatch } from '../../server/dispatch.js';
import { BinarySession, type BinarySessionLimits, type ByteSink } from '../binary_session.js';
import type { ConnectionBudget } from '../connection_budget.js';
import type { Listener, TransportHandle } from '../transport.js';
import { readIntoUserBuffers } from './user_buffer.js';

export interface TcpServerOptions {
  host: string;
  port: number;
  /** PEM file paths; when set the listener speaks TLS. */
  tls?: { certFile: string; keyFile: string } | null;
  frameSizeBytesMax: number;
  /** Shared with the other listeners; one slot per open connection. */
  connections: ConnectionBudget;
  pendingRequestsMax: number;
  pendingResponseBytesMax: number;
  socket?: { overrideDefaults: boolean; nodelay: boolean; keepalive: boolean };
  /** ms a connection gets to finish its in-flight requests on shutdown before it is destroyed. */
  shutdownGraceMs?: number;
}

/** net.Socket as a BinarySession's sink. */
class SocketSink implements ByteSink {
  readonly #socket: net.Socket;

  constructor(socket: net.Socket) {
    this.#socket = socket;
  }

  write(header: Uint8Array, body: Reply, onSent?: () => void): boolean {
    const socket = this.#socket;
    // Header and payload chunks leave in one write, never concatenated.
    const chunks = body instanceof Uint8Array ? [header, body] : [header, ...body];
    let last = chunks.length - 1;
    while (last > 0 && chunks[last]!.length === 0) last -= 1;
    // Write callbacks run in order: the last chunk's means every chunk was handed to the kernel.
    const sent = onSent === undefined ? undefined : (error?: Error | null): void => void (error == null && onSent());
    socket.cork();
    let ok = true;
    for (let i = 0; i <= last; i += 1) if (chunks[i]!.length > 0) ok = socket.write(chunks[i]!, i === last ? sent : undefined);
    socket.uncork();
    return ok;
  }

  pause(): void {
    this.#socket.pause();
  }

  resume(): void {
    this.#socket.resume();
  }

  end(): void {
    this.#socket.end();
    // Keep reading (the session drops what arrives once it stopped) so the
    // peer's FIN is seen and 'close' fires; a paused socket would sit
    // half-closed until the shutdown grace period destroys it.
    this.#socket.resume();
  }

  get queuedBytes(): number {
    return this.#socket.writableLength;
  }
}

interface Connection {
  readonly binary: BinarySession;
  readonly socket: net.Socket;
  readonly closed: Promise<void>;
}

function sessionLimits(socket: net.Socket, options: TcpServerOptions): BinarySessionLimits {
  return {
    frameSizeBytesMax: options.frameSizeBytesMax,
    pendingRequestsMax: options.pendingRequestsMax,
    // Never below the socket's high-water mark: only above it does write()
    // return false and a 'drain' follow to resume reading.
    pendingResponseBytesMax: Math.max(options.pendingResponseBytesMax, socket.writableHighWaterMark),
  };
}

function openConnection(socket: net.Socket, address: string, ctx: ServerContext, dispatch: Dispatch, options: TcpServerOptions): Connection {
  const session = openSession(ctx, Transport.Tcp, address);
  const binary = new BinarySession(ctx, dispatch, session, new SocketSink(socket), sessionLimits(socket, options));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  // Replies produced synchronously for the frames of one read (pipelined
  // pings, decode errors) leave in one write instead of one each.
  const corked = (read: () => void): void => {
    socket.cork();
    try {
      read();
    } finally {
      socket.uncork();
    }
  };
  // Bytes land where the session asks (frame_reader.ts); TLS sockets get 'data' chunks, copied in once.
  const intoBuffers = readIntoUserBuffers(socket, () => binary.readBuffer(), (bytes) => corked(() => binary.received(bytes)));
  if (!intoBuffers) socket.on('data', (chunk: Buffer) => corked(() => binary.push(chunk)));
  socket.resume(); // accepted paused (pauseOnConnect), so no byte arrived before the choice
  socket.on('drain', () => binary.drained());
  socket.on('error', (error) => log.debug({ client: address, error: error.message }, 'connection error'));
  socket.on('close', () => {
    binary.closed();
    ctx.clients.remove(session);
  });
  return { binary, socket, closed };
}

function applySocketOptions(socket: net.Socket, options: TcpServerOptions): void {
  if (options.socket?.overrideDefaults) {
    socket.setNoDelay(options.socket.nodelay);
    socket.setKeepAlive(options.socket.keepalive);
  } else {
    // Replies are written whole under cork(); Nagle would only delay them.
    socket.setNoDelay(true);
  }
}

function readPem(file: string, key: string): Buffer {
  try {
    return readFileSync(file);
  } catch (cause) {
    throw new Error(`${key} = "${file}" cannot be read: ${(cause as Error).message}`, { cause });
  }
}

function createListener(options: TcpServerOptions, onSocket: (socket: net.Socket) => void): net.Server {
  if (!options.tls) return net.createServer({ pauseOnConnect: true }, onSocket);
  const cert = readPem(options.tls.certFile, 'tcp.tls.cert_file');
  const key = readPem(options.tls.keyFile, 'tcp.tls.key_file');
  const server = tls.createServer({ cert, key }, onSocket);
  server.on('tlsClientError', (error) => log.debug({ error: error.message }, 'TLS handshake failed'));
  return server;
}

function listen(server: net.Server, host: string, port: number): Promise<net.AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port }, () => {
      server.off('error', reject);
      resolve(server.address() as net.AddressInfo);
    });
  });
}

export async function startTcpServer(ctx: ServerContext, dispatch: Dispatch, options: TcpServerOptions): Promise<TransportHandle> {
  const connections = new Set<Connection>();
  const budget = options.connections;
  const onSocket = (socket: net.Socket): void => {
    const host = socket.remoteAddress;
    const port = socket.remotePort;
    if (host === undefined || port === undefined || ctx.runtime.shuttingDown || !budget.tryAcquire()) {
      if (host !== undefined) log.warn({ host, connections: budget.connectionsCount }, 'connection refused (limit reached or shutting down)');
      socket.destroy();
      return;
    }
    applySocketOptions(socket, options);
    const connection = openConnection(socket, formatAddress(host, port), ctx, dispatch, options);
    connections.add(connection);
    void connection.closed.then(() => {
      connections.delete(connection);
      budget.release();
    });
  };

  const server = createListener(options, onSocket);
  server.on('error', (error) => log.error({ error: error.message }, 'TCP listener error'));
  const bound = await listen(server, options.host, options.port);
  return {
    name: options.tls ? 'tcp+tls' : 'tcp',
    host: bound.address,
    port: bound.port,
    async shutdown(): Promise<void> {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const connection of connections) connection.binary.shutdown();
      const grace = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), options.shutdownGraceMs ?? 2000).unref());
      const all = Promise.all([...connections].map((c) => c.closed));
      if ((await Promise.race([all, grace])) === 'timeout') for (const connection of connections) connection.socket.destroy();
      await stopped;
    },
  };
}

/** tcp.* and limits.* of the config as listener options. */
export function tcpServerOptions(config: ServerConfig, connections: ConnectionBudget, shutdownGraceMs: number): TcpServerOptions {
  const address = parseAddress(config.tcp.address);
  if (address === null) throw new Error(`tcp.address ${config.tcp.address} is not host:port`);
  return {
    host: address.host,
    port: address.port,
    tls: config.tcp.tls.enabled ? { certFile: config.tcp.tls.cert_file, keyFile: config.tcp.tls.key_file } : null,
    shutdownGraceMs,
    frameSizeBytesMax: config.limits.frame_size_max,
    connections,
    pendingRequestsMax: config.limits.pending_requests_per_connection_max,
    pendingResponseBytesMax: config.limits.pending_response_bytes_per_connection_max,
    socket: {
      overrideDefaults: config.tcp.socket.override_defaults,
      nodelay: config.tcp.socket.nodelay,
      keepalive: config.tcp.socket.keepalive,
    },
  };
}

export const tcpListener: Listener = {
  name: 'tcp',
  enabled: (config) => config.tcp.enabled,
  start: ({ ctx, dispatch, connections, shutdownGraceMs }) => startTcpServer(ctx, dispatch, tcpServerOptions(ctx.config, connections, shutdownGraceMs)),
};
