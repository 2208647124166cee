// Which connection carries a bench's requests over each transport of args.ts.
// Actors, the fill and GetStats use openConnection; the SDK client that
// creates and deletes the topology uses clientTransport, so every request of
// a run goes over the transport under test.
import type { BenchTransport } from '../args.js';
import { type ClientOptions } from '../../sdk/client.js';
import { HttpDispatcher } from '../../sdk/transport/http/http_dispatcher.js';
import { quic } from '../../sdk/transport/quic/quic_transport.js';
import { tcp } from '../../sdk/transport/tcp/tcp_transport.js';
import { ws } from '../../sdk/transport/ws/ws_transport.js';
import type { TransportFactory } from '../../sdk/transport/transport.js';
import { BenchConnection, parseAddress, type Address } from './connection.js';
import { HttpConnection } from './http_connection.js';
import { TransportConnection } from './transport_connection.js';

/** The server's listener (src/transport) behind each bench transport. */
export const LISTENER_OF: Readonly<Record<BenchTransport, string>> = { tcp: 'tcp', quic: 'quic', ws: 'websocket', http: 'http' };

export interface Endpoint extends Address {
  transport: BenchTransport;
}

/** A --target for the transport: host:port, or for http also http://host:port. */
export function parseEndpoint(text: string, transport: BenchTransport): Endpoint {
  const bare = transport === 'http' ? text.replace(/^http:\/\//, '').replace(/\/+$/, '') : text;
  if (transport === 'http' && /^https:/.test(text)) throw new Error(`bad target "${text}": the bench speaks plain http`);
  return { ...parseAddress(bare), transport };
}

export function httpUrlOf(address: Address): string {
  return `http://${address.host.includes(':') ? `[${address.host}]` : address.host}:${address.port}`;
}

function frameTransport(endpoint: Endpoint, connectTimeoutMs: number): TransportFactory {
  const { host, port } = endpoint;
  switch (endpoint.transport) {
    case 'quic':
      return quic({ host, port, connectTimeoutMs });
    case 'ws':
      return ws({ host, port, connectTimeoutMs });
    default:
      return tcp({ host, port, connectTimeoutMs });
  }
}

export function openConnection(endpoint: Endpoint, timeoutMs = 10_000): Promise<BenchConnection> {
  switch (endpoint.transport) {
    case 'tcp':
      return BenchConnection.connect(endpoint, timeoutMs);
    case 'http':
      return HttpConnection.open(httpUrlOf(endpoint));
    default:
      return TransportConnection.open(frameTransport(endpoint, timeoutMs)());
  }
}

/** The IggyClient options that put the SDK on the endpoint's transport. */
export function clientTransport(endpoint: Endpoint, connectTimeoutMs = 10_000): Pick<ClientOptions, 'transport' | 'dispatcher'> {
  if (endpoint.transport === 'http') return { dispatcher: new HttpDispatcher({ url: httpUrlOf(endpoint) }) };
  return { transport: frameTransport(endpoint, connectTimeoutMs) };
}
