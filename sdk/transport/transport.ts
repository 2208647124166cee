// The byte seam under the binary Connection (STYLE.md §1, after nats.js'
// `Transport`). A transport carries complete request frames out and complete
// response frames back, in request order; it knows nothing of commands, logins
// or retries, so TCP, QUIC and WebSocket plug in without touching the API.
// HTTP carries no frames: it plugs in one level up, as a Dispatcher.
// Browser-safe: implementations that need `node:` modules live in their own
// directory (transport/tcp/) and are passed in by the application.

export interface TransportHandlers {
  /** One response frame: [status u32][length u32][payload] split into its parts. */
  onResponse(status: number, payload: Uint8Array): void;
  /**
   * The connection ended (peer closed, network error, or `close()`); called at
   * most once per connect. `error` is absent for a local `close()`.
   */
  onClose(error?: Error): void;
}

export interface Transport {
  /** 'tcp', 'tcp+tls', 'quic', 'ws', ...; for logs and `client.transportName`. */
  readonly name: string;
  /** Opens the connection; rejects (IggyError CannotEstablishConnection) on failure. */
  connect(handlers: TransportHandlers): Promise<void>;
  /**
   * Queues one complete request frame ([length u32][code u32][payload]). The
   * frame is not reused by the caller. Returns false once the transport wants
   * the writer to wait for `drained()` (socket backpressure).
   */
  write(frame: Uint8Array): boolean;
  /** Resolves when buffered frames have been handed to the network, or the connection ended. */
  drained(): Promise<void>;
  /** Ends the connection; pending responses are not delivered. Idempotent. */
  close(): void;
}

/** Makes a fresh transport for each (re)connect. */
export type TransportFactory = () => Transport;
