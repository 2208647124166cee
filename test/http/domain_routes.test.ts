// The stream, topic, partition, segment, consumer offset and system routes
// over real HTTP, each a binding around its op: driven by IggyClient over the
// HttpDispatcher (so the SDK and the server prove the same bindings end to
// end) and by raw fetch where the exact status, JSON or headers are the point
// (HTTP.md §3-§6). Tokens come from the server's own issuer (logins are
// tested in users_groups_routes.test.ts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IggyClient } from '../../sdk/client.js';
import { connect } from '../../sdk/index.js';
import { Consumers, Partitionings } from '../../sdk/values.js';
import { HttpDispatcher } from '../../sdk/transport/http/http_dispatcher.js';
import { HTTP_BINDINGS, refreshTokenBinding } from '../../src/protocol/http/bindings/index.js';
import { parseJson } from '../../src/protocol/http/json.js';
import { CompressionAlgorithm, U64_MAX } from '../../src/protocol/types.js';
import { bearer, startHttpTestServer, type HttpTestServer } from './http_helpers.js';

let t: HttpTestServer;
let token: string;
let client: IggyClient;
beforeEach(async () => {
  t = await startHttpTestServer();
  const issued = await t.http.jwt.issue(0); // the root user
  token = issued.token;
  client = await IggyClient.connect({ dispatcher: new HttpDispatcher({ url: t.base, accessToken: { token, expiryS: issued.expiry } }), heartbeatIntervalMs: 0 });
});
afterEach(async () => {
  await client.close();
  await t.close();
});

const NOT_FOUND = { id: 404, code: 'not_found', reason: 'Resource not found', field: null };

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; text: string; json: unknown }> {
  const init: RequestInit = { method, headers: { ...bearer(token), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers } };
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  const res = await fetch(`${t.base}${path}`, init);
  const text = await res.text();
  return { status: res.status, text, json: text !== '' && (res.headers.get('content-type') ?? '').includes('json') ? parseJson(text) : undefined };
}

describe('the route table', () => {
  it('mounts every binding at its method and path', () => {
    const mounted = new Set(t.http.router.routes.map((r) => `${r.method} ${r.path}`));
    const unmounted = [...Object.values(HTTP_BINDINGS), refreshTokenBinding].filter((x) => !mounted.has(`${x.method} ${x.path}`)).map((x) => x.name);
    expect(unmounted).toEqual([]);
  });
});

describe('streams and topics over HTTP', () => {
  it('runs the stream and topic lifecycle through IggyClient', async () => {
    const stream = await client.streams.create('orders');
    expect(stream.name).toBe('orders');
    expect((await client.streams.get('orders'))?.stream.id).toBe(stream.id);
    expect((await client.streams.list()).map((s) => s.name)).toEqual(['orders']);
    await client.streams.update(stream.id, 'sales');
    const topic = await client.topics.create('sales', { name: 'eu', partitionsCount: 2, compression: CompressionAlgorithm.Gzip, messageExpiryUs: U64_MAX });
    expect(topic.topic).toMatchObject({ name: 'eu', partitionsCount: 2, compression: CompressionAlgorithm.Gzip, messageExpiryUs: U64_MAX });
    expect(topic.partitions.map((p) => p.id)).toHaveLength(2);
    await client.topics.update('sales', 'eu', { name: 'emea', compression: CompressionAlgorithm.None, replicationFactor: 1 });
    expect((await client.topics.list('sales')).map((x) => x.name)).toEqual(['emea']);
    await client.partitions.create('sales', 'emea', 3);
    await client.partitions.delete('sales', 'emea', 1);
    expect((await client.topics.get('sales', 'emea'))?.topic.partitionsCount).toBe(4);
    await client.segments.delete('sales', 'emea', 0, 1);
    await client.topics.purge('sales', 'emea');
    await client.streams.purge('sales');
    await client.topics.delete('sales', 'emea');
    await client.streams.delete('sales');
    expect(await client.streams.get('sales')).toBeNull();
    expect(await client.topics.get('sales', 'emea')).toBeNull();
    expect(await client.topics.list('sales')).toEqual([]);
  });

  it('answers create with 200 StreamDetails, lookups of nothing with the generic 404', async () => {
    const created = await call('POST', '/streams', { name: 'orders' });
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({ name: 'orders', size: '0 B', messages_count: 0, topics_count: 0, topics: [] });
    expect(await call('GET', '/streams/nope')).toMatchObject({ status: 404, json: NOT_FOUND });
    expect(await call('GET', '/streams/nope/topics')).toMatchObject({ status: 404, json: NOT_FOUND });
    expect(await call('GET', '/streams/orders/topics/nope')).toMatchObject({ status: 404, json: NOT_FOUND });
  });

  it('answers partitions 201 and deletes 204, both with empty bodies', async () => {
    await client.streams.create('s');
    await client.topics.create('s', { name: 't' });
    expect(await call('POST', '/streams/s/topics/t/partitions', { partitions_count: 2 })).toMatchObject({ status: 201, text: '' });
    expect(await call('DELETE', '/streams/s/topics/t/partitions?partitions_count=1')).toMatchObject({ status: 204, text: '' });
    expect(await call('DELETE', '/streams/s/topics/t/partitions/0?segments_count=1')).toMatchObject({ status: 204, text: '' });
    expect(await call('DELETE', '/streams/s/topics/t/purge')).toMatchObject({ status: 204, text: '' });
  });

  it('answers domain errors with Iggy error JSON and the blamed field', async () => {
    await client.streams.create('orders');
    const taken = await call('POST', '/streams', { name: 'orders' });
    expect(taken.status).toBe(400);
    expect(taken.json).toMatchObject({ id: 1012, code: 'stream_name_already_exists', field: 'name' });
    await expect(client.streams.create('orders')).rejects.toMatchObject({ code: 1012 });
    const missing = await call('DELETE', '/streams/999');
    expect(missing).toMatchObject({ status: 404, json: { id: 1009, code: 'stream_id_not_found', field: 'stream_id' } });
    await expect(client.streams.delete(999)).rejects.toMatchObject({ code: 1009 });
    const zeroReplicas = await call('POST', '/streams/orders/topics', { name: 't', partitions_count: 1, compression_algorithm: 'none', message_expiry: 0, max_topic_size: 0, replication_factor: 0 });
    expect(zeroReplicas).toMatchObject({ status: 400, json: { id: 2018 } });
  });

  it('rejects malformed bodies: wrong type names the field, no content type is 415', async () => {
    const wrong = await call('POST', '/streams', { name: 5 });
    expect(wrong.status).toBe(400);
    expect(wrong.json).toMatchObject({ id: 4 });
    expect((wrong.json as { reason: string }).reason).toContain('name');
    const untyped = await fetch(`${t.base}/streams`, { method: 'POST', headers: bearer(token), body: '{"name":"x"}' });
    expect(untyped.status).toBe(415);
    expect(await call('GET', '/streams')).toMatchObject({ status: 200, json: [] }); // still serving
  });

  it('answers a token whose user is gone with Unauthenticated (40)', async () => {
    const { token: orphan } = await t.http.jwt.issue(4242);
    const res = await fetch(`${t.base}/streams`, { headers: bearer(orphan) });
    expect(res.status).toBe(401);
    expect(parseJson(await res.text())).toMatchObject({ id: 40 });
  });
});

