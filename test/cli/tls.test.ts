// Proves --tcp-tls-enabled: the CLI talks TLS to a TLS listener, trusting a
// self-signed certificate given with --tcp-tls-ca-file, and an untrusted
// certificate or a plain client are one-line errors, never stack traces.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSelfSignedCertificate, OPENSSL, type SelfSignedCertificate, warnIfNoOpenssl } from '../helpers/tls.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { assertBuilt, type CliHome, makeHome, runCli } from './cli_harness.js';

warnIfNoOpenssl('test/cli/tls.test.ts');

describe.runIf(OPENSSL)('iggy over TLS', () => {
  let cert: SelfSignedCertificate;
  let server: TestServer;
  let home: CliHome;

  beforeAll(async () => {
    assertBuilt();
    cert = await makeSelfSignedCertificate();
    server = await startTestServer({ tcp: { tls: { enabled: true, cert_file: cert.certFile, key_file: cert.keyFile } } });
    home = await makeHome();
  });
  afterAll(async () => {
    await server?.close();
    await home?.close();
    await cert?.remove();
  });

  it('connects with the CA file and the domain', async () => {
    const me = await runCli(
      ['--tcp-server-address', `127.0.0.1:${server.port}`, '--tcp-tls-enabled', '--tcp-tls-ca-file', cert.certFile, '--tcp-tls-domain', 'localhost', '-o', 'json', 'me'],
      { env: home.env },
    );
    expect(me.stderr).toBe('');
    expect(JSON.parse(me.stdout)).toMatchObject({ userId: 0, transport: 'tcp' });
  });

  it('reports an untrusted certificate and a missing CA file in one line', async () => {
    const untrusted = await runCli(['--tcp-server-address', `127.0.0.1:${server.port}`, '--tcp-tls-enabled', 'me'], { env: home.env });
    expect(untrusted.code).toBe(1);
    expect(untrusted.stderr).toMatch(/^error: CannotEstablishConnection \(9\) in "me": .*certificate[^\n]*\n$/);
    const missing = await runCli(['--tcp-server-address', `127.0.0.1:${server.port}`, '--tcp-tls-enabled', '--tcp-tls-ca-file', '/nonexistent.pem', 'me'], { env: home.env });
    expect(missing.stderr).toMatch(/^error: CannotReadFile \(10002\) in "me": --tcp-tls-ca-file \/nonexistent.pem/);
  });
});
