// Password hashing: scrypt (node:crypto) with a random 16-byte salt, stored as
// a self-describing string so parameters can be raised later without
// invalidating existing hashes:
//   $scrypt$ln=<log2 N>,r=<r>,p=<p>$<salt base64>$<hash base64>
// Hashing and verifying run on libuv's thread pool (async scrypt), never on the
// event loop; comparison is constant-time (timingSafeEqual).
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** N = 2^15, r = 8, p = 1: 32 MiB and tens of ms per hash, OWASP's scrypt floor order. */
const DEFAULT_PARAMS = { ln: 15, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const HASH_BYTES = 32;
/** Bounds on parameters read back from storage, so a corrupt hash cannot ask for gigabytes. */
const LN_MAX = 20;
const R_MAX = 32;
const P_MAX = 16;

export interface ScryptParams {
  ln: number;
  r: number;
  p: number;
}

let hashParams: ScryptParams = DEFAULT_PARAMS;

/**
 * Parameters for new hashes (existing ones keep theirs: they are in the string).
 * Integration tests lower the cost so hundreds of logins stay fast; production
 * keeps the default.
 */
export function setPasswordHashParams(params: ScryptParams): void {
  hashParams = params;
}

/**
 * scrypt runs on libuv's thread pool (4 threads by default), which file I/O
 * shares: a login storm must not starve storage reads and writes, so at most
 * this many hashes run at once and the rest wait their turn (one per
 * connection at most, as each connection has one request in flight).
 */
const CONCURRENT_HASHES_MAX = 2;
let running = 0;
const waiting: Array<() => void> = [];

async function withHashSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= CONCURRENT_HASHES_MAX) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next !== undefined) next(); // hand the slot over
    else running--;
  }
}

function scryptAsync(password: string, salt: Buffer, keyLength: number, params: ScryptParams): Promise<Buffer> {
  const N = 2 ** params.ln;
  const options: ScryptOptions = { N, r: params.r, p: params.p, maxmem: 256 * N * params.r + 1024 * 1024 };
  return withHashSlot(
    () =>
      new Promise((resolve, reject) => {
        scrypt(password, salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
      }),
  );
}

export async function hashPassword(password: string, params: ScryptParams = hashParams): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await scryptAsync(password, salt, HASH_BYTES, params);
  return `$scrypt$ln=${params.ln},r=${params.r},p=${params.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

const HASH_FORMAT = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

/** True when `password` matches `stored`; false for a wrong password or an unreadable hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const m = HASH_FORMAT.exec(stored);
  if (m === null) return false;
  const params = { ln: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  if (params.ln < 1 || params.ln > LN_MAX || params.r < 1 || params.r > R_MAX || params.p < 1 || params.p > P_MAX) return false;
  const salt = Buffer.from(m[4]!, 'base64');
  const expected = Buffer.from(m[5]!, 'base64');
  if (expected.length === 0) return false;
  const actual = await scryptAsync(password, salt, expected.length, params);
  return timingSafeEqual(actual, expected);
}
