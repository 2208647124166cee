// TCP and TCP+TLS transport (BINARY.md §2.2) on node:net / node:tls. Writes
// request frames as given and cuts the byte stream into response frames with
// the chunk-list reader; the only SDK module besides samples that needs node:.
import * as net from 'node:net';
import * as tls from 'node:tls';
import { IggyError } from '../../../src/errors/iggy_error.js';
import { SDK_LIMITS } from '../../limits.js';
import { ResponseFrameReader } from '../frame_reader.js';
import type { Transport, TransportFactory, TransportHandlers } from '../transport.js';

export interface TcpTlsOptions {
  /** PEM CA certificate(s) to trust instead of the system store (self-signed servers). */
  ca?: string | Uint8Array | Array<string | Uint8Array>;
  /** Verify the server certificate (default true). */
  verify?: boolean;
  /** SNI and certificate host name; defaults to `host`. */
  servername?: string;
  /** Client certificate and key (PEM), for servers that ask for one. */
  cert?: string | Uint8Array;
  key?: string | Uint8Array;
}

export interface TcpOptions {
  host?: string;
  port?: number;
  /** `true` for TLS with default verification, or TLS options. */
  tls?: boolean | TcpTlsOptions;
  connectTimeoutMs?: number;
  /** Disable Nagle (default true): small requests go out at once. */
  noDelay?: boolean;
  responsePayloadBytesMax?: number;
}

export class TcpTransport implements Transport {
  readonly name: string;
  readonly #options: TcpOptions;
  #socket: net.Socket | null = null;
  #handlers: TransportHandlers | null = null;
  #closed = false;
  #drainWaiters: Array<() => void> = [];

  constructor(options: TcpOptions = {}) {
    this.#options = options;
    this.name = options.tls ? 'tcp+tls' : 'tcp';
  }

  connect(handlers: TransportHandlers): Promise<void> {
    const host = this.#options.host ?? '127.0.0.1';
    const port = this.#options.port ?? 8090;
    const timeoutMs = this.#options.connectTimeoutMs ?? SDK_LIMITS.connectTimeoutMs;
    const reader = new ResponseFrameReader(
      (status, payload) => handlers.onResponse(status, payload),
      this.#options.responsePayloadBytesMax ?? SDK_LIMITS.responsePayloadBytesMax,
    );
    return new Promise<void>((resolve, reject) => {
      let connected = false;
      const tlsOptions = this.#options.tls;
      const socket =
        tlsOptions === undefined || tlsOptions === false
          ? net.connect({ host, port })
          : tls.connect({
              host,
              port,
              servername: (tlsOptions === true ? undefined : tlsOptions.servername) ?? (net.isIP(host) ? undefined : host),
              ...(tlsOptions === true ? {} : tlsOptionsOf(tlsOptions)),
            });
      this.#socket = socket;
      const timer = setTimeout(() => {
        socket.destroy(new Error(`connect timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      socket.once(socket instanceof tls.TLSSocket ? 'secureConnect' : 'connect', () => {
        clearTimeout(timer);
        connected = true;
        socket.setNoDelay(this.#options.noDelay ?? true);
        this.#handlers = handlers;
        resolve();
      });
      socket.on('data', (chunk: Buffer) => {
        try {
          reader.push(chunk);
        } catch (error) {
          // A bad length means the stream is out of sync: drop the connection.
          socket.destroy(error as Error);
        }
      });
      socket.on('drain', () => this.#wakeDrainWaiters());
      socket.on('error', () => {}); // reported once by 'close' below
      socket.on('close', () => {
        clearTimeout(timer);
        const error = (socket as net.Socket & { errored?: Error | null }).errored ?? undefined;
        this.#wakeDrainWaiters();
        reader.reset();
        if (!connected) {
          reject(
            IggyError.of('CannotEstablishConnection', `${this.name}://${host}:${port}: ${error?.message ?? 'connection closed'}`, {
              cause: error,
            }),
          );
          return;
        }
        const wasClosedLocally = this.#closed;
        this.#closed = true;
        this.#handlers = null;
        handlers.onClose(wasClosedLocally ? undefined : (error ?? IggyError.of('Disconnected', 'server closed the connection')));
      });
    });
  }

  write(frame: Uint8Array): boolean {
    const socket = this.#socket;
    if (socket === null || this.#closed || socket.destroyed) return true; // the close is reported through onClose
    return socket.write(frame);
  }

  drained(): Promise<void> {
    const socket = this.#socket;
    if (socket === null || this.#closed || socket.destroyed || !socket.writableNeedDrain) return Promise.resolve();
    return new Promise((resolve) => this.#drainWaiters.push(resolve));
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#socket?.destroy();
  }

  #wakeDrainWaiters(): void {
    const waiters = this.#drainWaiters;
    this.#drainWaiters = [];
    for (const wake of waiters) wake();
  }
}

function tlsOptionsOf(options: TcpTlsOptions): tls.ConnectionOptions {
  const result: tls.ConnectionOptions = { rejectUnauthorized: options.verify ?? true };
  if (options.ca !== undefined) result.ca = options.ca as tls.ConnectionOptions['ca'];
  if (options.cert !== undefined) result.cert = options.cert as tls.ConnectionOptions['cert'];
  if (options.key !== undefined) result.key = options.key as tls.ConnectionOptions['key'];
  return result;
}

/** A transport factory for `IggyClient`: `transport: tcp({ host, port, tls })`. */
export function tcp(options: TcpOptions = {}): TransportFactory {
  return () => new TcpTransport(options);
}
