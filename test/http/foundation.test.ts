// The HTTP listener's foundation over real HTTP: public routes, unknown
// routes and methods, CORS preflight, the body limit, malformed and invalid
// JSON bodies, and that one bad request leaves the server serving others.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHttpTestServer, type HttpTestServer } from './http_helpers.js';

let t: HttpTestServer;
beforeEach(async () => {
  t = await startHttpTestServer({ http: { max_request_size: 1024 } });
});
afterEach(async () => {
  await t.close();
});

describe('public routes', () => {
  it('answers / and /ping as text', async () => {
    const root = await fetch(`${t.base}/`);
    expect(root.status).toBe(200);
    expect(await root.text()).toBe('Iggy API');
    const ping = await fetch(`${t.base}/ping`);
    expect(ping.status).toBe(200);
    expect(await ping.text()).toBe('pong');
  });

  it('reports whether native uWS runs', () => {
    expect(['native', 'fallback']).toContain(t.http.uwsKind);
  });
});

describe('unknown routes and methods', () => {
  it('answers an unknown path 404 with the generic error JSON', async () => {
    const res = await fetch(`${t.base}/no/such/route`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ id: 404, code: 'not_found', reason: 'Resource not found', field: null });
  });

  it('answers a known path with another method 405 and lists the allowed ones', async () => {
    const res = await fetch(`${t.base}/ping`, { method: 'PUT' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
    expect((await res.json()).code).toBe('method_not_allowed');
  });
});

describe('CORS', () => {
  it('answers a preflight from any origin with methods and headers, without a token', async () => {
    const res = await fetch(`${t.base}/users/logout`, {
      method: 'OPTIONS',
      headers: { origin: 'http://ui.example', 'access-control-request-method': 'DELETE', 'access-control-request-headers': 'authorization' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toBe('GET, POST, PUT, DELETE');
    expect(res.headers.get('access-control-allow-headers')).toBe('content-type, authorization');
  });

  it('grants the origin on ordinary responses too', async () => {
    const res = await fetch(`${t.base}/ping`, { headers: { origin: 'http://ui.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('request bodies', () => {
  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${t.base}/users/refresh-token`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });

  it('answers a body over http.max_request_size with 413', async () => {
    const res = await post(JSON.stringify({ token: 'x'.repeat(2000) }));
    expect(res.status).toBe(413);
    expect((await res.json()).id).toBe(413);
    expect((await fetch(`${t.base}/ping`)).status).toBe(200);
  });

  it('counts a chunked body without content-length against the limit', async () => {
    const chunks = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 4; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(400)));
        controller.close();
      },
    });
    const res = await fetch(`${t.base}/users/refresh-token`, { method: 'POST', body: chunks, duplex: 'half', headers: { 'content-type': 'application/json' } } as RequestInit);
    expect(res.status).toBe(413);
  });

  it('answers malformed JSON 400 with InvalidFormat error JSON', async () => {
    const res = await post('{"token": ');
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body).toMatchObject({ id: 4, code: 'invalid_format', field: null });
  });

  it('answers a wrong type 400 naming the field', async () => {
    const res = await post('{"token": 42}');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ id: 4, code: 'invalid_format', field: 'token' });
  });

  it('answers a body without the JSON content type 415', async () => {
    const res = await fetch(`${t.base}/users/refresh-token`, { method: 'POST', body: '{"token":"x"}', headers: { 'content-type': 'text/plain' } });
    expect(res.status).toBe(415);
    expect((await res.json()).id).toBe(415);
    expect((await post('{"token":"x"}', { 'content-type': 'application/json; charset=utf-8' })).status).toBe(401);
  });

  it('answers a missing body 400', async () => {
    const res = await fetch(`${t.base}/users/refresh-token`, { method: 'POST', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect((await res.json()).id).toBe(4);
  });
});
