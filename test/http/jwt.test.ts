// Bearer tokens over real HTTP (HTTP.md §2): a valid token passes, and a
// missing, non-Bearer, tampered, forged, expired or revoked one gets 401 with
// an empty body; refresh works once; RS256 works when configured.
import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { bearer, startHttpTestServer, type HttpTestServer } from './http_helpers.js';

let t: HttpTestServer | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const logout = (base: string, headers: Record<string, string>) => fetch(`${base}/users/logout`, { method: 'DELETE', headers });

async function expect401Empty(res: Response): Promise<void> {
  expect(res.status).toBe(401);
  expect(await res.text()).toBe('');
}

describe('bearer tokens', () => {
  it('accepts a valid token and revokes it on logout', async () => {
    t = await startHttpTestServer();
    const { token } = await t.http.jwt.issue(0);
    expect((await logout(t.base, bearer(token))).status).toBe(204);
    await expect401Empty(await logout(t.base, bearer(token)));
  });

  it('rejects a missing header, a non-Bearer scheme and garbage', async () => {
    t = await startHttpTestServer();
    const { token } = await t.http.jwt.issue(0);
    await expect401Empty(await logout(t.base, {}));
    await expect401Empty(await logout(t.base, { authorization: `Basic ${token}` }));
    await expect401Empty(await logout(t.base, bearer('not.a.jwt')));
  });

  it('rejects a token with a tampered payload or signature', async () => {
    t = await startHttpTestServer();
    const { token } = await t.http.jwt.issue(5);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forgedPayload = Buffer.from(JSON.stringify({ ...claims, sub: '0' })).toString('base64url');
    await expect401Empty(await logout(t.base, bearer(`${header}.${forgedPayload}.${signature}`)));
    const flipped = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
    await expect401Empty(await logout(t.base, bearer(`${header}.${payload}.${flipped}`)));
  });

  it('rejects a token signed with another secret, issuer or audience', async () => {
    t = await startHttpTestServer({ http: { jwt: { encoding_secret: 'our-secret-our-secret-our-secret' } } });
    const sign = (secret: string, iss: string, aud: string) =>
      new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setJti('x').setSubject('0').setIssuer(iss).setAudience(aud).setIssuedAt().setExpirationTime('1h')
        .sign(new TextEncoder().encode(secret));
    const good = await sign('our-secret-our-secret-our-secret', 'iggy.apache.org', 'iggy.apache.org');
    expect((await logout(t.base, bearer(good))).status).toBe(204);
    await expect401Empty(await logout(t.base, bearer(await sign('other-secret-other-secret-other', 'iggy.apache.org', 'iggy.apache.org'))));
    await expect401Empty(await logout(t.base, bearer(await sign('our-secret-our-secret-our-secret', 'evil', 'iggy.apache.org'))));
    await expect401Empty(await logout(t.base, bearer(await sign('our-secret-our-secret-our-secret', 'iggy.apache.org', 'evil'))));
  });

  it('rejects an expired token beyond the clock skew, accepts one within it', async () => {
    t = await startHttpTestServer();
    const now = Math.floor(Date.now() / 1000);
    const expired = await t.http.jwt.issue(0, now - 3600 - 30);
    await expect401Empty(await logout(t.base, bearer(expired.token)));
    const withinSkew = await t.http.jwt.issue(0, now - 3600 - 2);
    expect((await logout(t.base, bearer(withinSkew.token))).status).toBe(204);
  });
});

describe('refresh', () => {
  it('issues a new token once and revokes the old one', async () => {
    t = await startHttpTestServer();
    const { token } = await t.http.jwt.issue(7);
    const refresh = () => fetch(`${t!.base}/users/refresh-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
    const first = await refresh();
    expect(first.status).toBe(200);
    const identity = await first.json();
    expect(identity.user_id).toBe(7);
    expect(identity.access_token.token).not.toBe(token);
    expect(identity.access_token.expiry).toBeGreaterThan(Date.now() / 1000 + 3500);
    const second = await refresh();
    expect(second.status).toBe(401);
    expect(await second.json()).toMatchObject({ id: 78, code: 'invalid_access_token' });
    await expect401Empty(await logout(t.base, bearer(token)));
    expect((await logout(t.base, bearer(identity.access_token.token))).status).toBe(204);
  });
});

describe('RS256', () => {
  it('signs with the private key and verifies with the public key', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    t = await startHttpTestServer({
      http: {
        jwt: {
          algorithm: 'RS256',
          encoding_secret: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
          decoding_secret: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        },
      },
    });
    const { token } = await t.http.jwt.issue(0);
    expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()).alg).toBe('RS256');
    expect((await logout(t.base, bearer(token))).status).toBe(204);
  });
});