describe('consumer offsets over HTTP', () => {
  it('stores, reads and deletes a single consumer offset; nothing stored is null', async () => {
    await client.streams.create('s');
    await client.topics.create('s', { name: 't' });
    // Messages go in over TCP: the send route is mounted with the messages ops.
    const tcpClient = await connect({ port: t.server.port, auth: { username: 'iggy', password: 'iggy' }, heartbeatIntervalMs: 0 });
    await tcpClient.messages.send('s', 't', [1, 2, 3].map((n) => ({ payload: Uint8Array.of(n) })), Partitionings.partitionId(0));
    await tcpClient.close();
    const consumer = Consumers.single('worker');
    expect(await client.offsets.get(consumer, 's', 't', 0)).toBeNull();
    expect(await call('GET', '/streams/s/topics/t/consumer-offsets?consumer_id=worker&partition_id=0')).toMatchObject({ status: 404, json: NOT_FOUND });
    await client.offsets.store(consumer, 's', 't', 0, 1n);
    expect(await client.offsets.get(consumer, 's', 't', 0)).toEqual({ partitionId: 0, currentOffset: 2n, storedOffset: 1n });
    expect(await call('GET', '/streams/s/topics/t/consumer-offsets?consumer_id=worker&partition_id=0')).toMatchObject({
      status: 200, json: { partition_id: 0, current_offset: 2, stored_offset: 1 },
    });
    await expect(client.offsets.store(consumer, 's', 't', 0, 9n)).rejects.toMatchObject({ code: 4100 });
    await client.offsets.delete(consumer, 's', 't', 0);
    expect(await client.offsets.get(consumer, 's', 't', 0)).toBeNull();
    await expect(client.offsets.get(Consumers.group(1), 's', 't', 0)).rejects.toMatchObject({ code: 5 });
  });
});

describe('system routes over HTTP', () => {
  it('answers stats with size strings and clients sorted, an unknown client with 404', async () => {
    const stats = await call('GET', '/stats');
    expect(stats.status).toBe(200);
    expect(typeof (stats.json as { memory_usage: unknown }).memory_usage).toBe('string');
    expect((await client.system.stats()).processId).toBe(process.pid);
    expect(Array.isArray((await call('GET', '/clients')).json)).toBe(true);
    expect(await call('GET', '/clients/999999')).toMatchObject({ status: 404, json: NOT_FOUND });
    expect(await client.system.client(999_999)).toBeNull();
  });

  it('answers cluster metadata as the single node, as over TCP', async () => {
    const res = await call('GET', '/cluster/metadata');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ name: 'single-node', nodes: [{ name: 'iggy-node', role: 'leader', status: 'healthy' }] });
    expect(await client.system.clusterMetadata()).toMatchObject({ name: 'single-node', nodes: [{ name: 'iggy-node' }] });
  });

  it('answers a snapshot as a ZIP attachment', async () => {
    const res = await fetch(`${t.base}/snapshot`, {
      method: 'POST', headers: { ...bearer(token), 'content-type': 'application/json' }, body: '{"compression":"Deflated","snapshot_types":["Test"]}',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="iggy_snapshot_\d{8}_\d{6}\.zip"$/);
    const zip = new Uint8Array(await res.arrayBuffer());
    expect([...zip.subarray(0, 2)]).toEqual([0x50, 0x4b]);
    expect((await client.system.snapshot())[0]).toBe(0x50);
    const mixed = await call('POST', '/snapshot', { compression: 'Stored', snapshot_types: ['All', 'Test'] });
    expect(mixed).toMatchObject({ status: 400, json: { id: 3 } });
  });
});
