// Proves the README quick start works as written (through sdk/index.ts):
// connect, create a stream and topic, produce keyed JSON messages, consume
// them as a consumer group, and close.
import { afterEach, expect, it } from 'vitest';
import { Consumer, Producer, connect } from '../../sdk/index.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer | undefined;
afterEach(async () => server?.close());

it('runs the README quick start', async () => {
  server = await startTestServer();
  const port = server.port;
  // --- README snippet (port from the test server) ---
  const client = await connect({ host: '127.0.0.1', port, auth: { username: 'iggy', password: 'iggy' } });
  await client.streams.create('orders');
  await client.topics.create('orders', { name: 'created', partitionsCount: 3 });

  const producer = new Producer(client, { stream: 'orders', topic: 'created', batchMessagesMax: 1000, lingerMs: 5 });
  for (let i = 0; i < 10_000; i++) {
    await producer.send({ payload: JSON.stringify({ order: i }), key: `customer-${i % 100}` });
  }
  await producer.close(); // flushes

  const consumer = new Consumer(client, { stream: 'orders', topic: 'created', group: 'billing' });
  let seen = 0;
  for await (const message of consumer) {
    const order = JSON.parse(new TextDecoder().decode(message.payload)) as { order: number };
    expect(order.order).toBeLessThan(10_000);
    if (++seen === 10_000) break; // commits processed offsets and leaves the group
  }
  await client.close();
  // --- end of snippet ---
  expect(seen).toBe(10_000);
});
