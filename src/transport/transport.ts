// What every server transport (TCP/TLS, QUIC, HTTP, WebSocket) exposes to the
// server assembly (src/server/server.ts). Transports hold no domain logic:
// they open a Session per connection (src/server/clients.ts openSession),
// feed (code, payload) to dispatch, and write the reply.

/** A running listener. */
export interface TransportHandle {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  /** Stops accepting, answers idle connections Disconnected (8) where the protocol allows, ends the rest when done. */
  shutdown(): Promise<void>;
}
