// Personal access tokens (BINARY.md §6): the raw token is 50 random bytes in
// standard Base64 with padding (68 characters), shown once on creation. Only
// a SHA-256 hex digest is stored; a token carries 400 bits of entropy, so an
// unsalted fast digest is enough to make the stored form useless to a reader
// of the data directory, and lookup by digest stays one map access.
import { createHash, randomBytes } from 'node:crypto';
import { U64_MAX } from '../../protocol/types.js';

export const TOKEN_RANDOM_BYTES = 50;

export function generateToken(): string {
  return randomBytes(TOKEN_RANDOM_BYTES).toString('base64');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Absolute expiry (µs since epoch) of a token created now with a µs duration; null = never (0 or u64::MAX, or past u64). */
export function tokenExpiryAtUs(nowUs: bigint, expiryUs: bigint): bigint | null {
  if (expiryUs === 0n || expiryUs === U64_MAX) return null;
  const at = nowUs + expiryUs;
  return at >= U64_MAX ? null : at;
}

export function isTokenExpired(expiryAtUs: bigint | null, nowUs: bigint): boolean {
  return expiryAtUs !== null && expiryAtUs <= nowUs;
}
