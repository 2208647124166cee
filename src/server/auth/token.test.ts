// Proves raw tokens are 68-character Base64 of 50 random bytes, that only a
// SHA-256 hex digest is derived for storage, and the expiry arithmetic
// (0 and u64::MAX = never, overflow = never, expired at the instant).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateToken, hashToken, isTokenExpired, tokenExpiryAtUs } from './token.js';

describe('personal access tokens', () => {
  it('generates distinct 68-char standard Base64 tokens of 50 bytes', () => {
    const tokens = new Set(Array.from({ length: 100 }, generateToken));
    expect(tokens.size).toBe(100);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9+/]{67}=$/);
      expect(Buffer.from(token, 'base64').length).toBe(50);
    }
  });

  it('stores a SHA-256 hex digest, never the token', () => {
    const token = generateToken();
    const digest = hashToken(token);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(digest).toBe(createHash('sha256').update(token).digest('hex'));
    expect(digest).not.toContain(token);
  });

  it('computes expiry and expiration', () => {
    const U64_MAX = 0xffff_ffff_ffff_ffffn;
    expect(tokenExpiryAtUs(1000n, 0n)).toBeNull();
    expect(tokenExpiryAtUs(1000n, U64_MAX)).toBeNull();
    expect(tokenExpiryAtUs(U64_MAX - 5n, 10n)).toBeNull();
    expect(tokenExpiryAtUs(1000n, 500n)).toBe(1500n);
    expect(isTokenExpired(null, 10n ** 18n)).toBe(false);
    expect(isTokenExpired(1500n, 1499n)).toBe(false);
    expect(isTokenExpired(1500n, 1500n)).toBe(true);
  });
});
