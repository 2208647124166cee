// Consumer-group commands (600–605) over TCP, and polling as a group: records
// and members, empty OK for missing targets, 5000 / 5004 / 5006, read-topic
// rights sufficing (41 without), group polls on each member's own partitions
// with auto-commit, the empty result header for a member without partitions
// or a partition it does not own, round-robin over owned partitions, and
// membership that ends with the connection or the topic.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConsumerGroup } from '../../src/protocol/commands/consumer_groups/create_consumer_group.js';
import { deleteConsumerGroup } from '../../src/protocol/commands/consumer_groups/delete_consumer_group.js';
import { getConsumerGroup } from '../../src/protocol/commands/consumer_groups/get_consumer_group.js';
import { getConsumerGroups } from '../../src/protocol/commands/consumer_groups/get_consumer_groups.js';
import { joinConsumerGroup } from '../../src/protocol/commands/consumer_groups/join_consumer_group.js';
import { leaveConsumerGroup } from '../../src/protocol/commands/consumer_groups/leave_consumer_group.js';
import { getConsumerOffset } from '../../src/protocol/commands/consumer_offsets/get_consumer_offset.js';
import { deleteTopic } from '../../src/protocol/commands/topics/delete_topic.js';
import type { Identifier } from '../../src/protocol/types.js';
import type { RawClient } from '../helpers/server.js';
import { type Fixture, group, id, makeStream, makeTopic, name, partitionId, permissions, poll, send, startFixture, strategy, userClient } from './data_plane_fixture.js';

let fx: Fixture;
const S = id(0);
const T = id(0);

beforeEach(async () => {
  fx = await startFixture();
  await makeStream(fx.root, 's');
  await makeTopic(fx.root, S, 't', 2);
});

afterEach(async () => {
  await fx.server.close();
});

const target = (groupId: Identifier, streamId: Identifier = S, topicId: Identifier = T) => ({ streamId, topicId, groupId });
const create = (client: RawClient, groupName: string, streamId: Identifier = S, topicId: Identifier = T) =>
  client.call(createConsumerGroup, { streamId, topicId, name: groupName });
const join = (client: RawClient, groupId: Identifier) => client.call(joinConsumerGroup, target(groupId));

async function rootClient(): Promise<RawClient> {
  const client = await fx.server.connect();
  await client.login('iggy', 'iggy');
  return client;
}

describe('CreateConsumerGroup / GetConsumerGroup(s) / DeleteConsumerGroup', () => {
  it('creates groups with full records and lists them in id order', async () => {
    const a = await create(fx.root, 'a');
    expect(a.status).toBe(0);
    expect(a.value).toEqual({ id: 0, name: 'a', partitionsCount: 2, membersCount: 0 });
    expect((await create(fx.root, 'b')).value?.id).toBe(1);
    const list = await fx.root.call(getConsumerGroups, { streamId: name('s'), topicId: name('t') });
    expect(list.value!.map((g) => [g.id, g.name, g.membersCount])).toEqual([
      [0, 'a', 0],
      [1, 'b', 0],
    ]);
    const byName = await fx.root.call(getConsumerGroup, target(name('b')));
    expect(byName.value).toEqual({ group: { id: 1, name: 'b', partitionsCount: 2, membersCount: 0 }, members: [] });
  });

  it('rejects duplicates (5004) and unknown streams/topics (1009/2010)', async () => {
    expect((await create(fx.root, 'g')).status).toBe(0);
    expect((await create(fx.root, 'g')).status).toBe(5004);
    expect((await create(fx.root, 'g', id(3))).status).toBe(1009);
    expect((await create(fx.root, 'g', S, id(3))).status).toBe(2010);
    // The connection and another one keep working.
    expect((await (await rootClient()).call(getConsumerGroups, { streamId: S, topicId: T })).value).toHaveLength(1);
  });

  it('answers missing targets with empty OK for reads', async () => {
    await create(fx.root, 'g');
    for (const response of [
      await fx.root.call(getConsumerGroup, target(id(0), id(5))),
      await fx.root.call(getConsumerGroup, target(id(0), S, id(5))),
      await fx.root.call(getConsumerGroup, target(name('zzz'))),
      await fx.root.call(getConsumerGroups, { streamId: id(5), topicId: T }),
      await fx.root.call(getConsumerGroups, { streamId: S, topicId: id(5) }),
    ]) {
      expect(response.status).toBe(0);
      expect(response.payload.length).toBe(0);
    }
  });

  it('deletes a group with its members and offsets; unknown ones are 5000', async () => {
    await create(fx.root, 'g');
    expect(await send(fx.root, S, T, partitionId(0), ['a'])).toBe(0);
    expect((await join(fx.root, id(0))).status).toBe(0);
    expect((await poll(fx.root, { streamId: S, topicId: T, consumer: group('g'), partitionId: 0, strategy: strategy.next(), autoCommit: true })).payloads).toEqual(['a']);
    expect((await fx.root.call(deleteConsumerGroup, target(name('g')))).status).toBe(0);
    expect((await fx.root.call(getConsumerGroup, target(id(0)))).payload.length).toBe(0);
    expect((await fx.root.call(deleteConsumerGroup, target(name('g')))).status).toBe(5000);
    // A new group with the same name starts without members or offsets.
    expect((await create(fx.root, 'g')).value).toMatchObject({ id: 0, membersCount: 0 });
    expect((await fx.root.call(getConsumerOffset, { consumer: group('g'), streamId: S, topicId: T, partitionId: 0 })).payload.length).toBe(0);
  });
});

