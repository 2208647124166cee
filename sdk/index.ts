// Public API of the iggy-ts SDK (Node entry: includes the TCP transport).
// Browser bundles import './browser.js' instead, which leaves node: modules out.
export * from './browser.js'; // includes HttpDispatcher (fetch-based, browser-safe)
export { TcpTransport, tcp, type TcpOptions, type TcpTlsOptions } from './transport/tcp/tcp_transport.js';

import { type ClientOptions, IggyClient } from './client.js';
import { type TcpOptions, tcp } from './transport/tcp/tcp_transport.js';

/**
 * Connects over TCP (or TLS): `await connect({ host, port, auth })`. Pass
 * `transport` to use another one; the options are IggyClient.connect's.
 */
export function connect(options: Omit<ClientOptions, 'transport'> & TcpOptions & { transport?: ClientOptions['transport'] } = {}): Promise<IggyClient> {
  const { host, port, tls, connectTimeoutMs, noDelay, responsePayloadBytesMax, transport, ...rest } = options;
  const tcpOptions: TcpOptions = {
    ...(host === undefined ? {} : { host }),
    ...(port === undefined ? {} : { port }),
    ...(tls === undefined ? {} : { tls }),
    ...(connectTimeoutMs === undefined ? {} : { connectTimeoutMs }),
    ...(noDelay === undefined ? {} : { noDelay }),
    ...(responsePayloadBytesMax === undefined ? {} : { responsePayloadBytesMax }),
  };
  // A caller's own dispatcher (e.g. HTTP) replaces the binary transport altogether.
  if (rest.dispatcher !== undefined) return IggyClient.connect(rest);
  return IggyClient.connect({ ...rest, transport: transport ?? tcp(tcpOptions) });
}
