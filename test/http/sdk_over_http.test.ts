// IggyClient over HTTP (sdk/transport/http) against the real server's HTTP
// listener on 127.0.0.1:0, for the routes the server answers today: ping,
// refresh-token and logout (the domain routes are mounted on the ops later;
// then this file grows a case per command). Proves the client works with the
// HttpDispatcher unchanged, the token is refreshed before it expires and the
// old one revoked, logout revokes, refused tokens and unserved commands give
// typed IggyErrors, and a closed client refuses calls.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IggyClient } from '../../sdk/client.js';
import { Consumers } from '../../sdk/values.js';
import { type AccessToken, HttpDispatcher } from '../../sdk/transport/http/http_dispatcher.js';
import { startHttpTestServer, type HttpTestServer } from './http_helpers.js';

let t: HttpTestServer;
beforeEach(async () => {
  // Two-second tokens, so the dispatcher's refresh (at half the lifetime) comes within the test.
  t = await startHttpTestServer({ http: { jwt: { access_token_expiry: 2_000_000 } } });
});
afterEach(async () => {
  await t.close();
});

async function issued(userId = 0): Promise<AccessToken> {
  const token = await t.http.jwt.issue(userId);
  return { token: token.token, expiryS: token.expiry };
}

/** A fetch that counts what it sends, to prove refusals send nothing. */
function countingFetch(): { fetch: typeof fetch; urls: string[] } {
  const urls: string[] = [];
  return { urls, fetch: (input, init) => (urls.push(String(input)), globalThis.fetch(input, init)) };
}

describe('IggyClient over HttpDispatcher', () => {
  it('connects with a ping and answers ping', async () => {
    const client = await IggyClient.connect({ dispatcher: new HttpDispatcher({ url: t.base }), heartbeatIntervalMs: 0 });
    expect(client.transportName).toBe('http');
    expect(client.state).toBe('ready');
    await client.system.ping();
    await client.close();
    expect(client.state).toBe('closed');
    await expect(client.system.ping()).rejects.toMatchObject({ code: 63 });
  });

  it('refreshes the token before it expires and the server revokes the old one', async () => {
    const seen: AccessToken[] = [];
    const first = await issued();
    const dispatcher = new HttpDispatcher({ url: t.base, accessToken: first, onAccessToken: (token) => seen.push(token) });
    const client = await IggyClient.connect({ dispatcher, heartbeatIntervalMs: 0 });
    try {
      await expect.poll(() => seen.length, { timeout: 10_000, interval: 50 }).toBeGreaterThan(1);
      const fresh = dispatcher.accessToken!;
      expect(fresh.token).not.toBe(first.token);
      expect(await t.http.jwt.verify(first.token)).toBeNull();
      expect((await t.http.jwt.verify(fresh.token))?.userId).toBe(0);
    } finally {
      await client.close();
    }
  });

  it('logs out: the token is revoked and dropped', async () => {
    const dispatcher = new HttpDispatcher({ url: t.base, accessToken: await issued() });
    const client = await IggyClient.connect({ dispatcher, heartbeatIntervalMs: 0 });
    const token = dispatcher.accessToken!.token;
    await client.logout();
    expect(dispatcher.accessToken).toBeNull();
    expect(await t.http.jwt.verify(token)).toBeNull();
    await client.close();
  });

  it('maps a refused token to Unauthenticated (40) and a reused refresh to InvalidAccessToken (78)', async () => {
    const old = await issued();
    const dispatcher = new HttpDispatcher({ url: t.base, accessToken: old });
    const client = await IggyClient.connect({ dispatcher, heartbeatIntervalMs: 0 });
    try {
      await dispatcher.refreshToken();
      const stale = new HttpDispatcher({ url: t.base, accessToken: old });
      await expect(stale.refreshToken()).rejects.toMatchObject({ code: 78 });
      const staleClient = await IggyClient.connect({ dispatcher: stale, heartbeatIntervalMs: 0 });
      await expect(staleClient.logout()).rejects.toMatchObject({ code: 40 });
      await staleClient.close();
      await client.system.ping(); // the server still serves the others
    } finally {
      await client.close();
    }
  });

  it('refuses commands HTTP cannot serve with FeatureUnavailable (5), sending nothing', async () => {
    const counting = countingFetch();
    const client = await IggyClient.connect({ dispatcher: new HttpDispatcher({ url: t.base, fetch: counting.fetch }), heartbeatIntervalMs: 0 });
    try {
      const sent = counting.urls.length;
      await expect(client.system.me()).rejects.toMatchObject({ code: 5 });
      await expect(client.groups.join(1, 1, 1)).rejects.toMatchObject({ code: 5 });
      await expect(client.groups.leave(1, 1, 1)).rejects.toMatchObject({ code: 5 });
      await expect(client.offsets.get(Consumers.group(1), 1, 1)).rejects.toMatchObject({ code: 5 });
      await expect(client.messages.poll(1, 1, { consumer: Consumers.group('g') })).rejects.toMatchObject({ code: 5 });
      expect(counting.urls.length).toBe(sent);
    } finally {
      await client.close();
    }
  });

  it('fails to connect with Disconnected (8) when nothing listens', async () => {
    const port = t.http.port;
    await t.close();
    await expect(IggyClient.connect({ dispatcher: new HttpDispatcher({ url: `http://127.0.0.1:${port}` }), heartbeatIntervalMs: 0 })).rejects.toMatchObject({ code: 8 });
    t = await startHttpTestServer();
  });
});
