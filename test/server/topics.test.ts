// Topic commands (300–305) over TCP against the real server: CreateTopic's
// full reply and its check order (2015, 3, 1009, 41, 1019, 2013 — BINARY.md
// §8.35), server defaults for 0 values, empty OK for missing targets, update,
// purge and delete, and topic-level permissions.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTopic, type CreateTopicRequest } from '../../src/protocol/commands/topics/create_topic.js';
import { deleteTopic } from '../../src/protocol/commands/topics/delete_topic.js';
import { getTopic } from '../../src/protocol/commands/topics/get_topic.js';
import { getTopics } from '../../src/protocol/commands/topics/get_topics.js';
import { purgeTopic } from '../../src/protocol/commands/topics/purge_topic.js';
import { updateTopic } from '../../src/protocol/commands/topics/update_topic.js';
import { CompressionAlgorithm, U64_MAX, type Identifier } from '../../src/protocol/types.js';
import { type Fixture, id, makeStream, makeTopic, name, partitionId, permissions, poll, send, startFixture, userClient } from './data_plane_fixture.js';

let fx: Fixture;

beforeEach(async () => {
  fx = await startFixture();
  await makeStream(fx.root, 's');
});

afterEach(async () => {
  await fx.server.close();
});

function topicRequest(streamId: Identifier, overrides: Partial<CreateTopicRequest> = {}): CreateTopicRequest {
  return {
    streamId,
    name: 't',
    partitionsCount: 2,
    compression: CompressionAlgorithm.None,
    messageExpiryUs: 0n,
    maxTopicSizeBytes: 0n,
    replicationFactor: 0,
    ...overrides,
  };
}

describe('CreateTopic', () => {
  it('returns the topic record and one partition record per partition, with defaults applied', async () => {
    const response = await fx.root.call(createTopic, topicRequest(name('s'), { partitionsCount: 3 }));
    expect(response.status).toBe(0);
    const { topic, partitions } = response.value!;
    expect(topic).toMatchObject({
      id: 0,
      name: 't',
      partitionsCount: 3,
      compression: CompressionAlgorithm.None,
      messageExpiryUs: U64_MAX, // 0 = server default "none"
      maxTopicSizeBytes: U64_MAX, // 0 = server default unlimited
      replicationFactor: 1, // 0 = default, stored as 1
      sizeBytes: 0n,
      messagesCount: 0n,
    });
    expect(partitions.map((p) => p.id)).toEqual([0, 1, 2]);
    for (const p of partitions) expect(p).toMatchObject({ currentOffset: 0n, messagesCount: 0n, sizeBytes: 0n });

    const second = await fx.root.call(createTopic, topicRequest(id(0), { name: 'u', partitionsCount: 0, messageExpiryUs: 5_000_000n, compression: CompressionAlgorithm.Gzip }));
    expect(second.value!.topic).toMatchObject({ id: 1, partitionsCount: 0, messageExpiryUs: 5_000_000n, compression: CompressionAlgorithm.Gzip });
    expect(second.value!.partitions).toEqual([]);
  });

  it('checks in order: 2015, 3, 1009, 41, 1019, 2013', async () => {
    const nobody = await userClient(fx, 'nobody', null);
    // Too many partitions wins over a missing stream and a missing permission.
    expect((await nobody.call(createTopic, topicRequest(id(7), { partitionsCount: 1001 }))).status).toBe(2015);
    // Bad compression (decoded before anything else is looked up).
    expect((await nobody.call(createTopic, topicRequest(id(7), { compression: 9 as CompressionAlgorithm }))).status).toBe(3);
    // Missing stream before permission.
    expect((await nobody.call(createTopic, topicRequest(id(7)))).status).toBe(1009);
    // Permission before the size check.
    expect((await nobody.call(createTopic, topicRequest(id(0), { maxTopicSizeBytes: 1000n }))).status).toBe(41);
    expect((await fx.root.call(createTopic, topicRequest(id(0), { maxTopicSizeBytes: 1000n }))).status).toBe(1019);
    expect((await fx.root.call(createTopic, topicRequest(id(0), { maxTopicSizeBytes: U64_MAX }))).status).toBe(0);
    expect((await fx.root.call(createTopic, topicRequest(id(0), { maxTopicSizeBytes: 2n ** 31n }))).status).toBe(2013);
    expect((await fx.root.call(createTopic, topicRequest(id(0), { name: 'big', maxTopicSizeBytes: 2n ** 31n }))).status).toBe(0);
  });
});

describe('GetTopic / GetTopics', () => {
  it('reads a topic by id and name with its partitions, and lists topics without them', async () => {
    await makeTopic(fx.root, id(0), 'a', 2);
    await makeTopic(fx.root, id(0), 'b', 1);
    expect(await send(fx.root, id(0), name('a'), partitionId(1), ['x', 'y'])).toBe(0);
    const a = await fx.root.call(getTopic, { streamId: name('s'), topicId: name('a') });
    expect(a.value!.topic).toMatchObject({ id: 0, name: 'a', partitionsCount: 2, messagesCount: 2n });
    expect(a.value!.partitions.map((p) => [p.id, p.messagesCount, p.currentOffset])).toEqual([
      [0, 0n, 0n],
      [1, 2n, 1n],
    ]);
    const list = await fx.root.call(getTopics, { streamId: id(0) });
    expect(list.value!.map((t) => [t.id, t.name])).toEqual([
      [0, 'a'],
      [1, 'b'],
    ]);
  });

  it('answers missing streams and topics with empty OK', async () => {
    for (const r of [
      await fx.root.call(getTopic, { streamId: id(9), topicId: id(0) }),
      await fx.root.call(getTopic, { streamId: id(0), topicId: name('none') }),
      await fx.root.call(getTopics, { streamId: name('none') }),
      await fx.root.call(getTopics, { streamId: id(0) }), // no topics: empty list
    ]) {
      expect(r.status).toBe(0);
      expect(r.payload.length).toBe(0);
    }
  });
});

