// Topic, partition and consumer-offset operations called directly: CreateTopic
// returns the topic with its partitions (the binary reply and HTTP's
// TopicDetails), the one partitions_count check answers 2015 before the
// stream is looked up, partition changes reach the group coordinator, and a
// consumer group's offsets need a session (HTTP has none).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ERROR_CODE } from '../../../src/errors/iggy_error.js';
import { CompressionAlgorithm, ConsumerKind } from '../../../src/protocol/types.js';
import type { CreateTopicRequest } from '../../../src/protocol/commands/topics/create_topic.js';
import { getConsumerOffset } from '../../../src/server/ops/consumer_offsets/get_consumer_offset.js';
import { storeConsumerOffset } from '../../../src/server/ops/consumer_offsets/store_consumer_offset.js';
import { createPartitions } from '../../../src/server/ops/partitions/create_partitions.js';
import { deletePartitions } from '../../../src/server/ops/partitions/delete_partitions.js';
import { createStream } from '../../../src/server/ops/streams/create_stream.js';
import { createTopic } from '../../../src/server/ops/topics/create_topic.js';
import { getTopics } from '../../../src/server/ops/topics/get_topics.js';
import { permissions } from '../data_plane_fixture.js';
import { errorCode, startOpsFixture, userPrincipal, type OpsFixture } from './ops_fixture.js';

let fx: OpsFixture;

beforeEach(async () => {
  fx = await startOpsFixture();
  await createStream(fx.ctx, fx.root, { name: 'orders' });
});

afterEach(async () => {
  await fx.server.close();
});

const byId = (value: number) => ({ kind: 'numeric', value }) as const;

function topicRequest(partitionsCount: number, streamId = byId(0)): CreateTopicRequest {
  return { streamId, name: 'events', partitionsCount, compression: CompressionAlgorithm.None, messageExpiryUs: 0n, maxTopicSizeBytes: 0n, replicationFactor: 1 };
}

describe('topic and partition operations', () => {
  it('create returns the topic with one record per partition', async () => {
    const created = await createTopic(fx.ctx, fx.root, topicRequest(3));
    expect(created.topic).toMatchObject({ id: 0, name: 'events', partitionsCount: 3 });
    expect(created.partitions.map((p) => p.id)).toEqual([0, 1, 2]);
    expect(await getTopics(fx.ctx, fx.root, { streamId: byId(0) })).toEqual([created.topic]);
  });

  it('checks partitions_count first: 2015 even for a missing stream', async () => {
    expect(await errorCode(() => createTopic(fx.ctx, fx.root, topicRequest(1001, byId(9))))).toBe(ERROR_CODE.TooManyPartitions);
    expect(await errorCode(() => createTopic(fx.ctx, fx.root, topicRequest(1, byId(9))))).toBe(ERROR_CODE.StreamIdNotFound);
    const target = { streamId: byId(9), topicId: byId(0) };
    expect(await errorCode(() => createPartitions(fx.ctx, fx.root, { ...target, partitionsCount: 0 }))).toBe(ERROR_CODE.TooManyPartitions);
    expect(await errorCode(() => deletePartitions(fx.ctx, fx.root, { ...target, partitionsCount: 1001 }))).toBe(ERROR_CODE.TooManyPartitions);
  });

  it('GetTopics tells a missing stream (null) from a stream without topics ([])', async () => {
    expect(await getTopics(fx.ctx, fx.root, { streamId: byId(9) })).toBeNull();
    expect(await getTopics(fx.ctx, fx.root, { streamId: byId(0) })).toEqual([]);
  });

  it('denies topic creation without create_topic on the stream', async () => {
    const reader = await userPrincipal(fx.ctx, 'reader', permissions({ readStreams: true }));
    expect(await errorCode(() => createTopic(fx.ctx, reader, topicRequest(1)))).toBe(ERROR_CODE.Unauthorized);
    expect(await getTopics(fx.ctx, fx.root, { streamId: byId(0) })).toEqual([]);
  });

  it('partition changes update the topic and its consumer groups', async () => {
    await createTopic(fx.ctx, fx.root, topicRequest(2));
    const group = await fx.ctx.storage.createConsumerGroup(byId(0), byId(0), 'workers');
    const target = { streamId: byId(0), topicId: byId(0) };
    await createPartitions(fx.ctx, fx.root, { ...target, partitionsCount: 3 });
    expect(fx.ctx.storage.getTopic(byId(0), byId(0)).partitionsCount).toBe(5);
    await deletePartitions(fx.ctx, fx.root, { ...target, partitionsCount: 4 });
    expect(fx.ctx.storage.getTopic(byId(0), byId(0)).partitionsCount).toBe(1);
    expect(fx.ctx.storage.getConsumerGroup(byId(0), byId(0), byId(group.id)).partitionsCount).toBe(1);
  });
});

describe('consumer offset operations', () => {
  it('single consumers need no session; the poll permission is checked first', async () => {
    await createTopic(fx.ctx, fx.root, topicRequest(1));
    const target = { streamId: byId(0), topicId: byId(0), consumer: { kind: ConsumerKind.Consumer, id: byId(1) }, partitionId: 0 };
    expect(await getConsumerOffset(fx.ctx, fx.root, target)).toBeNull();
    // The partition is empty, so storage refuses any offset: the op got that far.
    expect(await errorCode(() => storeConsumerOffset(fx.ctx, fx.root, { ...target, offset: 0n }))).toBe(ERROR_CODE.InvalidOffset);
    const nobody = await userPrincipal(fx.ctx, 'nobody', null);
    expect(await errorCode(() => getConsumerOffset(fx.ctx, nobody, target))).toBe(ERROR_CODE.Unauthorized);
    expect(await errorCode(() => storeConsumerOffset(fx.ctx, nobody, { ...target, offset: 0n }))).toBe(ERROR_CODE.Unauthorized);
  });

  it("a group's implicit partition needs a session: store is 5, get finds nothing", async () => {
    await createTopic(fx.ctx, fx.root, topicRequest(1));
    await fx.ctx.storage.createConsumerGroup(byId(0), byId(0), 'workers');
    const group = { streamId: byId(0), topicId: byId(0), consumer: { kind: ConsumerKind.ConsumerGroup, id: { kind: 'string', value: 'workers' } } as const };
    expect(await errorCode(() => storeConsumerOffset(fx.ctx, fx.root, { ...group, offset: 0n }))).toBe(ERROR_CODE.FeatureUnavailable);
    expect(await getConsumerOffset(fx.ctx, fx.root, group)).toBeNull();
  });
});
