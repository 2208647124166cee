// Proves the SDK's TCP transport speaks TLS: with the server's self-signed
// certificate as CA the connection verifies and serves; without it the
// connect fails with a typed CannotEstablishConnection (9); with verification
// off it connects. The certificate is made by the openssl CLI (node:crypto
// cannot issue X.509 certificates); the tests are skipped, saying so, without it.
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { IggyClient } from '../../sdk/client.js';
import { type TcpOptions, tcp } from '../../sdk/transport/tcp/tcp_transport.js';
import { IggyError } from '../../src/errors/iggy_error.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { makeSelfSignedCertificate, OPENSSL, type SelfSignedCertificate, warnIfNoOpenssl } from '../helpers/tls.js';

warnIfNoOpenssl('test/sdk/tls.test.ts');

let server: TestServer | undefined;
let certificate: SelfSignedCertificate | undefined;
const clients: IggyClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) await client.close();
  await server?.close();
  await certificate?.remove();
  server = undefined;
  certificate = undefined;
});

async function tlsServer(): Promise<{ server: TestServer; ca: Buffer }> {
  certificate = await makeSelfSignedCertificate();
  const { certFile, keyFile } = certificate;
  server = await startTestServer({ tcp: { tls: { enabled: true, cert_file: certFile, key_file: keyFile } } });
  return { server, ca: await readFile(certFile) };
}

async function connect(options: TcpOptions): Promise<IggyClient> {
  const client = await IggyClient.connect({ transport: tcp(options), auth: { username: 'iggy', password: 'iggy' }, heartbeatIntervalMs: 0 });
  clients.push(client);
  return client;
}

describe.skipIf(!OPENSSL)('SDK over TLS', () => {
  it('verifies the server against the given CA and serves commands', async () => {
    const { server, ca } = await tlsServer();
    const client = await connect({ host: 'localhost', port: server.port, tls: { ca } });
    expect(client.transportName).toBe('tcp+tls');
    await client.streams.create('secure');
    expect((await client.streams.get('secure'))?.stream.name).toBe('secure');
    expect((await client.system.me()).userId).toBe(0);
  });

  it('refuses an unverifiable certificate with CannotEstablishConnection (9), and connects with verify off', async () => {
    const { server } = await tlsServer();
    try {
      await connect({ host: '127.0.0.1', port: server.port, tls: true });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(IggyError);
      expect((error as IggyError).code).toBe(9);
    }
    const client = await connect({ host: '127.0.0.1', port: server.port, tls: { verify: false } });
    await client.system.ping();
  });
});
