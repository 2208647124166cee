// QUIC transport (Node only) on @matrixai/quic, matching our server
// (src/transport/quic): every request frame goes out on a stream of its own,
// which we finish after the frame; the reply is the one frame the server
// writes back on that stream. Replies are handed to the Connection in
// request order (it matches them by order), whatever order the streams
// complete in. quiche requires ALPN, so both sides use the same one
// (default 'iggy'); official Iggy servers offer none and cannot be reached.
import { webcrypto } from 'node:crypto';
import loggerModule from '@matrixai/logger';
import quicLib from '@matrixai/quic';
import type { QUICClient, QUICStream } from '@matrixai/quic';
import { IggyError } from '../../../src/errors/iggy_error.js';
import { SDK_LIMITS } from '../../limits.js';
import type { Transport, TransportFactory, TransportHandlers } from '../transport.js';

export interface QuicOptions {
  host?: string;
  port?: number;
  /** Must match the server's [quic] alpn (default 'iggy'). */
  alpn?: string;
  /** Verify the server certificate (default false, as Iggy's SDKs: servers mostly run self-signed). */
  verify?: boolean;
  /** PEM CA certificate(s) to trust when verifying. */
  ca?: string | string[];
  connectTimeoutMs?: number;
  /** ms without traffic after which the connection is dropped (default 10 s, as the server). */
  maxIdleTimeoutMs?: number;
  responsePayloadBytesMax?: number;
}

// The default import is the CommonJS exports object under Node and the class
// itself under Vite's interop; LogLevel.SILENT is 100 in both.
type LoggerClass = typeof loggerModule.default;
const Logger: LoggerClass = 'default' in loggerModule ? loggerModule.default : (loggerModule as unknown as LoggerClass);
const LOG_LEVEL_SILENT = 100;
const silentLogger = new Logger('iggy-quic', LOG_LEVEL_SILENT);
const randomBytes = async (data: ArrayBuffer): Promise<void> => {
  webcrypto.getRandomValues(new Uint8Array(data));
};

type Response = { status: number; payload: Uint8Array };

export class QuicTransport implements Transport {
  readonly name = 'quic';
  readonly #options: QuicOptions;
  #client: QUICClient | null = null;
  #handlers: TransportHandlers | null = null;
  /** Delivers replies in request order. */
  #delivery: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(options: QuicOptions = {}) {
    this.#options = options;
  }

  async connect(handlers: TransportHandlers): Promise<void> {
    const host = this.#options.host ?? '127.0.0.1';
    const port = this.#options.port ?? 8080;
    try {
      this.#client = await quicLib.QUICClient.createQUICClient(
        {
          host,
          port,
          crypto: { ops: { randomBytes } },
          config: {
            verifyPeer: this.#options.verify ?? false,
            applicationProtos: [this.#options.alpn ?? 'iggy'],
            maxIdleTimeout: this.#options.maxIdleTimeoutMs ?? 10_000,
            ...(this.#options.ca === undefined ? {} : { ca: this.#options.ca }),
          },
          logger: silentLogger,
        },
        { timer: this.#options.connectTimeoutMs ?? SDK_LIMITS.connectTimeoutMs },
      );
    } catch (cause) {
      throw IggyError.of('CannotEstablishConnection', `quic://${host}:${port}: ${quicFailure(cause)}`, { cause });
    }
    this.#handlers = handlers;
    // Guarded: the library reports connection errors as events, unhandled ones become uncaught exceptions.
    this.#client.addEventListener(quicLib.events.EventQUICClientError.name, () => undefined);
    // The close event fires as the peer's CONNECTION_CLOSE arrives; closedP only after draining, too late
    // for requests written in between.
    this.#client.addEventListener(quicLib.events.EventQUICClientClose.name, (event) => {
      const cause = (event as InstanceType<typeof quicLib.events.EventQUICClientClose>).detail;
      this.#onClosed(IggyError.of('Disconnected', `connection closed: ${cause?.message || cause?.description || 'by the server'}`, { cause }));
    });
    void this.#client.closedP.then(() => this.#onClosed(IggyError.of('Disconnected', 'server closed the connection')));
    if (this.#closed) this.close();
  }

  write(frame: Uint8Array): boolean {
    const client = this.#client;
    if (client === null || this.#closed) return true; // the close is reported through onClose
    let response: Promise<Response>;
    try {
      response = exchange(client.connection.newStream('bidi'), frame, this.#options.responsePayloadBytesMax ?? SDK_LIMITS.responsePayloadBytesMax);
    } catch (error) {
      response = Promise.reject(error);
    }
    response.catch(() => undefined); // observed in order below
    this.#delivery = this.#delivery.then(async () => {
      if (this.#closed) return;
      try {
        const { status, payload } = await response;
        if (!this.#closed) this.#handlers?.onResponse(status, payload);
      } catch (error) {
        // A lost reply would shift every later one: drop the connection.
        this.#fail(error as Error);
      }
    });
    return true;
  }

  /** Each request has its own stream and QUIC's flow control: nothing to wait for here. */
  drained(): Promise<void> {
    return Promise.resolve();
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    const handlers = this.#handlers;
    this.#handlers = null;
    void this.#client?.destroy({ isApp: true, errorCode: 0, force: true }).catch(() => undefined);
    handlers?.onClose();
  }

  #fail(error: Error): void {
    void this.#client?.destroy({ isApp: true, errorCode: 0, force: true }).catch(() => undefined);
    this.#onClosed(IggyError.of('Disconnected', `quic: ${error.message}`, { cause: error }));
  }

  #onClosed(error: Error): void {
    if (this.#closed) return;
    this.#closed = true;
    const handlers = this.#handlers;
    this.#handlers = null;
    handlers?.onClose(error);
  }
}

/** Writes one frame and finishes; reads the one reply frame ([status][length][payload]). */
async function exchange(stream: QUICStream, frame: Uint8Array, payloadBytesMax: number): Promise<Response> {
  const writer = stream.writable.getWriter();
  const written = writer.write(frame).then(() => writer.close());
  written.catch(() => undefined); // awaited below; a failed read must not leave it unhandled
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let buffered = 0;
  let wanted = 8;
  while (buffered < wanted) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`stream ended after ${buffered} of ${wanted} reply bytes`);
    chunks.push(value);
    buffered += value.byteLength;
    if (wanted === 8 && buffered >= 8) {
      const length = Buffer.concat(chunks).readUInt32LE(4);
      if (length > payloadBytesMax) throw new Error(`reply of ${length} bytes exceeds ${payloadBytesMax}`);
      wanted = 8 + length;
    }
  }
  reader.releaseLock();
  await written;
  const reply = chunks.length === 1 ? Buffer.from(chunks[0]!.buffer, chunks[0]!.byteOffset, chunks[0]!.byteLength) : Buffer.concat(chunks, buffered);
  return { status: reply.readUInt32LE(0), payload: reply.subarray(8, wanted) };
}

/** The library's errors often carry an empty message: fall back to their description or class name. */
function quicFailure(cause: unknown): string {
  const error = cause as { message?: string; description?: string; name?: string } | null;
  const text = error?.message || error?.description || (error?.name && error.name !== 'Error' ? error.name : '');
  return text || 'no QUIC server answered (handshake failed or timed out)';
}

/** A transport factory for `IggyClient`: `transport: quic({ host, port })`. */
export function quic(options: QuicOptions = {}): TransportFactory {
  return () => new QuicTransport(options);
}