describe('UpdateTopic / PurgeTopic / DeleteTopic', () => {
  it('replaces every field; 0 stays "server default"; a taken name is 2013', async () => {
    await makeTopic(fx.root, id(0), 'a', 1);
    await makeTopic(fx.root, id(0), 'b', 1);
    const update = { streamId: id(0), topicId: name('a'), compression: CompressionAlgorithm.Gzip, messageExpiryUs: 0n, maxTopicSizeBytes: 100n, replicationFactor: 3, name: 'c' };
    expect((await fx.root.call(updateTopic, update)).status).toBe(0);
    const c = await fx.root.call(getTopic, { streamId: id(0), topicId: name('c') });
    expect(c.value!.topic).toMatchObject({ id: 0, compression: CompressionAlgorithm.Gzip, messageExpiryUs: 0n, maxTopicSizeBytes: 100n, replicationFactor: 3, partitionsCount: 1 });
    expect((await fx.root.call(updateTopic, { ...update, topicId: id(0), name: 'b' })).status).toBe(2013);
    expect((await fx.root.call(updateTopic, { ...update, topicId: id(5) })).status).toBe(2010);
    expect((await fx.root.call(updateTopic, { ...update, streamId: id(5) })).status).toBe(1009);
  });

  it('purges messages and restarts offsets at 0, keeping the partitions', async () => {
    await makeTopic(fx.root, id(0), 't', 2);
    expect(await send(fx.root, id(0), id(0), partitionId(0), ['a', 'b', 'c'])).toBe(0);
    expect((await fx.root.call(purgeTopic, { streamId: id(0), topicId: id(0) })).status).toBe(0);
    const t = await fx.root.call(getTopic, { streamId: id(0), topicId: id(0) });
    expect(t.value!.topic).toMatchObject({ partitionsCount: 2, messagesCount: 0n });
    expect(await send(fx.root, id(0), id(0), partitionId(0), ['d'])).toBe(0);
    const polled = await poll(fx.root, { streamId: id(0), topicId: id(0) });
    expect(polled.payloads).toEqual(['d']);
    expect(polled.offsets).toEqual([0n]);
    expect((await fx.root.call(purgeTopic, { streamId: id(0), topicId: id(4) })).status).toBe(2010);
  });

  it('deletes a topic; unknown ones are 2010 / 1009', async () => {
    await makeTopic(fx.root, id(0), 't', 1);
    expect((await fx.root.call(deleteTopic, { streamId: id(0), topicId: name('t') })).status).toBe(0);
    expect((await fx.root.call(getTopic, { streamId: id(0), topicId: id(0) })).payload.length).toBe(0);
    expect((await fx.root.call(deleteTopic, { streamId: id(0), topicId: name('t') })).status).toBe(2010);
    expect((await fx.root.call(deleteTopic, { streamId: id(3), topicId: id(0) })).status).toBe(1009);
    // Another client is still served after the errors.
    const other = await fx.server.connect();
    await other.login('iggy', 'iggy');
    expect((await other.call(getTopics, { streamId: id(0) })).status).toBe(0);
  });
});

describe('topic permissions', () => {
  it('checks read_topics / read_topic / manage_topic per stream and topic', async () => {
    await makeTopic(fx.root, id(0), 'a', 1);
    await makeTopic(fx.root, id(0), 'b', 1);
    const nobody = await userClient(fx, 'nobody', null);
    expect((await nobody.call(getTopics, { streamId: id(0) })).status).toBe(41);
    expect((await nobody.call(getTopic, { streamId: id(0), topicId: id(0) })).status).toBe(41);
    expect((await nobody.call(getTopic, { streamId: id(0), topicId: id(9) })).status).toBe(0); // empty OK first
    expect((await nobody.call(deleteTopic, { streamId: id(0), topicId: id(9) })).status).toBe(2010); // not found first
    expect((await nobody.call(deleteTopic, { streamId: id(0), topicId: id(0) })).status).toBe(41);
    expect((await nobody.call(purgeTopic, { streamId: id(0), topicId: id(0) })).status).toBe(41);

    const topicAdmin = await userClient(fx, 'admin-a', permissions({}, { 0: { topics: { 0: { manageTopic: true } } } }));
    expect((await topicAdmin.call(getTopic, { streamId: id(0), topicId: id(0) })).status).toBe(0);
    expect((await topicAdmin.call(getTopic, { streamId: id(0), topicId: id(1) })).status).toBe(41);
    expect((await topicAdmin.call(getTopics, { streamId: id(0) })).status).toBe(41); // needs stream-level rights
    expect((await topicAdmin.call(purgeTopic, { streamId: id(0), topicId: id(0) })).status).toBe(0);
    expect((await topicAdmin.call(createTopic, topicRequest(id(0), { name: 'c' }))).status).toBe(41);
    expect((await topicAdmin.call(deleteTopic, { streamId: id(0), topicId: id(1) })).status).toBe(41);
    expect((await topicAdmin.call(deleteTopic, { streamId: id(0), topicId: id(0) })).status).toBe(0);

    const creator = await userClient(fx, 'creator', permissions({}, { 0: { flags: { manageTopics: true } } }));
    expect((await creator.call(createTopic, topicRequest(id(0), { name: 'c' }))).status).toBe(0);
    expect((await creator.call(getTopics, { streamId: id(0) })).value!.map((t) => t.name)).toEqual(['c', 'b']);
  });
});
