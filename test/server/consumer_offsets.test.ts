// Consumer offsets (120–122) over TCP: store/get/delete for single consumers
// (numeric and named) and groups, the empty-OK rules of GetConsumerOffset
// (BINARY.md §8.24), 4100 for empty partitions and offsets past the end, 3007,
// 3021, group resolution (5000, 5006, 3022, membership not needed to read an
// explicit partition), and permissions (41, after not-found).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConsumerGroup } from '../../src/protocol/commands/consumer_groups/create_consumer_group.js';
import { getConsumerGroup } from '../../src/protocol/commands/consumer_groups/get_consumer_group.js';
import { joinConsumerGroup } from '../../src/protocol/commands/consumer_groups/join_consumer_group.js';
import { deleteConsumerOffset } from '../../src/protocol/commands/consumer_offsets/delete_consumer_offset.js';
import { getConsumerOffset } from '../../src/protocol/commands/consumer_offsets/get_consumer_offset.js';
import { storeConsumerOffset } from '../../src/protocol/commands/consumer_offsets/store_consumer_offset.js';
import type { Consumer, Identifier } from '../../src/protocol/types.js';
import type { RawClient } from '../helpers/server.js';
import { type Fixture, group, id, makeStream, makeTopic, name, partitionId, permissions, send, single, startFixture, userClient } from './data_plane_fixture.js';

let fx: Fixture;
const S = id(0);
const T = id(0);

beforeEach(async () => {
  fx = await startFixture();
  await makeStream(fx.root, 's');
  await makeTopic(fx.root, S, 't', 3);
  expect(await send(fx.root, S, T, partitionId(0), ['a', 'b', 'c'])).toBe(0);
  expect(await send(fx.root, S, T, partitionId(1), ['d', 'e'])).toBe(0);
  // Partition 2 stays empty.
});

afterEach(async () => {
  await fx.server.close();
});

type Target = { consumer: Consumer; partitionId?: number | null; streamId?: Identifier; topicId?: Identifier };
const target = (t: Target) => ({ streamId: S, topicId: T, partitionId: null, ...t });
const store = (client: RawClient, t: Target, offset: bigint) => client.call(storeConsumerOffset, { ...target(t), offset });
const get = (client: RawClient, t: Target) => client.call(getConsumerOffset, target(t));
const del = (client: RawClient, t: Target) => client.call(deleteConsumerOffset, target(t));

describe('single consumers', () => {
  it('stores, reads, overwrites (also backwards) and deletes an offset per partition', async () => {
    const c = single(5);
    expect((await store(fx.root, { consumer: c, partitionId: 0 }, 1n)).status).toBe(0);
    expect((await get(fx.root, { consumer: c, partitionId: 0 })).value).toEqual({ partitionId: 0, currentOffset: 2n, storedOffset: 1n });
    // Absent partition means partition 0.
    expect((await get(fx.root, { consumer: c })).value?.storedOffset).toBe(1n);
    expect((await store(fx.root, { consumer: c }, 2n)).status).toBe(0);
    expect((await store(fx.root, { consumer: c, partitionId: 0 }, 0n)).status).toBe(0);
    expect((await get(fx.root, { consumer: c, partitionId: 0 })).value?.storedOffset).toBe(0n);
    // Partition 1 is separate.
    expect((await get(fx.root, { consumer: c, partitionId: 1 })).payload.length).toBe(0);
    expect((await del(fx.root, { consumer: c, partitionId: 0 })).status).toBe(0);
    expect((await get(fx.root, { consumer: c, partitionId: 0 })).payload.length).toBe(0);
    expect((await del(fx.root, { consumer: c, partitionId: 0 })).status).toBe(3021);
  });

  it('keys named consumers by name (hash), separately from other names', async () => {
    expect((await store(fx.root, { consumer: single('alice'), partitionId: 1 }, 1n)).status).toBe(0);
    expect((await get(fx.root, { consumer: single('alice'), partitionId: 1 })).value?.storedOffset).toBe(1n);
    expect((await get(fx.root, { consumer: single('bob'), partitionId: 1 })).payload.length).toBe(0);
  });

  it('rejects empty partitions and offsets past the end (4100), missing partitions (3007), unknown targets', async () => {
    const c = single(1);
    expect((await store(fx.root, { consumer: c, partitionId: 2 }, 0n)).status).toBe(4100);
    expect((await store(fx.root, { consumer: c, partitionId: 0 }, 3n)).status).toBe(4100);
    expect((await store(fx.root, { consumer: c, partitionId: 3 }, 0n)).status).toBe(3007);
    expect((await del(fx.root, { consumer: c, partitionId: 3 })).status).toBe(3007);
    expect((await store(fx.root, { consumer: c, streamId: id(4) }, 0n)).status).toBe(1009);
    expect((await store(fx.root, { consumer: c, topicId: name('x') }, 0n)).status).toBe(2010);
    expect((await del(fx.root, { consumer: c, streamId: id(4) })).status).toBe(1009);
    expect((await del(fx.root, { consumer: c, topicId: id(4) })).status).toBe(2010);
  });

  it('answers GetConsumerOffset with empty OK for every missing target', async () => {
    const c = single(1);
    for (const t of [
      { consumer: c, streamId: id(4) },
      { consumer: c, topicId: id(4) },
      { consumer: c, partitionId: 7 },
      { consumer: c, partitionId: 0 }, // nothing stored
      { consumer: group('no-such-group') },
    ]) {
      const response = await get(fx.root, t);
      expect(response.status).toBe(0);
      expect(response.payload.length).toBe(0);
    }
  });
});

