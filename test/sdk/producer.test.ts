// Proves the Producer's options against the real server: partition id and
// key routing, generated message ids (non-zero, unique) and headers arrive
// intact, the in-flight window is never exceeded, a failed batch surfaces on
// flush() with its typed error, send() after close() is ProducerClosed (4057),
// and with server-side deduplication re-sent ids are stored once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IggyClient, Partitionings, PollingStrategies } from '../../sdk/client.js';
import { Producer } from '../../sdk/producer.js';
import { tcp } from '../../sdk/transport/tcp/tcp_transport.js';
import { IggyError } from '../../src/errors/iggy_error.js';
import { headerValue, headerValueToJs } from '../../src/protocol/user_headers.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let client: IggyClient;

beforeEach(async () => {
  server = await startTestServer();
  client = await IggyClient.connect({ transport: tcp({ port: server.port }), auth: { username: 'iggy', password: 'iggy' }, heartbeatIntervalMs: 0 });
  await client.streams.create('s');
  await client.topics.create('s', { name: 't', partitionsCount: 3 });
});
afterEach(async () => {
  await client.close();
  await server.close();
});

const all = async (partitionId: number) =>
  (await client.messages.poll('s', 't', { partitionId, strategy: PollingStrategies.first(), count: 10_000 })).messages;

describe('Producer', () => {
  it('routes by partition id and by key, and carries ids and headers', async () => {
    const producer = new Producer(client, { stream: 's', topic: 't', partitioning: Partitionings.partitionId(2), generateIds: true, lingerMs: 1 });
    const headers = [{ key: headerValue.string('trace'), value: headerValue.int32(-5) }];
    for (let i = 0; i < 50; i++) await producer.send({ payload: `p${i}`, headers });
    await producer.send([{ payload: 'k1', key: 'user-1' }, { payload: 'k2', key: 'user-1' }, { payload: 'x', partitionId: 0, id: 99n }]);
    await producer.close();

    const onTwo = await all(2);
    const sent = onTwo.filter((m) => new TextDecoder().decode(m.payload).startsWith('p'));
    expect(sent.map((m) => new TextDecoder().decode(m.payload))).toEqual(Array.from({ length: 50 }, (_, i) => `p${i}`));
    expect(new Set(sent.map((m) => m.header.id)).size).toBe(50);
    expect(sent.every((m) => m.header.id !== 0n)).toBe(true);
    expect(headerValueToJs(sent[0]!.userHeaders[0]!.value)).toBe(-5);
    const keyed = (await Promise.all([0, 1, 2].map(all))).map((messages) => messages.filter((m) => new TextDecoder().decode(m.payload).startsWith('k')));
    expect(keyed.filter((messages) => messages.length > 0)).toHaveLength(1); // both keyed messages in one partition, in order
    expect(keyed.flat().map((m) => new TextDecoder().decode(m.payload))).toEqual(['k1', 'k2']);
    expect((await all(0)).find((m) => m.header.id === 99n)).toBeDefined();
  });

  it('never has more batches in flight than its window', async () => {
    const producer = new Producer(client, { stream: 's', topic: 't', batchMessagesMax: 10, lingerMs: 0, inFlightBatchesMax: 2 });
    let largest = 0;
    for (let i = 0; i < 500; i++) {
      await producer.send({ payload: new Uint8Array(16) });
      largest = Math.max(largest, producer.inFlightBatches);
    }
    await producer.close();
    expect(largest).toBeGreaterThan(0);
    expect(largest).toBeLessThanOrEqual(2);
    expect(producer.messagesSent).toBe(500);
  });

  it('reports a failed batch on flush and refuses sends after close', async () => {
    const producer = new Producer(client, { stream: 'missing', topic: 't', lingerMs: 1 });
    await producer.send({ payload: 'lost' });
    await expect(producer.flush()).rejects.toMatchObject({ code: 1009 });
    await producer.close();
    const error = await producer.send({ payload: 'late' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IggyError);
    expect((error as IggyError).code).toBe(4057);
  });

  it('lets the server drop re-sent messages by id when deduplication is on', async () => {
    await client.close();
    await server.close();
    server = await startTestServer({ system: { message_deduplication: { enabled: true } } });
    client = await IggyClient.connect({ transport: tcp({ port: server.port }), auth: { username: 'iggy', password: 'iggy' }, heartbeatIntervalMs: 0 });
    await client.streams.create('s');
    await client.topics.create('s', { name: 't', partitionsCount: 1 });
    const producer = new Producer(client, { stream: 's', topic: 't', partitioning: Partitionings.partitionId(0), lingerMs: 1 });
    const batch = Array.from({ length: 100 }, (_, i) => ({ payload: `m${i}`, id: BigInt(i + 1) }));
    await producer.send(batch);
    await producer.flush();
    await producer.send(batch); // an application retry after an uncertain failure: same ids
    await producer.close();
    const stored = await client.messages.poll('s', 't', { partitionId: 0, strategy: PollingStrategies.first(), count: 1000 });
    expect(stored.messages.map((m) => m.header.id)).toEqual(batch.map((m) => m.id));
  });
});
