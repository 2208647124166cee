// IggyClient over HTTP (sdk/transport/http) against the real server's HTTP
// listener on 127.0.0.1:0. Proves the client works with the HttpDispatcher
// unchanged: login with a password or a personal access token, the token is
// refreshed before it expires and the old one revoked, a refused token is
// replaced by logging in again, logout revokes, users, tokens and consumer
// groups answer with the same types as over TCP, refused tokens and unserved
// commands give typed IggyErrors, and a closed client refuses calls.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IggyClient } from '../../sdk/client.js';
import { Consumers } from '../../sdk/values.js';
import { UserStatus } from '../../src/protocol/types.js';
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

  it('logs in with a password on connect and again when the server refuses the token', async () => {
    const dispatcher = new HttpDispatcher({ url: t.base });
    const client = await IggyClient.connect({ dispatcher, auth: { username: 'iggy', password: 'iggy' }, heartbeatIntervalMs: 0 });
    try {
      const first = dispatcher.accessToken!;
      expect((await t.http.jwt.verify(first.token))?.userId).toBe(0);
      const principal = (await t.http.jwt.verify(first.token))!;
      t.http.jwt.revoke(principal.tokenId, principal.tokenExpiryS); // as if the server had restarted with a new secret
      expect((await client.users.list()).map((u) => u.username)).toEqual(['iggy']);
      expect(dispatcher.accessToken!.token).not.toBe(first.token);
    } finally {
      await client.close();
    }
  });

  it('logs in with a personal access token', async () => {
    const root = await IggyClient.connect({ dispatcher: new HttpDispatcher({ url: t.base }), auth: { username: 'iggy', password: 'iggy' }, heartbeatIntervalMs: 0 });
    const raw = await root.tokens.create('sdk-token');
    expect((await root.tokens.list()).map((x) => x.name)).toEqual(['sdk-token']);
    const dispatcher = new HttpDispatcher({ url: t.base });
    const client = await IggyClient.connect({ dispatcher, heartbeatIntervalMs: 0 });
    try {
      expect(await client.loginWithToken(raw)).toBe(0);
      expect(dispatcher.accessToken).not.toBeNull();
      expect(await client.streams.list()).toEqual([]);
      await root.tokens.delete('sdk-token');
      expect(await root.tokens.list()).toEqual([]);
    } finally {
      await client.close();
      await root.close();
    }
  });

  it('manages users with the same types as over TCP', async () => {
    const client = await IggyClient.connect({ dispatcher: new HttpDispatcher({ url: t.base }), heartbeatIntervalMs: 0 });
    try {
      expect(await client.login('iggy', 'iggy')).toBe(0);
      const alice = await client.users.create({ username: 'alice', password: 'secret' });
      expect(alice).toMatchObject({ username: 'alice', status: UserStatus.Active, permissions: null });
      expect(typeof alice.createdAtUs).toBe('bigint');
      expect((await client.users.list()).map((u) => u.username)).toEqual(['iggy', 'alice']);
      await client.users.update(alice.id, { username: 'alicia' });
      await client.users.changePassword('alicia', 'secret', 'better');
      expect((await client.users.get('alicia'))?.id).toBe(alice.id);
      expect(await client.users.get('nobody')).toBeNull();
      await client.users.delete('alicia');
      await expect(client.users.delete('alicia')).rejects.toMatchObject({ code: 20 });
    } finally {
      await client.close();
    }
  });

  it('manages consumer groups; a missing one is null', async () => {
    const client = await IggyClient.connect({ dispatcher: new HttpDispatcher({ url: t.base }), auth: { username: 'iggy', password: 'iggy' }, heartbeatIntervalMs: 0 });
    try {
      await client.streams.create('s');
      await client.topics.create('s', { name: 't', partitionsCount: 2 });
      const group = await client.groups.create('s', 't', 'workers');
      expect(group).toMatchObject({ name: 'workers', partitionsCount: 2, membersCount: 0 });
      expect(await client.groups.list('s', 't')).toEqual([group]);
      expect(await client.groups.get('s', 't', 'workers')).toEqual({ group, members: [] });
      expect(await client.groups.get('s', 't', 'nope')).toBeNull();
      await client.groups.delete('s', 't', group.id);
      expect(await client.groups.list('s', 't')).toEqual([]);
      await expect(client.groups.list('nope', 't')).rejects.toMatchObject({ code: 1009 });
    } finally {
      await client.close();
    }
  });
});
