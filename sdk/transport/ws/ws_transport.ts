// WebSocket transport (BINARY.md §2.4): each request frame goes out as one
// binary message; replies arrive one per message but are read through the
// stream reader anyway, since the protocol only promises a byte stream.
// Written against the WHATWG WebSocket API, which browsers have natively and
// the `ws` package implements for Node 20 (no global WebSocket there without
// a flag): the constructor is picked at connect time, and `ws` is loaded only
// when no global exists, so browser bundles never reach a node: module.
import { IggyError } from '../../../src/errors/iggy_error.js';
import { SDK_LIMITS } from '../../limits.js';
import { ResponseFrameReader } from '../frame_reader.js';
import type { Transport, TransportFactory, TransportHandlers } from '../transport.js';

/** The part of the WHATWG WebSocket this transport uses. */
export interface WebSocketLike {
  binaryType: string;
  readonly bufferedAmount: number;
  readonly readyState: number;
  send(data: Uint8Array): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: string, listener: (event: never) => void): void;
}

/** Node's `ws` takes a third argument (TLS options); browsers ignore it. */
export type WebSocketConstructor = new (url: string, protocols?: string | string[], options?: object) => WebSocketLike;

export interface WsTlsOptions {
  /** Node only: PEM CA certificate(s) to trust (self-signed servers). */
  ca?: string | Uint8Array | Array<string | Uint8Array>;
  /** Node only: verify the server certificate (default true). Browsers always verify. */
  verify?: boolean;
}

export interface WsOptions {
  /** Full URL (ws://... or wss://...); overrides host, port and tls. */
  url?: string;
  host?: string;
  port?: number;
  /** `true` for wss:// with default verification, or TLS options (Node). */
  tls?: boolean | WsTlsOptions;
  connectTimeoutMs?: number;
  responsePayloadBytesMax?: number;
  /** Bytes buffered in the socket at which write() asks the caller to wait (default 1 MiB). */
  writeBufferBytesMax?: number;
  /** A WebSocket implementation; default the global one, else the `ws` package. */
  WebSocket?: WebSocketConstructor;
}

const OPEN = 1;
const DRAIN_POLL_MS = 2;
const WRITE_BUFFER_BYTES_MAX_DEFAULT = 1024 * 1024;

async function webSocketConstructor(options: WsOptions): Promise<WebSocketConstructor> {
  if (options.WebSocket !== undefined) return options.WebSocket;
  const native = (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  if (native !== undefined) return native;
  // A computed specifier keeps bundlers from pulling `ws` into browser builds.
  const name = 'ws';
  const module = (await import(name)) as { default: WebSocketConstructor };
  return module.default;
}

function urlOf(options: WsOptions): string {
  if (options.url !== undefined) return options.url;
  const host = options.host ?? '127.0.0.1';
  const scheme = options.tls ? 'wss' : 'ws';
  return `${scheme}://${host.includes(':') ? `[${host}]` : host}:${options.port ?? 8092}`;
}

function nodeTlsOptions(options: WsOptions): object {
  if (typeof options.tls !== 'object') return {};
  const result: Record<string, unknown> = { rejectUnauthorized: options.tls.verify ?? true };
  if (options.tls.ca !== undefined) result.ca = options.tls.ca;
  return result;
}

export class WsTransport implements Transport {
  readonly name: string;
  readonly #options: WsOptions;
  #socket: WebSocketLike | null = null;
  #closed = false;

  constructor(options: WsOptions = {}) {
    this.#options = options;
    this.name = urlOf(options).startsWith('wss:') ? 'wss' : 'ws';
  }

  async connect(handlers: TransportHandlers): Promise<void> {
    const url = urlOf(this.#options);
    let Socket: WebSocketConstructor;
    try {
      Socket = await webSocketConstructor(this.#options);
    } catch (cause) {
      throw IggyError.of('CannotEstablishConnection', `${url}: no WebSocket implementation (install the ws package)`, { cause });
    }
    const reader = new ResponseFrameReader(
      (status, payload) => handlers.onResponse(status, payload),
      this.#options.responsePayloadBytesMax ?? SDK_LIMITS.responsePayloadBytesMax,
    );
    const socket = new Socket(url, undefined, nodeTlsOptions(this.#options));
    socket.binaryType = 'arraybuffer';
    this.#socket = socket;
    return new Promise<void>((resolve, reject) => this.#attach(socket, url, reader, handlers, resolve, reject));
  }

  #attach(socket: WebSocketLike, url: string, reader: ResponseFrameReader, handlers: TransportHandlers, resolve: () => void, reject: (e: Error) => void): void {
    const timeoutMs = this.#options.connectTimeoutMs ?? SDK_LIMITS.connectTimeoutMs;
    let connected = false;
    let failure: Error | undefined;
    const timer = setTimeout(() => {
      failure = new Error(`connect timed out after ${timeoutMs} ms`);
      socket.close();
    }, timeoutMs);
    socket.addEventListener('open', () => {
      clearTimeout(timer);
      connected = true;
      if (this.#closed) socket.close();
      resolve();
    });
    socket.addEventListener('message', (event: { data: unknown }) => {
      if (!(event.data instanceof ArrayBuffer)) return; // text is not part of the protocol
      try {
        reader.push(new Uint8Array(event.data));
      } catch (error) {
        failure = error as Error; // out of sync: drop the connection
        socket.close(1002, 'bad response frame');
      }
    });
    // The event carries no reason in browsers; 'close' follows and reports it.
    socket.addEventListener('error', (event: { message?: string; error?: Error }) => {
      failure ??= event.error ?? new Error(event.message ?? 'WebSocket error');
    });
    socket.addEventListener('close', (event: { code: number; reason: string }) => {
      clearTimeout(timer);
      reader.reset();
      const error = failure ?? (event.code === 1000 ? undefined : new Error(`closed with code ${event.code} ${event.reason}`.trim()));
      if (!connected) {
        reject(IggyError.of('CannotEstablishConnection', `${url}: ${error?.message ?? 'connection closed'}`, { cause: error }));
        return;
      }
      const wasClosedLocally = this.#closed;
      this.#closed = true;
      handlers.onClose(wasClosedLocally ? undefined : IggyError.of('Disconnected', `server closed the connection${error ? `: ${error.message}` : ''}`, { cause: error }));
    });
  }

  write(frame: Uint8Array): boolean {
    const socket = this.#socket;
    if (socket === null || this.#closed || socket.readyState !== OPEN) return true; // the close is reported through onClose
    socket.send(frame);
    return socket.bufferedAmount < this.#writeBufferBytesMax;
  }

  /** WebSocket has no drain event: poll bufferedAmount until it fell below the limit. */
  drained(): Promise<void> {
    return new Promise((resolve) => {
      const check = (): void => {
        const socket = this.#socket;
        if (socket === null || this.#closed || socket.readyState !== OPEN || socket.bufferedAmount < this.#writeBufferBytesMax) resolve();
        else setTimeout(check, DRAIN_POLL_MS);
      };
      check();
    });
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#socket?.close(1000);
  }

  get #writeBufferBytesMax(): number {
    return this.#options.writeBufferBytesMax ?? WRITE_BUFFER_BYTES_MAX_DEFAULT;
  }
}

/** A transport factory for `IggyClient`: `transport: ws({ host, port })` or `ws({ url: 'wss://...' })`. */
export function ws(options: WsOptions = {}): TransportFactory {
  return () => new WsTransport(options);
}
