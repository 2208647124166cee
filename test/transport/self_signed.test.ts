// Proves the DER-encoded self-signed certificate is a valid X.509 certificate
// for localhost: Node's TLS verifies a handshake against it (as CA) for both
// the name and the IP, and ensureCertificate generates it only when missing.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { X509Certificate } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { describe, expect, it } from 'vitest';
import { derInteger, ensureCertificate, generateSelfSigned } from '../../src/transport/self_signed.js';

async function handshake(pair: { cert: string; key: string }, servername?: string): Promise<boolean> {
  const server = tls.createServer({ cert: pair.cert, key: pair.key }, (socket) => socket.end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  try {
    return await new Promise<boolean>((resolve, reject) => {
      const client = tls.connect({ host: '127.0.0.1', port, ca: pair.cert, ...(servername ? { servername } : {}) }, () => {
        resolve(client.authorized);
        client.destroy();
      });
      client.once('error', reject);
    });
  } finally {
    server.close();
  }
}

describe('self-signed certificate', () => {
  it('encodes serial numbers in DER\'s shortest form, whatever their random leading bytes', () => {
    // A serial starting 00 (1 in 256 random serials) made OpenSSL refuse the
    // certificate ("illegal padding") and uWS's SSLApp fail to start.
    const hex = (bytes: number[]): string => derInteger(Buffer.from(bytes)).toString('hex');
    expect(hex([0x00, 0x01, 0x02])).toBe('02020102');
    expect(hex([0x00, 0x00, 0x80])).toBe('02020080');
    expect(hex([0x80, 0x01])).toBe('0203008001');
    expect(hex([0x00])).toBe('020100');
    expect(hex([0x7f])).toBe('02017f');
  });


  it('is a v3 certificate for localhost that TLS verifies by name and by IP', async () => {
    const pair = generateSelfSigned();
    const x509 = new X509Certificate(pair.cert);
    expect(x509.subject).toBe('CN=localhost');
    expect(x509.checkHost('localhost')).toBe('localhost');
    expect(x509.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(await handshake(pair, 'localhost')).toBe(true);
    expect(await handshake(pair)).toBe(true);
  });

  it('is generated only when cert_file is missing, and refused when self_signed is false', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'iggy-ts-cert-'));
    try {
      const options = { certFile: '', keyFile: '', selfSigned: true, dir, name: 'quic', key: 'quic.certificate' };
      const files = ensureCertificate(options);
      expect(files).toEqual({ certFile: path.join(dir, 'quic_cert.pem'), keyFile: path.join(dir, 'quic_key.pem') });
      const first = await readFile(files.certFile, 'utf8');
      expect(await readFile(ensureCertificate(options).certFile, 'utf8')).toBe(first);
      expect(() => ensureCertificate({ ...options, certFile: path.join(dir, 'none.pem'), selfSigned: false })).toThrow(
        /quic\.certificate\.cert_file = ".*none\.pem" does not exist and quic\.certificate\.self_signed is false/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
