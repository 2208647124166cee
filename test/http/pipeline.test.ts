// The request pipeline with test routes (no op behind them): a u64 above 2^53
// goes JSON -> schema -> route -> JSON exactly; a route's unexpected failure
// is a 500 with error JSON while others are served; a client that hangs up
// mid-request does not take the server down; query strings are validated.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { writeJson } from '../../src/protocol/http/json.js';
import { json, type Route } from '../../src/transport/http/router.js';
import { u32, u64 } from '../../src/transport/http/schema.js';
import { bearer, startHttpTestServer, type HttpTestServer } from './http_helpers.js';

const ok = { 200: { description: 'OK' } };
const ROUTES: Route[] = [
  {
    method: 'POST', path: '/test/echo/:name', auth: true, summary: 'echo', responses: ok,
    body: { offset: u64(), ids: { type: 'array', items: { type: 'any' } } },
    handle: ({ body, params, principal }: { body: { offset: bigint; ids: unknown[] }; params: Record<string, string>; principal: { userId: number } | null }) =>
      json(200, writeJson({ offset: body.offset, next: body.offset - 1n, ids: body.ids as never, name: params.name, user_id: principal?.userId ?? null })),
  },
  {
    method: 'GET', path: '/test/query', auth: false, summary: 'query', responses: ok,
    query: { value: u64({ fromText: true }), count: u32({ fromText: true, optional: true }) },
    handle: ({ query }: { query: { value: bigint; count?: number } }) => json(200, writeJson({ value: query.value, count: query.count ?? 10 })),
  },
  { method: 'GET', path: '/test/bug', auth: false, summary: 'bug', responses: ok, handle: () => { throw new Error('our bug'); } },
  { method: 'GET', path: '/test/slow', auth: false, summary: 'slow', responses: ok, handle: async () => { await sleep(200); return json(200, '{}'); } },
];

let t: HttpTestServer;
beforeEach(async () => {
  t = await startHttpTestServer(undefined, ROUTES);
});
afterEach(async () => {
  await t.close();
});

it('round-trips u64 values above 2^53 exactly and decodes path params', async () => {
  const { token } = await t.http.jwt.issue(3);
  const res = await fetch(`${t.base}/test/echo/caf%C3%A9`, {
    method: 'POST',
    headers: { ...bearer(token), 'content-type': 'application/json' },
    body: '{"offset": 18446744073709551615, "ids": [9007199254740993, 340282366920938463463374607431768211455]}',
  });
  expect(res.status).toBe(200);
  expect(await res.text()).toBe('{"offset":18446744073709551615,"next":18446744073709551614,'
    + '"ids":[9007199254740993,340282366920938463463374607431768211455],"name":"café","user_id":3}');
});

it('validates and converts the query string, naming the bad field', async () => {
  expect(await (await fetch(`${t.base}/test/query?value=18446744073709551615&count=3`)).text()).toBe('{"value":18446744073709551615,"count":3}');
  const bad = await fetch(`${t.base}/test/query?value=-1`);
  expect(bad.status).toBe(400);
  expect(await bad.json()).toMatchObject({ id: 4, field: 'value' });
});

it('answers an unexpected failure 500 with error JSON and keeps serving', async () => {
  const res = await fetch(`${t.base}/test/bug`);
  expect(res.status).toBe(500);
  expect(await res.json()).toMatchObject({ id: 1, code: 'error' });
  expect((await fetch(`${t.base}/ping`)).status).toBe(200);
});

it('survives a client that hangs up before the answer', async () => {
  const controller = new AbortController();
  const pending = fetch(`${t.base}/test/slow`, { signal: controller.signal }).catch((error: unknown) => error);
  await sleep(50);
  controller.abort();
  expect(await pending).toBeInstanceOf(Error);
  await sleep(250); // the route finishes after the abort and must not write
  expect((await fetch(`${t.base}/ping`)).status).toBe(200);
});