describe('consumer groups', () => {
  beforeEach(async () => {
    expect((await fx.root.call(createConsumerGroup, { streamId: S, topicId: T, name: 'g' })).status).toBe(0);
  });

  it('needs an existing group (5000) and membership (5006) to store or delete', async () => {
    expect((await store(fx.root, { consumer: group('nope'), partitionId: 0 }, 0n)).status).toBe(5000);
    expect((await del(fx.root, { consumer: group(9), partitionId: 0 })).status).toBe(5000);
    expect((await store(fx.root, { consumer: group('g'), partitionId: 0 }, 0n)).status).toBe(5006);
    expect((await del(fx.root, { consumer: group('g'), partitionId: 0 })).status).toBe(5006);
  });

  it('lets members store on owned partitions only (3022), and anyone read an explicit partition', async () => {
    const other = await fx.server.connect();
    await other.login('iggy', 'iggy');
    expect((await fx.root.call(joinConsumerGroup, { streamId: S, topicId: T, groupId: name('g') })).status).toBe(0);
    expect((await other.call(joinConsumerGroup, { streamId: S, topicId: T, groupId: name('g') })).status).toBe(0);
    const details = (await fx.root.call(getConsumerGroup, { streamId: S, topicId: T, groupId: id(0) })).value!;
    expect(details.members).toHaveLength(2);
    // Which member is which: root joined first, so it is member 0.
    const rootPartitions = details.members.find((m) => m.id === 0)!.partitions;
    const otherPartitions = details.members.find((m) => m.id === 1)!.partitions;
    expect([...rootPartitions, ...otherPartitions].sort()).toEqual([0, 1, 2]);
    const mine = rootPartitions.find((p) => p !== 2)!; // a partition with messages
    const theirs = otherPartitions[0]!;

    expect((await store(fx.root, { consumer: group('g'), partitionId: mine }, 1n)).status).toBe(0);
    expect((await store(fx.root, { consumer: group('g'), partitionId: theirs }, 0n)).status).toBe(3022);
    // Reading needs no membership when the partition is explicit.
    const outsider = await fx.server.connect();
    await outsider.login('iggy', 'iggy');
    expect((await get(outsider, { consumer: group('g'), partitionId: mine })).value).toMatchObject({ partitionId: mine, storedOffset: 1n });
    // Without a partition a non-member gets empty OK; the member gets its current partition.
    expect((await get(outsider, { consumer: group('g') })).payload.length).toBe(0);
    expect((await del(fx.root, { consumer: group('g'), partitionId: mine })).status).toBe(0);
    expect((await del(fx.root, { consumer: group('g'), partitionId: mine })).status).toBe(3021);
  });

  it('uses the member\'s current partition when none is given', async () => {
    expect((await fx.root.call(joinConsumerGroup, { streamId: S, topicId: T, groupId: id(0) })).status).toBe(0);
    // The only member owns 0, 1, 2; its round-robin counter starts at the first one: partition 0.
    expect((await store(fx.root, { consumer: group('g') }, 2n)).status).toBe(0);
    expect((await get(fx.root, { consumer: group('g'), partitionId: 0 })).value?.storedOffset).toBe(2n);
    expect((await get(fx.root, { consumer: group('g') })).value).toMatchObject({ partitionId: 0, storedOffset: 2n });
  });
});

describe('consumer offset permissions', () => {
  it('denies a user without poll rights (41) after not-found checks; topic poll rights suffice', async () => {
    expect((await store(fx.root, { consumer: single(1), partitionId: 0 }, 1n)).status).toBe(0);
    const nobody = await userClient(fx, 'nobody', null);
    expect((await get(nobody, { consumer: single(1), partitionId: 0 })).status).toBe(41);
    expect((await get(nobody, { consumer: single(1), streamId: id(8) })).status).toBe(0); // empty OK first
    expect((await store(nobody, { consumer: single(1), partitionId: 0 }, 0n)).status).toBe(41);
    expect((await store(nobody, { consumer: single(1), streamId: id(8) }, 0n)).status).toBe(1009);
    expect((await del(nobody, { consumer: single(1), partitionId: 0 })).status).toBe(41);

    const poller = await userClient(fx, 'poller', permissions({}, { 0: { topics: { 0: { pollMessages: true } } } }));
    expect((await get(poller, { consumer: single(1), partitionId: 0 })).value?.storedOffset).toBe(1n);
    expect((await store(poller, { consumer: single(1), partitionId: 0 }, 2n)).status).toBe(0);
    expect((await del(poller, { consumer: single(1), partitionId: 0 })).status).toBe(0);
    expect((await get(fx.root, { consumer: single(1), partitionId: 0 })).payload.length).toBe(0);
  });
});
