// GET /metrics in Prometheus text with the server's figures and the request
// metrics of every transport (TCP counted by dispatch, HTTP by the
// pipeline); GET /openapi.json lists exactly the routes the router serves
// (both ways), with every status each route documents.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openApiPath, pipelineResponses } from '../../src/transport/http/openapi.js';
import { connect } from '../../sdk/index.js';
import { bearer, startHttpTestServer, type HttpTestServer } from './http_helpers.js';

let t: HttpTestServer;
beforeEach(async () => {
  t = await startHttpTestServer();
});
afterEach(async () => {
  await t.close();
});

describe('GET /metrics', () => {
  it('serves Prometheus text with figures, requests, errors and latency', async () => {
    await fetch(`${t.base}/ping`);
    await fetch(`${t.base}/nowhere`);
    const res = await fetch(`${t.base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toMatch(/^iggy_streams 0$/m);
    expect(text).toMatch(/^iggy_clients \d+$/m);
    expect(text).toContain('iggy_requests_total{command="GET /ping",transport="http"} 1');
    expect(text).toContain('iggy_request_errors_total{command="unknown",transport="http",status="404"} 1');
    expect(text).toContain('iggy_request_duration_seconds_bucket{le="+Inf",command="GET /ping",transport="http"} 1');
  });

  it('counts TCP and HTTP requests per command, errors by status, latency and bytes per transport', async () => {
    const tcp = await connect({ port: t.server.port, auth: { username: 'iggy', password: 'iggy' }, heartbeatIntervalMs: 0 });
    await tcp.streams.create('s');
    await expect(tcp.streams.create('s')).rejects.toMatchObject({ code: 1012 });
    await tcp.close();
    const { token } = await t.http.jwt.issue(0);
    await fetch(`${t.base}/streams`, { headers: bearer(token) });
    await fetch(`${t.base}/streams/nope`, { method: 'DELETE', headers: bearer(token) });
    const text = await (await fetch(`${t.base}/metrics`)).text();
    expect(text).toMatch(/^iggy_streams 1$/m);
    expect(text).toContain('iggy_requests_total{command="CreateStream",transport="tcp"} 2');
    expect(text).toContain('iggy_requests_total{command="LoginUser",transport="tcp"} 1');
    expect(text).toContain('iggy_request_errors_total{command="CreateStream",transport="tcp",status="1012"} 1');
    expect(text).toContain('iggy_requests_total{command="GetStreams",transport="http"} 1');
    expect(text).toContain('iggy_request_errors_total{command="DeleteStream",transport="http",status="404"} 1');
    expect(text).toContain('iggy_request_duration_seconds_count{command="CreateStream",transport="tcp"} 2');
    expect(text).toMatch(/^iggy_request_duration_seconds_bucket\{le="\+Inf",command="GetStreams",transport="http"\} 1$/m);
    const bytes = (name: string, transport: string) => Number(new RegExp(`^${name}\\{transport="${transport}"\\} (\\d+)$`, 'm').exec(text)?.[1]);
    // Two CreateStream frames of 8 + 2 bytes at least, and their replies.
    expect(bytes('iggy_received_bytes_total', 'tcp')).toBeGreaterThanOrEqual(20);
    expect(bytes('iggy_sent_bytes_total', 'tcp')).toBeGreaterThan(16);
    expect(bytes('iggy_sent_bytes_total', 'http')).toBeGreaterThan(0);
  });

  it('is absent when http.metrics.enabled is false', async () => {
    const off = await startHttpTestServer({ http: { metrics: { enabled: false } } });
    try {
      expect((await fetch(`${off.base}/metrics`)).status).toBe(404);
    } finally {
      await off.close();
    }
  });
});

describe('GET /openapi.json', () => {
  it('documents every route with its statuses, and nothing else', async () => {
    const res = await fetch(`${t.base}/openapi.json`);
    expect(res.status).toBe(200);
    const doc = await res.json();
    expect(doc.openapi).toBe('3.1.0');
    const documented = new Set<string>();
    for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, { responses: object }>>)) {
      for (const method of Object.keys(methods)) documented.add(`${method.toUpperCase()} ${path}`);
    }
    const served = new Set(t.http.router.routes.map((r) => `${r.method} ${openApiPath(r.path)}`));
    expect([...documented].sort()).toEqual([...served].sort());
    for (const route of t.http.router.routes) {
      const op = doc.paths[openApiPath(route.path)][route.method.toLowerCase()];
      const statuses = new Set([...Object.keys(route.responses), ...Object.keys(pipelineResponses(route))]);
      expect(Object.keys(op.responses).sort()).toEqual([...statuses].sort());
      expect(op.security).toEqual(route.auth ? [{ bearer: [] }] : []);
    }
  });

  it('documents the statuses the pipeline answers for a JSON route', async () => {
    const doc = await (await fetch(`${t.base}/openapi.json`)).json();
    expect(Object.keys(doc.paths['/users/refresh-token'].post.responses).sort()).toEqual(['200', '400', '401', '413', '415']);
    expect(Object.keys(doc.paths['/users/logout'].delete.responses).sort()).toEqual(['204', '401']);
  });

  it('describes request bodies from the validation schemas', async () => {
    const doc = await (await fetch(`${t.base}/openapi.json`)).json();
    const refresh = doc.paths['/users/refresh-token'].post;
    expect(refresh.requestBody.content['application/json'].schema).toEqual({
      type: 'object',
      properties: { token: { type: 'string', minLength: 1 } },
      required: ['token'],
    });
  });
});
