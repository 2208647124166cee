// A bench connection over one of the SDK's frame transports (QUIC or
// WebSocket): the same request frames as over TCP, and the same in-order
// matching of responses (OrderedConnection). The transport cuts and hands
// over whole response frames; latency is taken as each one arrives.
import type { Transport } from '../../sdk/transport/transport.js';
import { OrderedConnection } from './connection.js';

/** How long close() waits for the transport to report its end. */
const CLOSE_WAIT_MS = 2000;

export class TransportConnection extends OrderedConnection {
  readonly #transport: Transport;
  #ended: (() => void) | null = null;
  #over = false;

  private constructor(transport: Transport) {
    super();
    this.#transport = transport;
  }

  /** Connects `transport`; rejects with its connect error. */
  static async open(transport: Transport): Promise<TransportConnection> {
    const connection = new TransportConnection(transport);
    await transport.connect({
      onResponse: (status, payload) => connection.deliver(status, payload),
      onClose: (error) => connection.#onClose(error),
    });
    return connection;
  }

  protected send(frameBytes: Uint8Array): void {
    // Backpressure is the caller's window (--in-flight requests), as over TCP.
    this.#transport.write(frameBytes);
  }

  close(): Promise<void> {
    if (this.#over) return Promise.resolve();
    this.closed ??= new Error('connection closed by the bench');
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, CLOSE_WAIT_MS);
      timer.unref();
      this.#ended = () => {
        clearTimeout(timer);
        resolve();
      };
      this.#transport.close();
    });
  }

  #onClose(error: Error | undefined): void {
    this.#over = true;
    this.fail(error ?? new Error('connection closed by the bench'));
    this.#ended?.();
  }
}
