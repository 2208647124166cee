// TCP+TLS (BINARY.md §2.2): with tcp.tls.enabled the same frames flow over
// TLS using the configured cert/key files. The self-signed certificate is
// made by the openssl CLI (node:crypto cannot issue X.509 certificates); the
// test is skipped, saying so, when openssl is not installed.
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { getMe } from '../../src/protocol/commands/system/get_me.js';
import { connectRaw, startTestServer, type TestServer } from '../helpers/server.js';
import { makeSelfSignedCertificate, OPENSSL, type SelfSignedCertificate, warnIfNoOpenssl } from '../helpers/tls.js';

warnIfNoOpenssl('test/server/tls.test.ts');

let server: TestServer | undefined;
let certificate: SelfSignedCertificate | undefined;

afterEach(async () => {
  await server?.close();
  await certificate?.remove();
  server = undefined;
  certificate = undefined;
});

async function selfSigned(): Promise<SelfSignedCertificate> {
  certificate = await makeSelfSignedCertificate();
  return certificate;
}

describe.skipIf(!OPENSSL)('TCP over TLS', () => {
  it('serves requests over TLS with a verified self-signed certificate', async () => {
    const { certFile, keyFile } = await selfSigned();
    server = await startTestServer({ tcp: { tls: { enabled: true, cert_file: certFile, key_file: keyFile } } });
    const ca = await readFile(certFile);
    const client = await server.connect({ tls: { ca, servername: 'localhost' } });
    expect((await client.send(1)).status).toBe(0);
    expect((await client.send(9999)).status).toBe(3);
    expect(await client.login('iggy', 'iggy')).toBe(0);
    const me = await client.call(getMe, undefined);
    expect(me.value?.address).toBe(`127.0.0.1:${client.socket.localPort}`);
  });

  it('rejects an untrusted certificate on the client and plain TCP on the server, and keeps serving', async () => {
    const { certFile, keyFile } = await selfSigned();
    server = await startTestServer({ tcp: { tls: { enabled: true, cert_file: certFile, key_file: keyFile } } });
    await expect(connectRaw(server.port, { tls: { servername: 'localhost' } })).rejects.toThrow(/self-signed|certificate/i);
    const plain = await connectRaw(server.port);
    plain.socket.write(Buffer.from([4, 0, 0, 0, 1, 0, 0, 0])); // a plain Ping is no TLS ClientHello
    await plain.closed;
    expect(plain.unsolicited).toEqual([]);
    const good = await server.connect({ tls: { ca: await readFile(certFile), servername: 'localhost' } });
    expect((await good.send(1)).status).toBe(0);
  });

  it('fails to start with a missing certificate file', async () => {
    await expect(
      startTestServer({ tcp: { tls: { enabled: true, cert_file: '/nonexistent/cert.pem', key_file: '/nonexistent/key.pem' } } }),
    ).rejects.toThrow(/ENOENT|cert/);
  });
});
