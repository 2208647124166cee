// The message operations called directly on a real server: the send op picks
// the partition (round-robin per topic, by key, by id; none in an empty
// topic), the poll op resolves strategies and auto-commits, both authorise,
// and a group poll needs a connected client.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CompressionAlgorithm, ConsumerKind, PartitioningKind, PollingKind, type GlobalPermissions, type Partitioning } from '../../../src/protocol/types.js';
import { createConsumerGroup } from '../../../src/server/ops/consumer_groups/create_consumer_group.js';
import { pollMessages } from '../../../src/server/ops/messages/poll_messages.js';
import { sendMessages } from '../../../src/server/ops/messages/send_messages.js';
import type { Principal } from '../../../src/server/ops/principal.js';
import { createStream } from '../../../src/server/ops/streams/create_stream.js';
import { createTopic } from '../../../src/server/ops/topics/create_topic.js';
import { deleteTopic } from '../../../src/server/ops/topics/delete_topic.js';
import { decodeMessages, textBatch } from '../../storage/helpers.js';
import { errorCode, startOpsFixture, userPrincipal, type OpsFixture } from './ops_fixture.js';

let fx: OpsFixture;
const byId = (value: number) => ({ kind: 'numeric', value }) as const;
const byName = (value: string) => ({ kind: 'string', value }) as const;
const topicRequest = (name: string, partitionsCount: number) => ({
  streamId: byId(0), name, partitionsCount, compression: CompressionAlgorithm.None, messageExpiryUs: 0n, maxTopicSizeBytes: 0n, replicationFactor: 1,
});

beforeEach(async () => {
  fx = await startOpsFixture();
  await createStream(fx.ctx, fx.root, { name: 'orders' });
  await createTopic(fx.ctx, fx.root, topicRequest('events', 3));
  await createTopic(fx.ctx, fx.root, topicRequest('empty', 0));
});

afterEach(async () => {
  await fx.server.close();
});

function send(topic: string, partitioning: Partitioning, principal: Principal = fx.root, text = 'm') {
  return sendMessages(fx.ctx, principal, { streamId: byId(0), topicId: byName(topic), partitioning, ...textBatch(text, 1) });
}

function poll(kind: PollingKind, value: bigint, count: number, autoCommit = false, partitionId: number | null = 0) {
  const consumer = { kind: ConsumerKind.Consumer, id: byId(7) };
  return pollMessages(fx.ctx, fx.root, { streamId: byId(0), topicId: byId(0), consumer, partitionId, strategy: { kind, value }, count, autoCommit });
}

describe('sendMessages', () => {
  it('goes round-robin per topic, by key, by id, and starts afresh in a topic that reuses deleted ids', async () => {
    const chosen: number[] = [];
    for (let i = 0; i < 4; i += 1) chosen.push(await send('events', { kind: PartitioningKind.Balanced }));
    expect(chosen).toEqual([0, 1, 2, 0]);
    const key = new TextEncoder().encode('customer-7');
    expect(await send('events', { kind: PartitioningKind.MessagesKey, key })).toBe(fx.ctx.core.xxh32(key) % 3);
    expect(await send('events', { kind: PartitioningKind.PartitionId, partitionId: 2 })).toBe(2);
    await deleteTopic(fx.ctx, fx.root, { streamId: byId(0), topicId: byName('events') });
    await createTopic(fx.ctx, fx.root, topicRequest('events', 3));
    expect(await send('events', { kind: PartitioningKind.Balanced })).toBe(0);
  });

  it('answers 3007 for a missing partition, 2010/3008 in an empty topic, 1009/2010 for missing targets, 41 without send rights', async () => {
    expect(await errorCode(() => send('events', { kind: PartitioningKind.PartitionId, partitionId: 3 }))).toBe(3007);
    expect(await errorCode(() => send('empty', { kind: PartitioningKind.Balanced }))).toBe(2010);
    expect(await errorCode(() => send('empty', { kind: PartitioningKind.MessagesKey, key: new Uint8Array([1]) }))).toBe(3008);
    const missingStream = { streamId: byId(5), topicId: byId(0), partitioning: { kind: PartitioningKind.Balanced } as const, ...textBatch('m', 1) };
    expect(await errorCode(() => sendMessages(fx.ctx, fx.root, missingStream))).toBe(1009);
    expect(await errorCode(() => send('nope', { kind: PartitioningKind.Balanced }))).toBe(2010);
    const reader = await userPrincipal(fx.ctx, 'reader', { global: { ...NO_RIGHTS, readStreams: true, pollMessages: true }, streams: new Map() });
    expect(await errorCode(() => send('events', { kind: PartitioningKind.Balanced }, reader))).toBe(41);
  });
});

const NO_RIGHTS: GlobalPermissions = {
  manageServers: false, readServers: false, manageUsers: false, readUsers: false, manageStreams: false,
  readStreams: false, manageTopics: false, readTopics: false, pollMessages: false, sendMessages: false,
};

describe('pollMessages', () => {
  beforeEach(async () => {
    for (let i = 0; i < 5; i += 1) await send('events', { kind: PartitioningKind.PartitionId, partitionId: 0 }, fx.root, `n${i}`);
  });

  const offsets = (result: { chunks: Uint8Array[] }) => decodeMessages(result.chunks).map((m) => m.offset);

  it('resolves offset, first, last and next, and auto-commits so next moves on', async () => {
    expect(offsets(await poll(PollingKind.Offset, 3n, 10))).toEqual([3n, 4n]);
    expect(offsets(await poll(PollingKind.Offset, 9n, 10))).toEqual([]);
    expect(offsets(await poll(PollingKind.First, 0n, 2))).toEqual([0n, 1n]);
    expect(offsets(await poll(PollingKind.Last, 0n, 2))).toEqual([3n, 4n]);
    expect(offsets(await poll(PollingKind.Next, 0n, 2, true))).toEqual([0n, 1n]);
    expect(offsets(await poll(PollingKind.Next, 0n, 2, true))).toEqual([2n, 3n]);
    const empty = await poll(PollingKind.First, 0n, 2, false, 1);
    expect(empty).toMatchObject({ partitionId: 1, currentOffset: 0n, count: 0 });
    expect(await errorCode(() => poll(PollingKind.First, 0n, 1, false, 9))).toBe(3007);
  });

  it('refuses a group poll without a connected client (5)', async () => {
    const consumer = { kind: ConsumerKind.ConsumerGroup, id: byName('g') };
    await createConsumerGroup(fx.ctx, fx.root, { streamId: byId(0), topicId: byId(0), name: 'g' });
    const request = { streamId: byId(0), topicId: byId(0), consumer, partitionId: null, strategy: { kind: PollingKind.Next, value: 0n }, count: 1, autoCommit: false };
    expect(await errorCode(() => pollMessages(fx.ctx, fx.root, request))).toBe(5);
  });
});
