// Public API of the iggy-ts SDK (Node entry: includes the TCP transport).
// Browser bundles import './browser.js' instead, which leaves node: modules out.
export * from './browser.js';
export { TcpTransport, tcp, type TcpOptions, type TcpTlsOptions } from './transport/tcp/tcp_transport.js';
