// Proves the typed API reaches all 47 command codes of Iggy 0.8 (BINARY.md §8):
// a recording transport (the real TCP transport, wrapped) notes the code of
// every frame written while one call of each method runs against the real
// server, and the set of codes seen must equal the protocol's table.
import { afterEach, expect, it } from 'vitest';
import { Consumers, IggyClient, Partitionings } from '../../sdk/client.js';
import { TcpTransport } from '../../sdk/transport/tcp/tcp_transport.js';
import type { Transport } from '../../sdk/transport/transport.js';
import { COMMAND } from '../../src/protocol/codes.js';
import { allGlobalPermissions } from '../../src/protocol/permissions.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer | undefined;
afterEach(async () => server?.close());

it('sends every one of the 47 command codes through typed methods', async () => {
  server = await startTestServer();
  const port = server.port;
  const codes = new Set<number>();
  const recording = (): Transport => {
    const inner = new TcpTransport({ port });
    return {
      name: inner.name,
      connect: (handlers) => inner.connect(handlers),
      write: (frame) => {
        codes.add(new DataView(frame.buffer, frame.byteOffset, frame.byteLength).getUint32(4, true));
        return inner.write(frame);
      },
      drained: () => inner.drained(),
      close: () => inner.close(),
    };
  };
  const client = await IggyClient.connect({ transport: recording, auth: { username: 'iggy', password: 'iggy' }, heartbeatIntervalMs: 0 });
  try {
    await client.system.ping();
    await client.system.stats();
    await client.system.snapshot();
    await client.system.clusterMetadata();
    const me = await client.system.me();
    await client.system.client(me.clientId);
    await client.system.clients();

    const user = await client.users.create({ username: 'bob', password: 'secret', permissions: allGlobalPermissions() });
    await client.users.get(user.id);
    await client.users.list();
    await client.users.update(user.id, { username: 'bobby' });
    await client.users.updatePermissions(user.id, null);
    await client.users.changePassword(user.id, 'secret', 'secret2');
    const token = await client.tokens.create('cov-token');
    await client.tokens.list();
    await client.logout();
    await client.loginWithToken(token);
    await client.tokens.delete('cov-token');
    await client.login('iggy', 'iggy');
    await client.users.delete(user.id);

    const stream = await client.streams.create('cov');
    await client.streams.get(stream.id);
    await client.streams.list();
    await client.streams.update(stream.id, 'cov2');
    const topic = await client.topics.create(stream.id, { name: 't', partitionsCount: 1 });
    await client.topics.get(stream.id, topic.topic.id);
    await client.topics.list(stream.id);
    await client.topics.update(stream.id, topic.topic.id, { name: 't2' });
    await client.partitions.create(stream.id, topic.topic.id, 1);
    await client.partitions.delete(stream.id, topic.topic.id, 1);
    await client.messages.send(stream.id, topic.topic.id, [{ payload: 'x' }], Partitionings.partitionId(0));
    await client.messages.flush(stream.id, topic.topic.id, 0);
    await client.messages.poll(stream.id, topic.topic.id, { partitionId: 0 });
    await client.offsets.store(Consumers.single(1), stream.id, topic.topic.id, 0, 0n);
    await client.offsets.get(Consumers.single(1), stream.id, topic.topic.id, 0);
    await client.offsets.delete(Consumers.single(1), stream.id, topic.topic.id, 0);
    await client.segments.delete(stream.id, topic.topic.id, 0, 1);
    const group = await client.groups.create(stream.id, topic.topic.id, 'g');
    await client.groups.get(stream.id, topic.topic.id, group.id);
    await client.groups.list(stream.id, topic.topic.id);
    await client.groups.join(stream.id, topic.topic.id, group.id);
    await client.groups.leave(stream.id, topic.topic.id, group.id);
    await client.groups.delete(stream.id, topic.topic.id, group.id);
    await client.topics.purge(stream.id, topic.topic.id);
    await client.topics.delete(stream.id, topic.topic.id);
    await client.streams.purge(stream.id);
    await client.streams.delete(stream.id);
  } finally {
    await client.close();
  }
  const all = Object.values(COMMAND).sort((a, b) => a - b);
  expect(all).toHaveLength(47);
  expect([...codes].sort((a, b) => a - b)).toEqual(all);
});
