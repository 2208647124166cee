// TCP+TLS (BINARY.md §2.2): with tcp.tls.enabled the same frames flow over
// TLS using the configured cert/key files. The self-signed certificate is
// made by the openssl CLI (node:crypto cannot issue X.509 certificates); the
// test is skipped, saying so, when openssl is not installed.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getMe } from '../../src/protocol/commands/system/get_me.js';
import { connectRaw, startTestServer, type TestServer } from '../helpers/server.js';

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const OPENSSL = hasOpenssl();
if (!OPENSSL) console.warn('tls.test.ts: openssl CLI not found, TLS tests skipped');

let server: TestServer | undefined;
let certDir: string | undefined;

afterEach(async () => {
  await server?.close();
  if (certDir) await rm(certDir, { recursive: true, force: true });
  server = undefined;
  certDir = undefined;
});

async function selfSigned(): Promise<{ certFile: string; keyFile: string }> {
  certDir = await mkdtemp(path.join(os.tmpdir(), 'iggy-ts-tls-'));
  const certFile = path.join(certDir, 'cert.pem');
  const keyFile = path.join(certDir, 'key.pem');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', keyFile, '-out', certFile,
      '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'],
    { stdio: 'ignore' },
  );
  return { certFile, keyFile };
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
