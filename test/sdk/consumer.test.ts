// Proves the Consumer's modes against the real server: explicit commit()
// stores exactly what was committed and nothing before; autoCommit 'poll' lets
// the server store the last polled offset; start strategies (first, last,
// offset) position a single consumer; the queue between poller and iterator
// stays within its bound while the application is slow; partitions added
// later are consumed too; and a missing topic ends the iteration with a typed
// TopicIdNotFound (2010).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Consumers, IggyClient, PollingStrategies } from '../../sdk/client.js';
import { type ConsumedMessage, Consumer, type ConsumerOptions } from '../../sdk/consumer.js';
import { tcp } from '../../sdk/transport/tcp/tcp_transport.js';
import { IggyError } from '../../src/errors/iggy_error.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let client: IggyClient;

beforeEach(async () => {
  server = await startTestServer();
  client = await IggyClient.connect({ transport: tcp({ port: server.port }), auth: { username: 'iggy', password: 'iggy' }, heartbeatIntervalMs: 0 });
  await client.streams.create('s');
  await client.topics.create('s', { name: 't', partitionsCount: 1 });
  const messages = Array.from({ length: 100 }, (_, i) => ({ payload: `m${i}` }));
  await client.messages.send('s', 't', messages, { kind: 2, partitionId: 0 });
});
afterEach(async () => {
  await client.close();
  await server.close();
});

const text = (m: ConsumedMessage) => new TextDecoder().decode(m.payload);

async function take(options: Partial<ConsumerOptions>, count: number, each?: (m: ConsumedMessage, c: Consumer) => Promise<void>) {
  const consumer = new Consumer(client, { stream: 's', topic: 't', pollIntervalMs: 5, batchSize: 10, ...options });
  const received: ConsumedMessage[] = [];
  for await (const message of consumer) {
    received.push(message);
    await each?.(message, consumer);
    if (received.length === count) break;
  }
  return received;
}

describe('Consumer', () => {
  it('stores only what commit() was given when autoCommit is off', async () => {
    const consumer = Consumers.single(2);
    await take({ consumerId: 2, autoCommit: false }, 30, async (message, c) => {
      if (message.offset === 4n) await c.commit(message);
      if (message.offset === 10n) expect((await client.offsets.get(consumer, 's', 't', 0))?.storedOffset).toBe(4n);
    });
    expect((await client.offsets.get(consumer, 's', 't', 0))?.storedOffset).toBe(4n); // leaving did not commit
    const resumed = await take({ consumerId: 2, autoCommit: false }, 1, (_, c) => c.commit());
    expect(resumed.map(text)).toEqual(['m5']);
    expect((await client.offsets.get(consumer, 's', 't', 0))?.storedOffset).toBe(5n);
  });

  it("lets the server store the last polled offset with autoCommit 'poll'", async () => {
    await take({ consumerId: 3, autoCommit: 'poll', batchSize: 10 }, 5);
    // Polls are whole batches: the server committed at least the first batch of 10.
    const stored = (await client.offsets.get(Consumers.single(3), 's', 't', 0))?.storedOffset;
    expect(stored !== undefined && stored >= 9n && stored % 10n === 9n).toBe(true);
  });

  it('starts where the strategy says: first, last, offset', async () => {
    expect((await take({ consumerId: 4, partitionId: 0, strategy: PollingStrategies.first() }, 3)).map(text)).toEqual(['m0', 'm1', 'm2']);
    expect((await take({ consumerId: 5, partitionId: 0, strategy: PollingStrategies.last(), batchSize: 2 }, 2)).map(text)).toEqual(['m98', 'm99']);
    expect((await take({ consumerId: 6, partitionId: 0, strategy: PollingStrategies.offset(40n) }, 3)).map(text)).toEqual(['m40', 'm41', 'm42']);
  });

  it('keeps the queue within its bound while the application is slow', async () => {
    let largest = 0;
    const received = await take({ consumerId: 7, batchSize: 10, queueMessagesMax: 20 }, 100, async (_, c) => {
      largest = Math.max(largest, c.bufferedMessages);
      await new Promise((r) => setTimeout(r, 1));
    });
    expect(received.map(text)).toEqual(Array.from({ length: 100 }, (_, i) => `m${i}`));
    expect(largest).toBeGreaterThan(0);
    expect(largest).toBeLessThanOrEqual(20);
  });

  it('ends the iteration with TopicIdNotFound (2010) for a missing topic', async () => {
    const consumer = new Consumer(client, { stream: 's', topic: 'missing' });
    try {
      for await (const _ of consumer) expect.unreachable();
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(IggyError);
      expect((error as IggyError).code).toBe(2010);
    }
  });

  it('picks up partitions added while it runs', async () => {
    const received = await take({ consumerId: 8, batchSize: 50 }, 101, async (message) => {
      if (message.offset === 99n && message.partitionId === 0) {
        await client.partitions.create('s', 't', 1);
        await client.messages.send('s', 't', [{ payload: 'new partition' }], { kind: 2, partitionId: 1 });
      }
    });
    expect(received.at(-1)).toMatchObject({ partitionId: 1, offset: 0n });
    expect(text(received.at(-1)!)).toBe('new partition');
  });
});