describe('JoinConsumerGroup / LeaveConsumerGroup', () => {
  beforeEach(async () => {
    expect((await create(fx.root, 'g')).status).toBe(0);
  });

  it('adds members (joining twice is a no-op), splits partitions, and rebalances on leave', async () => {
    const other = await rootClient();
    expect((await join(fx.root, name('g'))).status).toBe(0);
    expect((await join(fx.root, name('g'))).status).toBe(0);
    let details = (await fx.root.call(getConsumerGroup, target(id(0)))).value!;
    expect(details.members).toEqual([{ id: 0, partitions: [0, 1] }]);
    expect((await join(other, id(0))).status).toBe(0);
    details = (await fx.root.call(getConsumerGroup, target(id(0)))).value!;
    expect(details.group.membersCount).toBe(2);
    expect(details.members.map((m) => m.partitions.length)).toEqual([1, 1]);
    expect((await fx.root.call(leaveConsumerGroup, target(id(0)))).status).toBe(0);
    details = (await fx.root.call(getConsumerGroup, target(id(0)))).value!;
    expect(details.members).toEqual([{ id: 1, partitions: [0, 1] }]);
    expect((await fx.root.call(leaveConsumerGroup, target(id(0)))).status).toBe(5006);
  });

  it('answers unknown targets with 1009, 2010, 5000', async () => {
    expect((await fx.root.call(joinConsumerGroup, target(id(0), id(4)))).status).toBe(1009);
    expect((await fx.root.call(joinConsumerGroup, target(id(0), S, id(4)))).status).toBe(2010);
    expect((await fx.root.call(joinConsumerGroup, target(id(4)))).status).toBe(5000);
    expect((await fx.root.call(leaveConsumerGroup, target(name('x')))).status).toBe(5000);
  });

  it('drops a member whose connection closes', async () => {
    const other = await rootClient();
    expect((await join(other, id(0))).status).toBe(0);
    expect((await fx.root.call(getConsumerGroup, target(id(0)))).value!.members).toHaveLength(1);
    await other.close();
    // The server notices the close asynchronously: ask until it has (bounded).
    let members = 1;
    for (let i = 0; i < 100 && members !== 0; i++) {
      members = (await fx.root.call(getConsumerGroup, target(id(0)))).value!.members.length;
      if (members !== 0) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(members).toBe(0);
  });

  it('keeps group definitions and offsets across a restart, membership not', async () => {
    expect(await send(fx.root, S, T, partitionId(0), ['a', 'b'])).toBe(0);
    expect((await join(fx.root, id(0))).status).toBe(0);
    expect((await poll(fx.root, { streamId: S, topicId: T, consumer: group('g'), partitionId: 0, strategy: strategy.next(), count: 1, autoCommit: true })).payloads).toEqual(['a']);
    await fx.server.restart();
    const again = await rootClient();
    const details = (await again.call(getConsumerGroup, target(name('g')))).value!;
    expect(details).toEqual({ group: { id: 0, name: 'g', partitionsCount: 2, membersCount: 0 }, members: [] });
    expect((await join(again, id(0))).status).toBe(0);
    const next = await poll(again, { streamId: S, topicId: T, consumer: group('g'), partitionId: 0, strategy: strategy.next(), autoCommit: true });
    expect(next.payloads).toEqual(['b']);
  });

  it('ends membership when the topic is deleted', async () => {
    expect((await join(fx.root, id(0))).status).toBe(0);
    expect((await fx.root.call(deleteTopic, { streamId: S, topicId: T })).status).toBe(0);
    await makeTopic(fx.root, S, 't', 2);
    expect((await create(fx.root, 'g')).value).toEqual({ id: 0, name: 'g', partitionsCount: 2, membersCount: 0 });
    expect((await fx.root.call(getConsumerGroup, target(id(0)))).value!.members).toEqual([]);
  });
});

describe('polling as a consumer group', () => {
  beforeEach(async () => {
    expect((await create(fx.root, 'g')).status).toBe(0);
    expect(await send(fx.root, S, T, partitionId(0), ['p0-a', 'p0-b'])).toBe(0);
    expect(await send(fx.root, S, T, partitionId(1), ['p1-a', 'p1-b', 'p1-c'])).toBe(0);
  });

  it('needs the group (5000) and membership (5006)', async () => {
    expect((await poll(fx.root, { streamId: S, topicId: T, consumer: group('nope') })).status).toBe(5000);
    expect((await poll(fx.root, { streamId: S, topicId: T, consumer: group('g') })).status).toBe(5006);
  });

  it('serves each member its own partition, once, with auto-commit', async () => {
    const other = await rootClient();
    expect((await join(fx.root, id(0))).status).toBe(0);
    expect((await join(other, id(0))).status).toBe(0);
    const seen = new Map<number, string[]>();
    for (const client of [fx.root, other, fx.root, other]) {
      const r = await poll(client, { streamId: S, topicId: T, consumer: group('g'), strategy: strategy.next(), count: 10, autoCommit: true });
      expect(r.status).toBe(0);
      const partition = r.value!.partitionId;
      seen.set(partition, [...(seen.get(partition) ?? []), ...r.payloads]);
    }
    expect(Object.fromEntries(seen)).toEqual({ 0: ['p0-a', 'p0-b'], 1: ['p1-a', 'p1-b', 'p1-c'] });
    const stored = async (partition: number) =>
      (await fx.root.call(getConsumerOffset, { consumer: group('g'), streamId: S, topicId: T, partitionId: partition })).value?.storedOffset;
    expect(await stored(0)).toBe(1n);
    expect(await stored(1)).toBe(2n);
  });

  it('answers an unowned partition or a member without partitions with the empty header', async () => {
    const second = await rootClient();
    const third = await rootClient();
    for (const client of [fx.root, second, third]) expect((await join(client, id(0))).status).toBe(0);
    const members = (await fx.root.call(getConsumerGroup, target(id(0)))).value!.members;
    const rootOwns = members.find((m) => m.id === 0)!.partitions;
    expect(rootOwns).toHaveLength(1);
    const unowned = rootOwns[0] === 0 ? 1 : 0;
    const emptyHeader = { partitionId: 0, currentOffset: 0n, count: 0, messages: [] };
    expect((await poll(fx.root, { streamId: S, topicId: T, consumer: group('g'), partitionId: unowned })).value).toEqual(emptyHeader);
    // Two partitions, three members: one member owns nothing.
    const idle = members.find((m) => m.partitions.length === 0)!;
    const idleClient = [fx.root, second, third][idle.id]!;
    expect((await poll(idleClient, { streamId: S, topicId: T, consumer: group('g'), strategy: strategy.next(), autoCommit: true })).value).toEqual(emptyHeader);
  });

  it('round-robins a member over its partitions, for every strategy', async () => {
    expect((await join(fx.root, id(0))).status).toBe(0);
    const polled = async (s: ReturnType<typeof strategy.first>, count = 10) => {
      const r = await poll(fx.root, { streamId: S, topicId: T, consumer: group('g'), strategy: s, count, autoCommit: true });
      return [r.value!.partitionId, r.payloads];
    };
    expect(await polled(strategy.first(), 1)).toEqual([0, ['p0-a']]);
    expect(await polled(strategy.last(), 1)).toEqual([1, ['p1-c']]);
    expect(await polled(strategy.next())).toEqual([0, ['p0-b']]); // after the first poll's commit of offset 0
    expect(await polled(strategy.offset(1n))).toEqual([1, ['p1-b', 'p1-c']]);
    expect(await polled(strategy.timestamp(0n))).toEqual([0, ['p0-a', 'p0-b']]);
    expect(await polled(strategy.next())).toEqual([1, []]); // offset 2 committed on partition 1
  });
});

describe('consumer group permissions', () => {
  it('lets read_topic create/join/leave/delete, and denies others (41) after not-found', async () => {
    await create(fx.root, 'g');
    const nobody = await userClient(fx, 'nobody', null);
    expect((await create(nobody, 'x')).status).toBe(41);
    expect((await create(nobody, 'x', id(7))).status).toBe(1009);
    expect((await nobody.call(getConsumerGroup, target(id(0)))).status).toBe(41);
    expect((await nobody.call(getConsumerGroup, target(id(7)))).status).toBe(0); // empty OK first
    expect((await nobody.call(getConsumerGroups, { streamId: S, topicId: T })).status).toBe(41);
    expect((await join(nobody, id(0))).status).toBe(41);
    expect((await join(nobody, id(7))).status).toBe(5000);
    expect((await nobody.call(leaveConsumerGroup, target(id(0)))).status).toBe(41);
    expect((await nobody.call(deleteConsumerGroup, target(id(0)))).status).toBe(41);

    const reader = await userClient(fx, 'reader', permissions({}, { 0: { topics: { 0: { readTopic: true } } } }));
    expect((await create(reader, 'mine')).value).toMatchObject({ id: 1, name: 'mine' });
    expect((await join(reader, name('mine'))).status).toBe(0);
    expect((await reader.call(getConsumerGroup, target(name('mine')))).value!.members).toHaveLength(1);
    expect((await reader.call(leaveConsumerGroup, target(name('mine')))).status).toBe(0);
    expect((await reader.call(deleteConsumerGroup, target(name('mine')))).status).toBe(0);
  });
});
