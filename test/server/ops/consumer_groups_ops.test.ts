// Consumer group operations called directly: create needs read_topic and
// registers the group with the coordinator, reads of a missing stream/topic
// are null (binary: empty OK, HTTP: 404), join and leave need a connected
// client (FeatureUnavailable 5 over HTTP) and show in the member records,
// leaving twice is 5006, and a deleted group is 5000.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ERROR_CODE } from '../../../src/errors/iggy_error.js';
import { CompressionAlgorithm } from '../../../src/protocol/types.js';
import type { Session } from '../../../src/server/context.js';
import { createConsumerGroup } from '../../../src/server/ops/consumer_groups/create_consumer_group.js';
import { deleteConsumerGroup } from '../../../src/server/ops/consumer_groups/delete_consumer_group.js';
import { getConsumerGroup } from '../../../src/server/ops/consumer_groups/get_consumer_group.js';
import { getConsumerGroups } from '../../../src/server/ops/consumer_groups/get_consumer_groups.js';
import { joinConsumerGroup } from '../../../src/server/ops/consumer_groups/join_consumer_group.js';
import { leaveConsumerGroup } from '../../../src/server/ops/consumer_groups/leave_consumer_group.js';
import { createStream } from '../../../src/server/ops/streams/create_stream.js';
import { createTopic } from '../../../src/server/ops/topics/create_topic.js';
import { errorCode, startOpsFixture, userPrincipal, withSession, type OpsFixture } from './ops_fixture.js';

let fx: OpsFixture;
const opened: Session[] = [];
const byId = (value: number) => ({ kind: 'numeric', value }) as const;
const group = { streamId: byId(0), topicId: byId(0), groupId: byId(0) };

beforeEach(async () => {
  fx = await startOpsFixture();
  await createStream(fx.ctx, fx.root, { name: 'orders' });
  const topic = { streamId: byId(0), name: 'events', partitionsCount: 3, compression: CompressionAlgorithm.None, messageExpiryUs: 0n, maxTopicSizeBytes: 0n, replicationFactor: 1 };
  await createTopic(fx.ctx, fx.root, topic);
});

afterEach(async () => {
  for (const session of opened.splice(0)) fx.ctx.clients.remove(session);
  await fx.server.close();
});

function connected(address: string) {
  const principal = withSession(fx.ctx, fx.root, address);
  opened.push(principal.session!);
  return principal;
}

describe('consumer group operations', () => {
  it('create needs read_topic and returns the record; reads of a missing topic are null', async () => {
    const nobody = await userPrincipal(fx.ctx, 'nobody', null);
    expect(await errorCode(() => createConsumerGroup(fx.ctx, nobody, { streamId: byId(0), topicId: byId(0), name: 'workers' }))).toBe(ERROR_CODE.Unauthorized);
    const created = await createConsumerGroup(fx.ctx, fx.root, { streamId: byId(0), topicId: byId(0), name: 'workers' });
    expect(created).toEqual({ id: 0, name: 'workers', partitionsCount: 3, membersCount: 0 });
    expect(await getConsumerGroups(fx.ctx, fx.root, { streamId: byId(0), topicId: byId(0) })).toEqual([created]);
    expect(await getConsumerGroups(fx.ctx, fx.root, { streamId: byId(0), topicId: byId(9) })).toBeNull();
    expect(await getConsumerGroup(fx.ctx, nobody, { ...group, streamId: byId(9) })).toBeNull();
    expect(await errorCode(() => getConsumerGroup(fx.ctx, nobody, group))).toBe(ERROR_CODE.Unauthorized);
  });

  it('join and leave need a session: FeatureUnavailable (5) without one', async () => {
    await createConsumerGroup(fx.ctx, fx.root, { streamId: byId(0), topicId: byId(0), name: 'workers' });
    expect(await errorCode(() => joinConsumerGroup(fx.ctx, fx.root, group))).toBe(ERROR_CODE.FeatureUnavailable);
    expect(await errorCode(() => leaveConsumerGroup(fx.ctx, fx.root, group))).toBe(ERROR_CODE.FeatureUnavailable);
    expect((await getConsumerGroup(fx.ctx, fx.root, group))?.members).toEqual([]);
  });

  it('a joined connection is a member owning the partitions; leaving twice is 5006', async () => {
    await createConsumerGroup(fx.ctx, fx.root, { streamId: byId(0), topicId: byId(0), name: 'workers' });
    const me = connected('10.0.0.1:5000');
    await joinConsumerGroup(fx.ctx, me, group);
    await joinConsumerGroup(fx.ctx, me, group); // a no-op
    expect(await getConsumerGroup(fx.ctx, fx.root, group)).toEqual({
      group: { id: 0, name: 'workers', partitionsCount: 3, membersCount: 1 },
      members: [{ id: 0, partitions: [0, 1, 2] }],
    });
    await leaveConsumerGroup(fx.ctx, me, group);
    expect(await errorCode(() => leaveConsumerGroup(fx.ctx, me, group))).toBe(ERROR_CODE.ConsumerGroupMemberNotFound);
  });

  it('delete drops the group and its membership; afterwards it is 5000', async () => {
    await createConsumerGroup(fx.ctx, fx.root, { streamId: byId(0), topicId: byId(0), name: 'workers' });
    const me = connected('10.0.0.2:5000');
    await joinConsumerGroup(fx.ctx, me, group);
    await deleteConsumerGroup(fx.ctx, fx.root, group);
    expect(fx.ctx.groups.groupsOf(me.session!.clientId)).toEqual([]);
    expect(await errorCode(() => joinConsumerGroup(fx.ctx, me, group))).toBe(ERROR_CODE.ConsumerGroupIdNotFound);
    expect(await errorCode(() => deleteConsumerGroup(fx.ctx, fx.root, group))).toBe(ERROR_CODE.ConsumerGroupIdNotFound);
  });
});
