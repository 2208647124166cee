// The SDK transport behind each `--transport` value (Iggy 0.8's CLI flags):
// tcp (optionally TLS) at --tcp-server-address, quic at --quic-server-address
// (ALPN 'iggy', the certificate not verified, as Iggy's own SDKs default),
// ws at --websocket-server-address (host:port, or a ws:// / wss:// URL) and
// http at --http-api-url through the SDK's HttpDispatcher. The HTTP API has
// no client session, so commands it cannot serve (me, joining groups) fail in
// the SDK with FeatureUnavailable before anything is sent: one CLI line.
import { readFileSync } from 'node:fs';
import { HttpDispatcher, type ClientOptions, type TcpTlsOptions, tcp, ws } from '../../sdk/index.js';
import { quic } from '../../sdk/transport/quic/quic_transport.js';
import { IggyError } from '../../src/errors/iggy_error.js';

/** What openClient needs to know of a resolved target (session.ts' Target). */
export interface TransportTarget {
  transport: string;
  address: string;
  tls: boolean;
  tlsDomain: string | undefined;
  tlsCaFile: string | undefined;
}

const CONNECT_TIMEOUT_MS = 5_000;

export function hostPort(address: string): { host: string; port: number } {
  const match = /^\[?([^\]]*?)\]?:(\d+)$/.exec(address);
  const port = Number(match?.[2]);
  if (match === null || !(port > 0 && port < 65536)) {
    throw IggyError.of('InvalidServerAddress', `${address} is not host:port`);
  }
  return { host: match[1]!, port };
}

function tlsOptionsOf(target: TransportTarget): TcpTlsOptions {
  let ca: string | undefined;
  if (target.tlsCaFile !== undefined) {
    try {
      ca = readFileSync(target.tlsCaFile, 'utf8');
    } catch (cause) {
      throw IggyError.of('CannotReadFile', `--tcp-tls-ca-file ${target.tlsCaFile}: ${(cause as Error).message}`);
    }
  }
  return { ...(target.tlsDomain === undefined ? {} : { servername: target.tlsDomain }), ...(ca === undefined ? {} : { ca }) };
}

function httpUrlOf(address: string): string {
  try {
    const url = new URL(address);
    if (url.protocol === 'http:' || url.protocol === 'https:') return address.replace(/\/+$/, '');
  } catch {
    // Not a URL at all: reported below.
  }
  throw IggyError.of('InvalidServerAddress', `--http-api-url ${address} is not an http:// or https:// URL`);
}

/** The client options that pick the transport (the binary one, or the HTTP dispatcher). */
export function transportOptionsOf(target: TransportTarget): Pick<ClientOptions, 'transport' | 'dispatcher'> {
  switch (target.transport) {
    case 'http':
      return { dispatcher: new HttpDispatcher({ url: httpUrlOf(target.address) }) };
    case 'ws': {
      if (/^wss?:\/\//.test(target.address)) return { transport: ws({ url: target.address, connectTimeoutMs: CONNECT_TIMEOUT_MS }) };
      return { transport: ws({ ...hostPort(target.address), connectTimeoutMs: CONNECT_TIMEOUT_MS }) };
    }
    case 'quic':
      return { transport: quic({ ...hostPort(target.address), connectTimeoutMs: CONNECT_TIMEOUT_MS }) };
    default: {
      const { host, port } = hostPort(target.address);
      const tls = target.tls ? { tls: tlsOptionsOf(target) } : {};
      return { transport: tcp({ host, port, connectTimeoutMs: CONNECT_TIMEOUT_MS, ...tls }) };
    }
  }
}
