// [http.tls]: the API over HTTPS with the configured certificate.
import { readFile } from 'node:fs/promises';
import https from 'node:https';
import { afterEach, expect, it } from 'vitest';
import { OPENSSL, makeSelfSignedCertificate, warnIfNoOpenssl, type SelfSignedCertificate } from '../helpers/tls.js';
import { startHttpTestServer, type HttpTestServer } from './http_helpers.js';

warnIfNoOpenssl('test/http/tls.test.ts');

let t: HttpTestServer | undefined;
let cert: SelfSignedCertificate | undefined;
afterEach(async () => {
  await t?.close();
  await cert?.remove();
  t = undefined;
  cert = undefined;
});

function get(port: number, path: string, ca: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = https.get({ host: '127.0.0.1', port, path, ca, servername: 'localhost' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
  });
}

it.skipIf(!OPENSSL)('serves HTTPS with the configured certificate', async () => {
  cert = await makeSelfSignedCertificate();
  t = await startHttpTestServer({ http: { tls: { enabled: true, cert_file: cert.certFile, key_file: cert.keyFile } } });
  const ca = await readFile(cert.certFile);
  expect(await get(t.http.port, '/ping', ca)).toEqual({ status: 200, body: 'pong' });
});
