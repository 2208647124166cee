// Self-signed certificates for `self_signed = true` ([quic.certificate],
// [websocket.tls]), as Iggy 0.8 generates one for `localhost`. node:crypto
// signs but cannot issue X.509, and shelling out to openssl would make the
// server depend on a system binary, so the certificate is DER-encoded here:
// an ECDSA P-256 key (accepted by quiche's BoringSSL and uWS's OpenSSL), v3,
// subject = issuer = CN=localhost, SAN localhost, 127.0.0.1 and ::1.
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface PemPair {
  cert: string;
  key: string;
}

// --- minimal DER writer (X.690): definite lengths only ---

function der(tag: number, content: Buffer): Buffer {
  const n = content.length;
  let length: Buffer;
  if (n < 0x80) length = Buffer.from([n]);
  else {
    const bytes: number[] = [];
    for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
    length = Buffer.from([0x80 | bytes.length, ...bytes]);
  }
  return Buffer.concat([Buffer.from([tag]), length, content]);
}

const seq = (...items: Buffer[]): Buffer => der(0x30, Buffer.concat(items));
const set = (...items: Buffer[]): Buffer => der(0x31, Buffer.concat(items));
const explicit = (n: number, item: Buffer): Buffer => der(0xa0 | n, item);

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const bytes = [a! * 40 + b!];
  for (const arc of rest) {
    const groups: number[] = [];
    for (let v = arc; ; v = Math.floor(v / 128)) {
      groups.unshift(v % 128);
      if (v < 128) break;
    }
    bytes.push(...groups.map((g, i) => (i < groups.length - 1 ? g | 0x80 : g)));
  }
  return der(0x06, Buffer.from(bytes));
}

/** A non-negative big-endian integer as DER INTEGER (exported for its tests). */
export function derInteger(value: Buffer): Buffer {
  // DER wants the shortest form: leading zero bytes go (a random serial starts
  // with one 1 time in 256, and OpenSSL then refuses the whole certificate as
  // "illegal padding"); a positive value whose top bit is set gets one back.
  let start = 0;
  while (start < value.length - 1 && value[start] === 0) start += 1;
  const minimal = value.subarray(start);
  return der(0x02, minimal[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), minimal]) : minimal);
}

/** UTCTime YYMMDDHHMMSSZ, valid for years 1950..2049. */
function utcTime(date: Date): Buffer {
  const text = date.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
  return der(0x17, Buffer.from(text, 'ascii'));
}

const OID = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
};

function subjectAltNames(): Buffer {
  const dns = der(0x82, Buffer.from('localhost', 'ascii'));
  const ipv4 = der(0x87, Buffer.from([127, 0, 0, 1]));
  const ipv6 = der(0x87, Buffer.concat([Buffer.alloc(15), Buffer.from([1])]));
  return seq(oid(OID.subjectAltName), der(0x04, seq(dns, ipv4, ipv6)));
}

/** A fresh key and a certificate for `localhost`, valid from an hour ago for `days`. */
export function generateSelfSigned(days = 365): PemPair {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const algorithm = seq(oid(OID.ecdsaWithSha256));
  const name = seq(set(seq(oid(OID.commonName), der(0x0c, Buffer.from('localhost', 'utf8')))));
  const now = Date.now();
  const tbs = seq(
    explicit(0, derInteger(Buffer.from([2]))), // v3
    derInteger(randomBytes(16)),
    algorithm,
    name,
    seq(utcTime(new Date(now - 3_600_000)), utcTime(new Date(now + days * 86_400_000))),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, seq(subjectAltNames(), seq(oid(OID.basicConstraints), der(0x04, seq()))))
  );
  const signature = sign('sha256', tbs, { key: privateKey, dsaEncoding: 'der' });
  const certificate = seq(tbs, algorithm, der(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const base64 = certificate.toString('base64').replace(/.{1,64}/g, '$&\n');
  return {
    cert: `-----BEGIN CERTIFICATE-----\n${base64}-----END CERTIFICATE-----\n`,
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
  };
}

/**
 * The PEM files at certFile/keyFile; when certFile does not exist and
 * self-signing is allowed, a certificate is generated there first (Iggy
 * 0.8's rule: generated only when cert_file is missing). Empty paths mean
 * `<dir>/<name>_cert.pem` and `<dir>/<name>_key.pem`.
 */
export function ensureCertificate(options: { certFile: string; keyFile: string; selfSigned: boolean; dir: string; name: string; key: string }): {
  certFile: string;
  keyFile: string;
} {
  const certFile = options.certFile || path.join(options.dir, `${options.name}_cert.pem`);
  const keyFile = options.keyFile || path.join(options.dir, `${options.name}_key.pem`);
  if (!existsSync(certFile)) {
    if (!options.selfSigned) throw new Error(`${options.key}.cert_file = "${certFile}" does not exist and ${options.key}.self_signed is false`);
    const pair = generateSelfSigned();
    mkdirSync(path.dirname(certFile), { recursive: true });
    mkdirSync(path.dirname(keyFile), { recursive: true });
    writeFileSync(keyFile, pair.key, { mode: 0o600 });
    writeFileSync(certFile, pair.cert);
  }
  return { certFile, keyFile };
}

/** Reads a PEM file named by a config key, saying which key when it cannot. */
export function readPemFile(file: string, key: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (cause) {
    throw new Error(`${key} = "${file}" cannot be read: ${(cause as Error).message}`, { cause });
  }
}
