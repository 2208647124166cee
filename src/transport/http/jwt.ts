// JWT access tokens as Iggy 0.8 issues them (HTTP.md §2.2): JWS compact,
// alg from [http.jwt] (HS256 default, RS* with PEM keys), claims jti (UUID v7),
// iss, aud, sub (user id), iat/exp/nbf in seconds. Signing and checking are
// jose's; we keep only the revocation list (jti -> exp), purged once expired.
// With both secrets empty (the default) a random secret is made at start-up,
// so every token dies with the process, as in Iggy.
import { randomBytes, randomInt } from 'node:crypto';
import { importPKCS8, importSPKI, jwtVerify, SignJWT, type CryptoKey, type KeyObject } from 'jose';
import type { ServerConfig } from '../../config/config.js';
import type { Principal } from './router.js';

type JwtConfig = ServerConfig['http']['jwt'];
type Key = CryptoKey | KeyObject | Uint8Array;

export interface IssuedToken {
  readonly token: string;
  /** The token's `exp`, seconds since the epoch. */
  readonly expiry: number;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomSecret(): string {
  const length = randomInt(32, 64);
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return out;
}

/** UUID v7 (RFC 9562): 48-bit ms timestamp, version 7, variant 10, random rest. */
export function uuidV7(nowMs: number = Date.now()): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(nowMs, 0, 6);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const usToS = (us: number): number => Math.floor(us / 1_000_000);

export class JwtManager {
  readonly #config: JwtConfig;
  readonly #signKey: Key;
  readonly #verifyKey: Key;
  /** Revoked token ids and their exp (s). */
  readonly #revoked = new Map<string, number>();

  private constructor(config: JwtConfig, signKey: Key, verifyKey: Key) {
    this.#config = config;
    this.#signKey = signKey;
    this.#verifyKey = verifyKey;
  }

  static async create(config: JwtConfig): Promise<JwtManager> {
    if (config.algorithm.startsWith('RS')) {
      const signKey = await importPKCS8(config.encoding_secret, config.algorithm);
      const verifyKey = await importSPKI(config.decoding_secret, config.algorithm);
      return new JwtManager(config, signKey, verifyKey);
    }
    const generated = config.encoding_secret === '' && config.decoding_secret === '' ? randomSecret() : '';
    const encoding = new TextEncoder().encode(config.encoding_secret || config.decoding_secret || generated);
    const decoding = new TextEncoder().encode(config.decoding_secret || config.encoding_secret || generated);
    return new JwtManager(config, encoding, decoding);
  }

  async issue(userId: number, nowS: number = Math.floor(Date.now() / 1000)): Promise<IssuedToken> {
    const expiry = nowS + usToS(this.#config.access_token_expiry);
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: this.#config.algorithm, typ: 'JWT' })
      .setJti(uuidV7())
      .setIssuer(this.#config.issuer)
      .setAudience(this.#config.audience)
      .setSubject(String(userId))
      .setIssuedAt(nowS)
      .setExpirationTime(expiry)
      .setNotBefore(nowS + usToS(this.#config.not_before))
      .sign(this.#signKey);
    return { token, expiry };
  }

  /** The principal of a valid, unrevoked token; null for anything else (HTTP.md §2.1: 401). */
  async verify(token: string): Promise<Principal | null> {
    try {
      const { payload } = await jwtVerify(token, this.#verifyKey, {
        algorithms: [this.#config.algorithm],
        issuer: this.#config.issuer,
        audience: this.#config.audience,
        clockTolerance: usToS(this.#config.clock_skew),
        requiredClaims: ['jti', 'sub', 'exp'],
      });
      const userId = Number(payload.sub);
      if (!/^\d+$/.test(payload.sub!) || !Number.isSafeInteger(userId) || userId > 0xffff_ffff) return null;
      if (this.#revoked.has(payload.jti!)) return null;
      return { userId, tokenId: payload.jti!, tokenExpiryS: payload.exp! };
    } catch {
      return null;
    }
  }

  /** Revokes a token id until its expiry; expired entries are dropped on the way. */
  revoke(tokenId: string, expiryS: number, nowS: number = Math.floor(Date.now() / 1000)): void {
    for (const [id, exp] of this.#revoked) if (exp + usToS(this.#config.clock_skew) < nowS) this.#revoked.delete(id);
    this.#revoked.set(tokenId, expiryS);
  }

  get revokedCount(): number {
    return this.#revoked.size;
  }
}
