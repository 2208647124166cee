// Proves Producer and Consumer move 100 000 small messages through the real
// server with every message received exactly once and, per partition, in the
// order produced; and that two group members split a keyed topic between
// them, each message once and in order per key, also when the second member
// joins mid-stream and partitions are handed over. Payload = [sequence u32][8 zero bytes].
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IggyClient } from '../../sdk/client.js';
import { type ConsumedMessage, Consumer } from '../../sdk/consumer.js';
import { Producer } from '../../sdk/producer.js';
import { tcp } from '../../sdk/transport/tcp/tcp_transport.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
const clients: IggyClient[] = [];

async function connect(): Promise<IggyClient> {
  const client = await IggyClient.connect({ transport: tcp({ port: server.port }), auth: { username: 'iggy', password: 'iggy' }, heartbeatIntervalMs: 0 });
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

const KEYS = 7;
const sequenceOf = (message: ConsumedMessage) => new DataView(message.payload.buffer, message.payload.byteOffset, 4).getUint32(0, true);

async function produce(client: IggyClient, count: number, options: { keyed?: boolean } = {}): Promise<void> {
  const producer = new Producer(client, { stream: 's', topic: 't', batchMessagesMax: 1000, lingerMs: 2, inFlightBatchesMax: 4 });
  for (let i = 0; i < count; i++) {
    const payload = new Uint8Array(12);
    new DataView(payload.buffer).setUint32(0, i, true);
    await producer.send(options.keyed ? { payload, key: i % KEYS } : { payload });
  }
  await producer.close();
  expect(producer.messagesSent).toBe(count);
}

/**
 * Each sequence exactly once; offsets ascending per partition; sequences
 * ascending per ordering unit: the partition, or with keys the key (batches of
 * different keys sharing a partition interleave by batch).
 */
function checkOncePerPartitionOrder(messages: ConsumedMessage[], count: number, keys = 0): void {
  const seen = new Uint8Array(count);
  const lastOffset = new Map<number, bigint>();
  const lastSequence = new Map<string, number>();
  for (const message of messages) {
    const sequence = sequenceOf(message);
    expect(sequence).toBeLessThan(count);
    if (seen[sequence] !== 0) throw new Error(`sequence ${sequence} received twice`);
    seen[sequence] = 1;
    const offset = lastOffset.get(message.partitionId);
    if (offset !== undefined && message.offset <= offset) throw new Error(`partition ${message.partitionId}: offset ${message.offset} after ${offset}`);
    lastOffset.set(message.partitionId, message.offset);
    const unit = keys > 0 ? `key ${sequence % keys}` : `partition ${message.partitionId}`;
    const previous = lastSequence.get(unit);
    if (previous !== undefined && sequence <= previous) throw new Error(`${unit}: sequence ${sequence} after ${previous}`);
    lastSequence.set(unit, sequence);
  }
  expect(seen.every((v) => v === 1)).toBe(true);
}

describe('Producer and Consumer', () => {
  it('move 100 000 messages over 3 partitions, each once and in order per partition', async () => {
    const count = 100_000;
    const client = await connect();
    await client.streams.create('s');
    await client.topics.create('s', { name: 't', partitionsCount: 3 });
    await produce(client, count);
    const details = await client.topics.get('s', 't');
    expect(details?.partitions.every((p) => p.messagesCount > 0n)).toBe(true); // balanced spread the batches

    const consumer = new Consumer(await connect(), { stream: 's', topic: 't', consumerId: 1, batchSize: 1000, pollIntervalMs: 10 });
    const received: ConsumedMessage[] = [];
    for await (const message of consumer) {
      received.push(message);
      if (received.length === count) break;
    }
    checkOncePerPartitionOrder(received, count);
    // Leaving the loop committed what was processed: the stored offsets are each partition's last.
    for (const partition of (await client.topics.get('s', 't'))!.partitions) {
      const offset = await client.offsets.get({ kind: 1, id: { kind: 'numeric', value: 1 } }, 's', 't', partition.id);
      expect(offset?.storedOffset).toBe(partition.currentOffset);
    }
  });

  it('let two group members split a keyed topic, each message once, in order per key', async () => {
    const count = 20_000;
    const client = await connect();
    await client.streams.create('s');
    await client.topics.create('s', { name: 't', partitionsCount: 4 });
    await produce(client, count, { keyed: true });

    const members = [
      new Consumer(await connect(), { stream: 's', topic: 't', group: 'g', batchSize: 500, pollIntervalMs: 10 }),
      new Consumer(await connect(), { stream: 's', topic: 't', group: 'g', batchSize: 500, pollIntervalMs: 10 }),
    ];
    await Promise.all(members.map((m) => m.start()));
    const group = await client.groups.get('s', 't', 'g');
    expect(group?.members.map((m) => m.partitions.length).sort()).toEqual([2, 2]);

    const received: ConsumedMessage[] = [];
    const perMember = [0, 0];
    await Promise.all(
      members.map(async (member, index) => {
        for await (const message of member) {
          received.push(message);
          perMember[index]!++;
          // Closing both ends this loop and the other member's (its next() is done).
          if (received.length === count) await Promise.all(members.map((m) => m.close()));
        }
      }),
    );
    expect(perMember.every((n) => n > 0)).toBe(true);
    checkOncePerPartitionOrder(received, count, KEYS);
  });

  it('hands partitions over when a second member joins mid-stream, each message once', async () => {
    const count = 20_000;
    const client = await connect();
    await client.streams.create('s');
    await client.topics.create('s', { name: 't', partitionsCount: 4 });
    await produce(client, count, { keyed: true });

    const first = new Consumer(await connect(), { stream: 's', topic: 't', group: 'g', batchSize: 200, pollIntervalMs: 5 });
    const second = new Consumer(await connect(), { stream: 's', topic: 't', group: 'g', batchSize: 200, pollIntervalMs: 5 });
    const received: ConsumedMessage[] = [];
    const perMember = [0, 0];
    const finish = () => Promise.all([first.close(), second.close()]);
    const consume = async (member: Consumer, index: number) => {
      for await (const message of member) {
        received.push(message);
        perMember[index]!++;
        if (index === 0 && perMember[0] === 2_000) void consume(second, 1); // the second member joins now
        if (received.length === count) await finish();
      }
    };
    await consume(first, 0);
    await finish();
    expect(perMember[1]).toBeGreaterThan(0);
    checkOncePerPartitionOrder(received, count, KEYS);
  });
});
