// CreatePartitions (402) / DeletePartitions (403) over TCP: ids continue after
// the current count, the highest ids go first, count limits (2015, 2019),
// not-found before permission, and consumer groups rebalanced over the new
// partition set (BINARY.md §8.39, §8.40).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConsumerGroup } from '../../src/protocol/commands/consumer_groups/create_consumer_group.js';
import { getConsumerGroup } from '../../src/protocol/commands/consumer_groups/get_consumer_group.js';
import { joinConsumerGroup } from '../../src/protocol/commands/consumer_groups/join_consumer_group.js';
import { createPartitions } from '../../src/protocol/commands/partitions/create_partitions.js';
import { deletePartitions } from '../../src/protocol/commands/partitions/delete_partitions.js';
import { getTopic } from '../../src/protocol/commands/topics/get_topic.js';
import { type Fixture, id, makeStream, makeTopic, name, partitionId, permissions, poll, send, startFixture, userClient } from './data_plane_fixture.js';

let fx: Fixture;

beforeEach(async () => {
  fx = await startFixture();
  await makeStream(fx.root, 's');
  await makeTopic(fx.root, id(0), 't', 2);
});

afterEach(async () => {
  await fx.server.close();
});

async function partitionIds(): Promise<number[]> {
  const topic = await fx.root.call(getTopic, { streamId: id(0), topicId: id(0) });
  expect(topic.value!.topic.partitionsCount).toBe(topic.value!.partitions.length);
  return topic.value!.partitions.map((p) => p.id);
}

describe('CreatePartitions / DeletePartitions', () => {
  it('appends ids after the current count and removes the highest ones with their data', async () => {
    expect((await fx.root.call(createPartitions, { streamId: name('s'), topicId: name('t'), partitionsCount: 3 })).status).toBe(0);
    expect(await partitionIds()).toEqual([0, 1, 2, 3, 4]);
    expect(await send(fx.root, id(0), id(0), partitionId(4), ['on-4'])).toBe(0);
    expect((await poll(fx.root, { streamId: id(0), topicId: id(0), partitionId: 4 })).payloads).toEqual(['on-4']);

    expect((await fx.root.call(deletePartitions, { streamId: id(0), topicId: id(0), partitionsCount: 2 })).status).toBe(0);
    expect(await partitionIds()).toEqual([0, 1, 2]);
    expect((await poll(fx.root, { streamId: id(0), topicId: id(0), partitionId: 4 })).status).toBe(3007);
    expect(await send(fx.root, id(0), id(0), partitionId(3), ['x'])).toBe(3007);
  });

  it('rejects counts outside 1..=1000 (2015) and deleting more than exist (2019)', async () => {
    expect((await fx.root.call(createPartitions, { streamId: id(0), topicId: id(0), partitionsCount: 0 })).status).toBe(2015);
    expect((await fx.root.call(createPartitions, { streamId: id(0), topicId: id(0), partitionsCount: 1001 })).status).toBe(2015);
    expect((await fx.root.call(deletePartitions, { streamId: id(0), topicId: id(0), partitionsCount: 0 })).status).toBe(2015);
    expect((await fx.root.call(deletePartitions, { streamId: id(0), topicId: id(0), partitionsCount: 3 })).status).toBe(2019);
    expect(await partitionIds()).toEqual([0, 1]);
  });

  it('answers unknown targets with 1009 / 2010 before checking permission', async () => {
    const nobody = await userClient(fx, 'nobody', null);
    expect((await nobody.call(createPartitions, { streamId: id(7), topicId: id(0), partitionsCount: 1 })).status).toBe(1009);
    expect((await nobody.call(deletePartitions, { streamId: id(0), topicId: id(7), partitionsCount: 1 })).status).toBe(2010);
    expect((await nobody.call(createPartitions, { streamId: id(0), topicId: id(0), partitionsCount: 1 })).status).toBe(41);
    expect((await nobody.call(deletePartitions, { streamId: id(0), topicId: id(0), partitionsCount: 1 })).status).toBe(41);
    const manager = await userClient(fx, 'manager', permissions({}, { 0: { topics: { 0: { manageTopic: true } } } }));
    expect((await manager.call(createPartitions, { streamId: id(0), topicId: id(0), partitionsCount: 1 })).status).toBe(0);
    expect(await partitionIds()).toEqual([0, 1, 2]);
  });

  it('rebalances consumer groups over the new partition set', async () => {
    expect((await fx.root.call(createConsumerGroup, { streamId: id(0), topicId: id(0), name: 'g' })).status).toBe(0);
    const other = await fx.server.connect();
    await other.login('iggy', 'iggy');
    expect((await fx.root.call(joinConsumerGroup, { streamId: id(0), topicId: id(0), groupId: id(0) })).status).toBe(0);
    expect((await other.call(joinConsumerGroup, { streamId: id(0), topicId: id(0), groupId: id(0) })).status).toBe(0);
    const owned = async () => {
      const details = (await fx.root.call(getConsumerGroup, { streamId: id(0), topicId: id(0), groupId: id(0) })).value!;
      return { partitionsCount: details.group.partitionsCount, owned: details.members.flatMap((m) => m.partitions).sort((a, b) => a - b) };
    };
    expect(await owned()).toEqual({ partitionsCount: 2, owned: [0, 1] });
    expect((await fx.root.call(createPartitions, { streamId: id(0), topicId: id(0), partitionsCount: 2 })).status).toBe(0);
    expect(await owned()).toEqual({ partitionsCount: 4, owned: [0, 1, 2, 3] });
    expect((await fx.root.call(deletePartitions, { streamId: id(0), topicId: id(0), partitionsCount: 3 })).status).toBe(0);
    expect(await owned()).toEqual({ partitionsCount: 1, owned: [0] });
  });
});
