// Self-signed certificates for TLS tests, made with the openssl CLI (node:crypto
// cannot issue X.509 certificates). Tests skip, with a warning, where openssl
// is missing.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const OPENSSL = hasOpenssl();

export function warnIfNoOpenssl(file: string): void {
  if (!OPENSSL) console.warn(`${file}: openssl CLI not found, TLS tests skipped`);
}

export interface SelfSignedCertificate {
  certFile: string;
  keyFile: string;
  /** Removes the certificate's temp directory. */
  remove(): Promise<void>;
}

/** A P-256 certificate for CN=localhost with SANs localhost and 127.0.0.1, valid one day. */
export async function makeSelfSignedCertificate(): Promise<SelfSignedCertificate> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'iggy-ts-tls-'));
  const certFile = path.join(dir, 'cert.pem');
  const keyFile = path.join(dir, 'key.pem');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', keyFile, '-out', certFile,
      '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'],
    { stdio: 'ignore' },
  );
  return { certFile, keyFile, remove: () => rm(dir, { recursive: true, force: true }) };
}
