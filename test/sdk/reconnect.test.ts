// Proves the SDK survives a server restart (same data dir, new port): a
// consumer mid-stream reconnects, logs in again and goes on where it was, each
// message once and in order; a fresh consumer continues from the stored
// offset; a group member re-joins its group; and a producer cut off mid-stream
// loses nothing and keeps order (a batch may arrive twice: at least once).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Consumers, IggyClient } from '../../sdk/client.js';
import { type ConsumedMessage, Consumer } from '../../sdk/consumer.js';
import { Producer } from '../../sdk/producer.js';
import { TcpTransport } from '../../sdk/transport/tcp/tcp_transport.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
const clients: IggyClient[] = [];

/** The transport factory reads the port on every (re)connect: a restarted server listens elsewhere. */
async function connect(): Promise<IggyClient> {
  const client = await IggyClient.connect({
    transport: () => new TcpTransport({ port: server.port }),
    auth: { username: 'iggy', password: 'iggy' },
    heartbeatIntervalMs: 0,
    reconnect: { delayMsMin: 20, delayMsMax: 200 },
  });
  clients.push(client);
  return client;
}

beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  for (const client of clients.splice(0)) await client.close();
  await server.close();
});

const COUNT = 6_000;
const sequenceOf = (m: ConsumedMessage) => new DataView(m.payload.buffer, m.payload.byteOffset, 4).getUint32(0, true);

async function setupTopic(client: IggyClient, partitionsCount = 1): Promise<void> {
  await client.streams.create('s');
  await client.topics.create('s', { name: 't', partitionsCount });
}

async function produce(client: IggyClient, from: number, to: number): Promise<void> {
  const producer = new Producer(client, { stream: 's', topic: 't', batchMessagesMax: 500, lingerMs: 1 });
  for (let i = from; i < to; i++) {
    const payload = new Uint8Array(8);
    new DataView(payload.buffer).setUint32(0, i, true);
    await producer.send({ payload, partitionId: 0 });
  }
  await producer.close();
}

function expectSequence(messages: ConsumedMessage[], from: number, to: number): void {
  expect(messages.length).toBe(to - from);
  messages.forEach((m, i) => {
    if (sequenceOf(m) !== from + i) throw new Error(`message ${i}: sequence ${sequenceOf(m)}, expected ${from + i}`);
  });
}

describe('reconnect across a server restart', () => {
  it('a consumer mid-stream goes on after the restart, each message once and in order', async () => {
    const client = await connect();
    await setupTopic(client);
    await produce(client, 0, COUNT);
    const reconnects: number[] = [];
    client.on('reconnect', ({ attempts }) => reconnects.push(attempts));

    const consumer = new Consumer(client, { stream: 's', topic: 't', consumerId: 5, batchSize: 200, pollIntervalMs: 10 });
    const received: ConsumedMessage[] = [];
    for await (const message of consumer) {
      received.push(message);
      if (received.length === COUNT / 2) await server.restart();
      if (received.length === COUNT) break;
    }
    expect(reconnects.length).toBeGreaterThanOrEqual(1);
    expectSequence(received, 0, COUNT);
    expect((await client.offsets.get(Consumers.single(5), 's', 't', 0))?.storedOffset).toBe(BigInt(COUNT - 1));
  });

  it('a new consumer after the restart continues from the stored offset', async () => {
    const first = await connect();
    await setupTopic(first);
    await produce(first, 0, COUNT);
    const consumer = new Consumer(first, { stream: 's', topic: 't', consumerId: 9, batchSize: 250, pollIntervalMs: 10 });
    const before: ConsumedMessage[] = [];
    for await (const message of consumer) {
      before.push(message);
      if (before.length === 2_500) break; // commits offset 2 499 on the way out
    }
    await server.restart();
    const second = await connect();
    const resumed = new Consumer(second, { stream: 's', topic: 't', consumerId: 9, batchSize: 250, pollIntervalMs: 10 });
    const after: ConsumedMessage[] = [];
    for await (const message of resumed) {
      after.push(message);
      if (after.length === COUNT - 2_500) break;
    }
    expectSequence(before, 0, 2_500);
    expectSequence(after, 2_500, COUNT);
  });

  it('a group member re-joins its group after the restart and keeps consuming', async () => {
    const client = await connect();
    await setupTopic(client, 2);
    await client.groups.create('s', 't', 'g');
    await produce(client, 0, COUNT); // all to partition 0
    const consumer = new Consumer(client, { stream: 's', topic: 't', group: 'g', batchSize: 200, pollIntervalMs: 10 });
    const received: ConsumedMessage[] = [];
    for await (const message of consumer) {
      received.push(message);
      if (received.length === 1_000) {
        const reconnected = new Promise<void>((resolve) => client.on('reconnect', () => resolve()));
        await server.restart();
        await reconnected;
        expect((await client.system.me()).consumerGroups).toHaveLength(1); // re-joined before this call went out
      }
      if (received.length === COUNT) break;
    }
    expectSequence(received, 0, COUNT);
  });

  it('a producer cut off mid-stream loses nothing and keeps order', async () => {
    const client = await connect();
    await setupTopic(client);
    const producing = produce(client, 0, COUNT);
    // Restart while batches are in flight.
    while ((await client.topics.get('s', 't').catch(() => null))?.topic.messagesCount === 0n) await new Promise((r) => setTimeout(r, 1));
    await server.restart();
    await producing;

    const reader = await connect();
    const consumer = new Consumer(reader, { stream: 's', topic: 't', consumerId: 1, strategy: { kind: 3, value: 0n }, batchSize: 1000, pollIntervalMs: 10 });
    const sequences: number[] = [];
    const total = Number((await reader.topics.get('s', 't'))!.topic.messagesCount);
    for await (const message of consumer) {
      sequences.push(sequenceOf(message));
      if (sequences.length === total) break;
    }
    // At least once: first occurrences are 0..COUNT-1 in order; a resent batch may repeat.
    const firstSeen: number[] = [];
    const seen = new Set<number>();
    for (const sequence of sequences) {
      if (seen.has(sequence)) continue;
      seen.add(sequence);
      firstSeen.push(sequence);
    }
    expect(firstSeen).toEqual(Array.from({ length: COUNT }, (_, i) => i));
  });
});
