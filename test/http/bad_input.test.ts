// Bad input on the real domain routes (issue 13 "Bad input"): forged,
// tampered and expired tokens, a body over http.max_request_size, malformed
// JSON, wrong types and missing fields, unknown routes and methods, and
// identifiers of 255/256 bytes. Each gets its status and Iggy error JSON
// (401 with an empty body for tokens, HTTP.md §2.1), nothing is written, and
// the server keeps serving.
import { SignJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseJson } from '../../src/protocol/http/json.js';
import { bearer, startHttpTestServer, type HttpTestServer } from './http_helpers.js';

let t: HttpTestServer;
let token: string;
beforeEach(async () => {
  t = await startHttpTestServer({ http: { max_request_size: 4096 } });
  token = (await t.http.jwt.issue(0)).token;
});
afterEach(async () => {
  await t.close();
});

interface Reply {
  status: number;
  text: string;
  json: unknown;
}

async function send(method: string, path: string, body?: string, headers: Record<string, string> = bearer(token)): Promise<Reply> {
  const res = await fetch(`${t.base}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, ...(body === undefined ? {} : { body }) });
  const text = await res.text();
  return { status: res.status, text, json: text !== '' && (res.headers.get('content-type') ?? '').includes('json') ? parseJson(text) : undefined };
}

const streamNames = async (): Promise<string[]> => ((await send('GET', '/streams')).json as Array<{ name: string }>).map((s) => s.name);

describe('tokens on a domain route', () => {
  const create = (authorization: string) => send('POST', '/streams', '{"name":"x"}', { authorization });

  it('answers tampered, forged, unsigned and expired tokens 401 with an empty body and writes nothing', async () => {
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: '1' })).toString('base64url')}.${signature}`;
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`;
    const forged = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setJti('j').setSubject('0').setIssuer('iggy.apache.org')
      .setAudience('iggy.apache.org').setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode('a-guessed-secret-a-guessed-secret'));
    const expired = (await t.http.jwt.issue(0, Math.floor(Date.now() / 1000) - 7200)).token;
    for (const bad of [tampered, unsigned, forged, expired]) expect(await create(`Bearer ${bad}`)).toMatchObject({ status: 401, text: '' });
    expect(await create('')).toMatchObject({ status: 401, text: '' });
    expect(await create(`Token ${token}`)).toMatchObject({ status: 401, text: '' });
    expect(await streamNames()).toEqual([]);
  });
});

describe('bodies', () => {
  it('answers a body over http.max_request_size with 413 and writes nothing', async () => {
    const reply = await send('POST', '/streams', JSON.stringify({ name: 'x'.repeat(5000) }));
    expect(reply).toMatchObject({ status: 413, json: { id: 413, code: 'payload_too_large' } });
    expect(await streamNames()).toEqual([]);
  });

  it('answers malformed JSON, wrong types and missing fields 400, naming the field', async () => {
    await send('POST', '/streams', '{"name":"s"}');
    const topic = (fields: Record<string, unknown>) =>
      send('POST', '/streams/s/topics', JSON.stringify({ name: 't', partitions_count: 1, compression_algorithm: 'none', message_expiry: 0, max_topic_size: 0, ...fields }));
    expect(await send('POST', '/streams/s/topics', '{"name": "t", ')).toMatchObject({ status: 400, json: { id: 4, code: 'invalid_format' } });
    for (const [fields, field] of [
      [{ partitions_count: '1' }, 'partitions_count'],
      [{ partitions_count: -1 }, 'partitions_count'],
      [{ message_expiry: 1.5 }, 'message_expiry'],
      [{ compression_algorithm: 'zip' }, 'compression_algorithm'],
      [{ name: undefined }, 'name'],
    ] as const) {
      const reply = await topic(fields);
      expect(reply.status, JSON.stringify(fields)).toBe(400);
      expect(reply.json).toMatchObject({ id: 4 });
      expect((reply.json as { reason: string }).reason).toContain(field);
    }
    expect(await send('POST', '/streams', '[]')).toMatchObject({ status: 400, json: { id: 4 } });
    expect((await send('GET', '/streams/s/topics')).json).toEqual([]);
  });
});

describe('routes and identifiers', () => {
  it('answers an unknown route 404 and another method 405 with error JSON', async () => {
    expect(await send('GET', '/streams/s/nothing-here')).toMatchObject({ status: 404, json: { id: 404, code: 'not_found' } });
    const patch = await send('PATCH', '/streams', '{}');
    expect(patch).toMatchObject({ status: 405, json: { id: 405 } });
    expect(await send('GET', '/ping', undefined, {})).toMatchObject({ status: 200, text: 'pong' });
  });

  it('takes names of 255 bytes and refuses 256 with InvalidIdentifier (6) in paths, 1013 in bodies', async () => {
    const max = 'é'.repeat(127) + 'x'; // 255 UTF-8 bytes
    expect((await send('POST', '/streams', JSON.stringify({ name: max }))).status).toBe(200);
    expect((await send('GET', `/streams/${encodeURIComponent(max)}`)).json).toMatchObject({ name: max });
    const over = `${max}y`;
    expect(await send('GET', `/streams/${encodeURIComponent(over)}`)).toMatchObject({ status: 400, json: { id: 6, code: 'invalid_identifier' } });
    expect(await send('DELETE', `/streams/${encodeURIComponent(over)}/topics/t`)).toMatchObject({ status: 400, json: { id: 6 } });
    expect(await send('POST', '/streams', JSON.stringify({ name: over }))).toMatchObject({ status: 400, json: { id: 1013, field: 'name' } });
    expect(await streamNames()).toEqual([max]);
    const path = `/streams/${encodeURIComponent(max)}/topics`;
    const topic = { partitions_count: 1, compression_algorithm: 'none', message_expiry: 0, max_topic_size: 0 };
    expect(await send('POST', path, JSON.stringify({ name: over, ...topic }))).toMatchObject({ status: 400, json: { id: 2014, field: 'name' } });
    expect(await send('POST', path, JSON.stringify({ name: '', ...topic }))).toMatchObject({ status: 400, json: { id: 2014 } });
    expect((await send('POST', path, JSON.stringify({ name: 't', ...topic }))).status).toBe(200);
    expect(await send('POST', `${path}/t/consumer-groups`, JSON.stringify({ name: over }))).toMatchObject({ status: 400, json: { id: 5005 } });
    expect((await send('GET', `${path}/t/consumer-groups`)).json).toEqual([]);
  });
});
