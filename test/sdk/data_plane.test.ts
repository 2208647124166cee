// Proves the data-plane methods of IggyClient (streams, topics, partitions,
// segments, messages, consumer offsets, consumer groups) round-trip against
// the real server, that a missing stream is a typed 1009 while this and other
// connections keep serving, and that pipelined requests come back matched to
// their callers.
import { describe, expect, it } from 'vitest';
import { Consumers, Partitionings, PollingStrategies, U64_MAX } from '../../sdk/client.js';
import type { IggyError } from '../../src/errors/iggy_error.js';
import { CompressionAlgorithm } from '../../src/protocol/types.js';
import { headerValue, headerValueToJs } from '../../src/protocol/user_headers.js';
import { expectIggyError, SDK_TRANSPORTS, useClientFixture } from './client_fixture.js';

describe.each(SDK_TRANSPORTS)('IggyClient over %s: data plane', (transport) => {
  const fixture = useClientFixture(transport);
  const connect = fixture.connect.bind(fixture);

    it('round-trips stream, topic, partition and segment commands', async () => {
      const client = await connect();
      const stream = await client.streams.create('orders');
      expect(stream).toMatchObject({ name: 'orders', topicsCount: 0 });
      expect((await client.streams.get('orders'))?.stream.id).toBe(stream.id);
      expect(await client.streams.get('missing')).toBeNull();
      await client.streams.update(stream.id, 'orders-v2');
      expect((await client.streams.list()).map((s) => s.name)).toEqual(['orders-v2']);

      const topic = await client.topics.create('orders-v2', { name: 'created', partitionsCount: 2, messageExpiryUs: U64_MAX });
      expect(topic.topic).toMatchObject({ name: 'created', partitionsCount: 2 });
      expect(topic.partitions.map((p) => p.id)).toEqual([0, 1]);
      expect((await client.topics.get(stream.id, 'created'))?.partitions).toHaveLength(2);
      expect(await client.topics.get(stream.id, 'missing')).toBeNull();
      await client.topics.update(stream.id, topic.topic.id, { name: 'created-v2', compression: CompressionAlgorithm.Gzip, messageExpiryUs: U64_MAX });
      const topics = await client.topics.list(stream.id);
      expect(topics.map((t) => [t.name, t.compression])).toEqual([['created-v2', CompressionAlgorithm.Gzip]]);

      await client.partitions.create(stream.id, topic.topic.id, 3);
      expect((await client.topics.get(stream.id, topic.topic.id))?.topic.partitionsCount).toBe(5);
      await client.partitions.delete(stream.id, topic.topic.id, 2);
      expect((await client.topics.get(stream.id, topic.topic.id))?.topic.partitionsCount).toBe(3);
      await client.segments.delete(stream.id, topic.topic.id, 0, 1); // only sealed segments go: none yet, still OK

      await client.messages.send(stream.id, topic.topic.id, [{ payload: 'a' }], Partitionings.partitionId(0));
      await client.topics.purge(stream.id, topic.topic.id);
      expect((await client.topics.get(stream.id, topic.topic.id))?.topic.messagesCount).toBe(0n);
      await client.messages.send(stream.id, topic.topic.id, [{ payload: 'b' }], Partitionings.partitionId(0));
      await client.streams.purge(stream.id);
      expect((await client.streams.get(stream.id))?.stream.messagesCount).toBe(0n);
      await client.topics.delete(stream.id, topic.topic.id);
      expect(await client.topics.list(stream.id)).toEqual([]);
      await client.streams.delete(stream.id);
      expect(await client.streams.list()).toEqual([]);
    });

    it('round-trips messages, consumer offsets and consumer groups', async () => {
      const client = await connect();
      await client.streams.create('s');
      await client.topics.create('s', { name: 't', partitionsCount: 2 });
      const headers = [{ key: headerValue.string('type'), value: headerValue.uint64(42n) }];
      await client.messages.send('s', 't', [{ payload: 'one', id: 7n, headers }, { payload: new Uint8Array([2]) }], Partitionings.partitionId(1));
      await client.messages.send('s', 't', [{ payload: 'keyed' }], Partitionings.messagesKey('user-1'));
      await client.messages.flush('s', 't', 1, true);

      const polled = await client.messages.poll('s', 't', { partitionId: 1, strategy: PollingStrategies.first(), count: 10 });
      expect(polled.partitionId).toBe(1);
      expect(polled.messages.slice(0, 2).map((m) => [m.header.offset, m.header.id])).toEqual([
        [0n, 7n],
        [1n, polled.messages[1]!.header.id],
      ]);
      expect(polled.messages[1]!.header.id).not.toBe(0n); // the server assigned one
      expect(new TextDecoder().decode(polled.messages[0]!.payload)).toBe('one');
      expect(headerValueToJs(polled.messages[0]!.userHeaders[0]!.value)).toBe(42n);

      const single = Consumers.single(3);
      expect(await client.offsets.get(single, 's', 't', 1)).toBeNull();
      await client.offsets.store(single, 's', 't', 1, 0n);
      expect(await client.offsets.get(single, 's', 't', 1)).toMatchObject({ partitionId: 1, storedOffset: 0n });
      const next = await client.messages.poll('s', 't', { consumer: single, partitionId: 1, strategy: PollingStrategies.next(), count: 1, autoCommit: true });
      expect(next.messages[0]!.header.offset).toBe(1n);
      expect((await client.offsets.get(single, 's', 't', 1))?.storedOffset).toBe(1n);
      await client.offsets.delete(single, 's', 't', 1);
      expect(await client.offsets.get(single, 's', 't', 1)).toBeNull();

      const group = await client.groups.create('s', 't', 'workers');
      expect(group).toMatchObject({ name: 'workers', partitionsCount: 2, membersCount: 0 });
      await client.groups.join('s', 't', 'workers');
      const details = await client.groups.get('s', 't', group.id);
      expect(details?.members).toHaveLength(1);
      expect(details?.members[0]!.partitions.sort()).toEqual([0, 1]);
      expect((await client.system.me()).consumerGroups).toHaveLength(1);
      expect((await client.groups.list('s', 't')).map((g) => g.name)).toEqual(['workers']);
      // A member without an explicit partition polls its partitions round-robin: two polls cover both.
      const asGroup = [
        await client.messages.poll('s', 't', { consumer: Consumers.group('workers'), strategy: PollingStrategies.next(), count: 10 }),
        await client.messages.poll('s', 't', { consumer: Consumers.group('workers'), strategy: PollingStrategies.next(), count: 10 }),
      ];
      expect(asGroup.map((p) => p.partitionId).sort()).toEqual([0, 1]);
      expect(asGroup.reduce((n, p) => n + p.messages.length, 0)).toBe(3);
      await client.groups.leave('s', 't', 'workers');
      expect((await client.groups.get('s', 't', 'workers'))?.members).toEqual([]);
      await client.groups.delete('s', 't', 'workers');
      expect(await client.groups.get('s', 't', 'workers')).toBeNull();
    });

    it('reports a missing stream as StreamIdNotFound (1009) and keeps serving this and other clients', async () => {
      const client = await connect();
      const other = await connect();
      await expectIggyError(client.streams.delete('nope'), 'StreamIdNotFound', 1009);
      await expectIggyError(client.messages.send('nope', 't', [{ payload: 'x' }]), 'StreamIdNotFound', 1009);
      await expectIggyError(client.topics.create(12345, { name: 't' }), 'StreamIdNotFound', 1009);
      await client.system.ping();
      await other.system.ping();
    });

    it('pipelines requests and hands each caller its own response', async () => {
      const client = await connect();
      const names = Array.from({ length: 50 }, (_, i) => `stream-${i}`);
      // Many requests in flight at once, interleaving successes and failures.
      const results = await Promise.allSettled(names.flatMap((name) => [client.streams.create(name), client.streams.delete(`missing-${name}`)]));
      for (let i = 0; i < names.length; i++) {
        const created = results[2 * i]!;
        const failed = results[2 * i + 1]!;
        expect(created.status === 'fulfilled' && (created.value as { name: string }).name).toBe(names[i]);
        expect(failed.status === 'rejected' && (failed.reason as IggyError).code).toBe(1009);
      }
      expect((await client.streams.list()).length).toBe(50);
    });
});
