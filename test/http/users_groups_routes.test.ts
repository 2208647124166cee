// The user, personal access token, login and consumer group routes over real
// HTTP (HTTP.md §2.3, §5.2, §5.3, §5.7), by raw fetch where the exact status,
// JSON and blamed field are the point.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseJson } from '../../src/protocol/http/json.js';
import { bearer, startHttpTestServer, type HttpTestServer } from './http_helpers.js';

let t: HttpTestServer;
let token: string;
beforeEach(async () => {
  t = await startHttpTestServer();
  token = await login('iggy', 'iggy');
});
afterEach(async () => {
  await t.close();
});

const NOT_FOUND = { id: 404, code: 'not_found', reason: 'Resource not found', field: null };

interface Reply {
  status: number;
  text: string;
  json: unknown;
}

async function call(method: string, path: string, body?: unknown, as: string | null = token): Promise<Reply> {
  const headers: Record<string, string> = { ...(as === null ? {} : bearer(as)), ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
  const res = await fetch(`${t.base}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await res.text();
  return { status: res.status, text, json: text !== '' && (res.headers.get('content-type') ?? '').includes('json') ? parseJson(text) : undefined };
}

async function login(username: string, password: string): Promise<string> {
  const reply = await call('POST', '/users/login', { username, password }, null);
  expect(reply.status).toBe(200);
  return (reply.json as { access_token: { token: string } }).access_token.token;
}

describe('login', () => {
  it('answers IdentityInfo whose token opens the authenticated routes', async () => {
    const reply = await call('POST', '/users/login', { username: 'iggy', password: 'iggy', version: '0.8', context: 'test' }, null);
    expect(reply.status).toBe(200);
    const identity = reply.json as { user_id: number; access_token: { token: string; expiry: number } };
    expect(identity.user_id).toBe(0);
    expect(identity.access_token.expiry).toBeGreaterThan(Date.now() / 1000);
    expect((await t.http.jwt.verify(identity.access_token.token))?.userId).toBe(0);
    expect(await call('GET', '/users', undefined, identity.access_token.token)).toMatchObject({ status: 200 });
  });

  it('refuses bad credentials with 42 and skips the length rules (HTTP.md §2.3)', async () => {
    expect(await call('POST', '/users/login', { username: 'iggy', password: 'nope' }, null)).toMatchObject({ status: 400, json: { id: 42, code: 'invalid_credentials' } });
    expect(await call('POST', '/users/login', { username: 'x', password: 'y' }, null)).toMatchObject({ status: 400, json: { id: 42 } });
    expect(await call('POST', '/users/login', { username: 'iggy' }, null)).toMatchObject({ status: 400, json: { id: 4 } });
  });

  it('refuses an inactive user with 47', async () => {
    await call('POST', '/users', { username: 'sleepy', password: 'secret', status: 'inactive', permissions: null });
    expect(await call('POST', '/users/login', { username: 'sleepy', password: 'secret' }, null)).toMatchObject({ status: 400, json: { id: 47 } });
  });
});

describe('users', () => {
  it('runs the user lifecycle with the statuses of HTTP.md §5.2', async () => {
    const created = await call('POST', '/users', { username: 'alice', password: 'secret', status: 'active', permissions: null });
    expect(created).toMatchObject({ status: 200, json: { username: 'alice', status: 'active', permissions: null } });
    const id = (created.json as { id: number }).id;
    expect((await call('GET', '/users')).json).toMatchObject([{ id: 0, username: 'iggy' }, { id, username: 'alice' }]);
    expect(await call('GET', `/users/alice`)).toMatchObject({ status: 200, json: { id, username: 'alice' } });
    expect(await call('GET', '/users/nobody')).toMatchObject({ status: 404, json: NOT_FOUND });
    expect(await call('PUT', `/users/${id}`, { username: 'alicia', status: 'inactive' })).toMatchObject({ status: 204, text: '' });
    const perms = { global: { manage_servers: false, read_servers: true, manage_users: false, read_users: true, manage_streams: false, read_streams: true, manage_topics: false, read_topics: true, poll_messages: true, send_messages: false }, streams: null };
    expect(await call('PUT', `/users/${id}/permissions`, { permissions: perms })).toMatchObject({ status: 204, text: '' });
    expect((await call('GET', `/users/${id}`)).json).toMatchObject({ username: 'alicia', status: 'inactive', permissions: perms });
    expect(await call('PUT', `/users/${id}/password`, { current_password: 'secret', new_password: 'better' })).toMatchObject({ status: 204 });
    await call('PUT', `/users/${id}`, { status: 'active' });
    expect(await login('alicia', 'better')).toBeTypeOf('string');
    expect(await call('DELETE', `/users/${id}`)).toMatchObject({ status: 204, text: '' });
    expect(await call('DELETE', `/users/${id}`)).toMatchObject({ status: 404, json: { id: 20, code: 'resource_not_found' } });
  });

  it('answers validation and domain errors with their codes and fields', async () => {
    expect(await call('POST', '/users', { username: 'ab', password: 'secret', status: 'active', permissions: null })).toMatchObject({ status: 400, json: { id: 43 } });
    expect(await call('POST', '/users', { username: 'iggy', password: 'secret', status: 'active', permissions: null })).toMatchObject({ status: 400, json: { id: 46, field: 'username' } });
    expect(await call('DELETE', '/users/0')).toMatchObject({ status: 400, json: { id: 48 } });
    expect(await call('PUT', '/users/0/permissions', { permissions: null })).toMatchObject({ status: 400, json: { id: 49 } });
    expect(await call('PUT', '/users/0/password', { current_password: 'wrong', new_password: 'whatever' })).toMatchObject({ status: 400, json: { id: 42 } });
    const badStatus = await call('POST', '/users', { username: 'bob', password: 'secret', status: 'sleeping', permissions: null });
    expect(badStatus).toMatchObject({ status: 400, json: { id: 4 } });
    expect((badStatus.json as { reason: string }).reason).toContain('status');
  });
});

describe('personal access tokens', () => {
  it('creates, lists, logs in with and deletes a token', async () => {
    const created = await call('POST', '/personal-access-tokens', { name: 'ci-token', expiry: 0 });
    expect(created.status).toBe(200);
    const raw = (created.json as { token: string }).token;
    await call('POST', '/personal-access-tokens', { name: 'a-token', expiry: 3_600_000_000 });
    const listed = (await call('GET', '/personal-access-tokens')).json as Array<{ name: string; expiry_at: number | null }>;
    expect(listed.map((x) => x.name)).toEqual(['a-token', 'ci-token']);
    expect(listed[1]!.expiry_at).toBeNull();
    const pat = await call('POST', '/personal-access-tokens/login', { token: raw }, null);
    expect(pat).toMatchObject({ status: 200, json: { user_id: 0 } });
    const jwt = (pat.json as { access_token: { token: string } }).access_token.token;
    expect(await call('GET', '/streams', undefined, jwt)).toMatchObject({ status: 200 });
    expect(await call('DELETE', '/personal-access-tokens/ci-token')).toMatchObject({ status: 204, text: '' });
    expect(await call('DELETE', '/personal-access-tokens/ci-token')).toMatchObject({ status: 404, json: { id: 20 } });
    expect(await call('POST', '/personal-access-tokens/login', { token: raw }, null)).toMatchObject({ status: 404, json: { id: 20 } });
  });

  it('refuses a short name (50) and a taken one (51, field name)', async () => {
    expect(await call('POST', '/personal-access-tokens', { name: 'ab', expiry: 0 })).toMatchObject({ status: 400, json: { id: 50 } });
    await call('POST', '/personal-access-tokens', { name: 'twice', expiry: 0 });
    expect(await call('POST', '/personal-access-tokens', { name: 'twice', expiry: 0 })).toMatchObject({ status: 400, json: { id: 51, field: 'name' } });
  });
});

describe('consumer groups', () => {
  it('creates with 201 details, lists, gets and deletes', async () => {
    await call('POST', '/streams', { name: 's' });
    await call('POST', '/streams/s/topics', { name: 't', partitions_count: 3, compression_algorithm: 'none', message_expiry: 0, max_topic_size: 0 });
    const created = await call('POST', '/streams/s/topics/t/consumer-groups', { name: 'workers' });
    expect(created).toMatchObject({ status: 201, json: { name: 'workers', partitions_count: 3, members_count: 0, members: [] } });
    const id = (created.json as { id: number }).id;
    expect(await call('GET', '/streams/s/topics/t/consumer-groups')).toMatchObject({ status: 200, json: [{ id, name: 'workers', partitions_count: 3, members_count: 0 }] });
    expect(await call('GET', '/streams/s/topics/t/consumer-groups/workers')).toMatchObject({ status: 200, json: { id, members: [] } });
    expect(await call('POST', '/streams/s/topics/t/consumer-groups', { name: 'workers' })).toMatchObject({ status: 400, json: { id: 5004, field: 'name' } });
    expect(await call('DELETE', `/streams/s/topics/t/consumer-groups/${id}`)).toMatchObject({ status: 204, text: '' });
    expect(await call('GET', '/streams/s/topics/t/consumer-groups')).toMatchObject({ status: 200, json: [] });
  });

  it('answers a missing stream, topic or group with 404 and its own code (HTTP.md §5.7)', async () => {
    await call('POST', '/streams', { name: 's' });
    await call('POST', '/streams/s/topics', { name: 't', partitions_count: 1, compression_algorithm: 'none', message_expiry: 0, max_topic_size: 0 });
    expect(await call('GET', '/streams/nope/topics/t/consumer-groups')).toMatchObject({ status: 404, json: { id: 1009, field: 'stream_id' } });
    expect(await call('GET', '/streams/s/topics/nope/consumer-groups')).toMatchObject({ status: 404, json: { id: 2010, field: 'topic_id' } });
    expect(await call('GET', '/streams/nope/topics/t/consumer-groups/g')).toMatchObject({ status: 404, json: { id: 1009 } });
    expect(await call('GET', '/streams/s/topics/nope/consumer-groups/g')).toMatchObject({ status: 404, json: { id: 2010 } });
    expect(await call('GET', '/streams/s/topics/t/consumer-groups/g')).toMatchObject({ status: 404, json: { id: 5000 } });
    expect(await call('DELETE', '/streams/s/topics/t/consumer-groups/g')).toMatchObject({ status: 404, json: { id: 5000 } });
  });

  it('has no join or leave routes', async () => {
    expect((await call('PUT', '/streams/s/topics/t/consumer-groups/g/members')).status).toBe(404);
  });
});
