// Consumer groups against the real server over real sockets: assignment as
// GetConsumerGroup reports it through joins and leaves, exactly-once delivery
// with Next + auto-commit while members come and go, disconnects (a killed
// connection is a leave), the rebalancing timeout for a member that stops
// without committing, group offsets across a restart, and the group error
// codes. Waits are bounded retries of a condition, never timing asserts.
import { afterEach, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { startTestServer, type RawClient, type TestServer } from '../helpers/server.js';
import {
  CODE,
  createGroupPayload,
  createStreamPayload,
  createTopicPayload,
  decodeCreatedId,
  decodeGroup,
  decodeOffset,
  decodePoll,
  groupOffsetPayload,
  groupPayload,
  partitionsPayload,
  pollAsGroupPayload,
  sendPayload,
  type GroupDetails,
  type PollResponse,
} from './wire.js';

// The default rebalancing timeout, so no test but the stalled-member one can
// see a forced handover; that one uses a short timeout that still leaves a
// wide margin for its "not yet" checks on a loaded machine.
const REBALANCING_TIMEOUT_US = 30_000_000;
const SHORT_REBALANCING_TIMEOUT_US = 2_000_000;
const CHECK_INTERVAL_US = 50_000;

let server: TestServer | null = null;

afterEach(async () => {
  await server?.close();
  server = null;
});

async function ok(client: RawClient, code: number, payload: Uint8Array): Promise<Buffer> {
  const response = await client.send(code, payload);
  expect(response.status, `command ${code} failed`).toBe(0);
  return response.payload;
}

interface Topic {
  server: TestServer;
  admin: RawClient;
  streamId: number;
  topicId: number;
  groupId: number;
}

async function setupTopic(partitionsCount: number, messagesPerPartition: number, rebalancingTimeoutUs = REBALANCING_TIMEOUT_US): Promise<Topic> {
  server = await startTestServer({
    consumer_group: { rebalancing_timeout: rebalancingTimeoutUs, rebalancing_check_interval: CHECK_INTERVAL_US },
  });
  const admin = await server.connect();
  await admin.login('iggy', 'iggy');
  const streamId = decodeCreatedId(await ok(admin, CODE.CreateStream, createStreamPayload('orders')));
  const topicId = decodeCreatedId(await ok(admin, CODE.CreateTopic, createTopicPayload(streamId, partitionsCount, 'events')));
  const groupId = decodeCreatedId(await ok(admin, CODE.CreateConsumerGroup, createGroupPayload(streamId, topicId, 'workers')));
  for (let partition = 0; partition < partitionsCount; partition++) {
    for (let sent = 0; sent < messagesPerPartition; sent += 100) {
      const payloads: Uint8Array[] = [];
      for (let i = sent; i < Math.min(sent + 100, messagesPerPartition); i++) payloads.push(Buffer.from(`p${partition}-m${i}`));
      await ok(admin, CODE.SendMessages, sendPayload(streamId, topicId, partition, payloads));
    }
  }
  return { server, admin, streamId, topicId, groupId };
}

async function member(topic: Topic, join = true): Promise<RawClient> {
  const client = await topic.server.connect();
  await client.login('iggy', 'iggy');
  if (join) await ok(client, CODE.JoinConsumerGroup, groupPayload(topic.streamId, topic.topicId, topic.groupId));
  return client;
}

async function group(topic: Topic): Promise<GroupDetails> {
  const details = decodeGroup(await ok(topic.admin, CODE.GetConsumerGroup, groupPayload(topic.streamId, topic.topicId, topic.groupId)));
  expect(details).not.toBeNull();
  return details!;
}

/** member id -> partitions, as GetConsumerGroup reports them. */
async function assignment(topic: Topic): Promise<Record<number, number[]>> {
  const details = await group(topic);
  expect(details.membersCount).toBe(details.members.length);
  return Object.fromEntries(details.members.map((m) => [m.id, [...m.partitions].sort((a, b) => a - b)]));
}

/** Polls GetConsumerGroup until `accept` holds (bounded; a condition, not a timing assert). */
async function waitForAssignment(topic: Topic, accept: (a: Record<number, number[]>) => boolean): Promise<Record<number, number[]>> {
  let last: Record<number, number[]> = {};
  for (let attempt = 0; attempt < 400; attempt++) {
    last = await assignment(topic);
    if (accept(last)) return last;
    await sleep(25);
  }
  throw new Error(`assignment never reached the expected state; last ${JSON.stringify(last)}`);
}

async function poll(topic: Topic, client: RawClient, partitionId: number | null, count: number, autoCommit: boolean): Promise<PollResponse> {
  const payload = await ok(client, CODE.PollMessages, pollAsGroupPayload(topic.groupId, topic.streamId, topic.topicId, partitionId, count, autoCommit));
  return decodePoll(payload);
}

describe('consumer group assignment over TCP', () => {
  it('reports 2/1/1, then 1/1/1/1 after a join, then 2/1/1 after a leave', async () => {
    const topic = await setupTopic(4, 0);
    const a = await member(topic);
    const b = await member(topic);
    const c = await member(topic);
    expect(await assignment(topic)).toEqual({ 0: [0, 1], 1: [2], 2: [3] });
    const details = await group(topic);
    expect(details).toMatchObject({ id: topic.groupId, name: 'workers', partitionsCount: 4, membersCount: 3 });

    const d = await member(topic);
    expect(await assignment(topic)).toEqual({ 0: [0], 1: [2], 2: [3], 3: [1] });

    await ok(b, CODE.LeaveConsumerGroup, groupPayload(topic.streamId, topic.topicId, topic.groupId));
    expect(await assignment(topic)).toEqual({ 0: [0, 3], 2: [1], 3: [2] });
    // Leaving twice: not a member any more.
    expect((await b.send(CODE.LeaveConsumerGroup, groupPayload(topic.streamId, topic.topicId, topic.groupId))).status).toBe(5006);
    // Joining twice is a no-op.
    await ok(a, CODE.JoinConsumerGroup, groupPayload(topic.streamId, topic.topicId, topic.groupId));
    expect(await assignment(topic)).toEqual({ 0: [0, 3], 2: [1], 3: [2] });
    void c;
    void d;
  });

  it('rebalances on CreatePartitions and DeletePartitions', async () => {
    const topic = await setupTopic(2, 0);
    await member(topic);
    await member(topic);
    expect(await assignment(topic)).toEqual({ 0: [0], 1: [1] });
    await ok(topic.admin, CODE.CreatePartitions, partitionsPayload(topic.streamId, topic.topicId, 3));
    expect(await assignment(topic)).toEqual({ 0: [0, 2, 4], 1: [1, 3] });
    await ok(topic.admin, CODE.DeletePartitions, partitionsPayload(topic.streamId, topic.topicId, 4));
    expect(await assignment(topic)).toEqual({ 0: [0], 1: [] });
  });

  it('answers 5006 to a poll from a non-member, 3022 to storing a partition it does not own; others are still served', async () => {
    const topic = await setupTopic(2, 3);
    const outsider = await member(topic, false);
    const response = await outsider.send(CODE.PollMessages, pollAsGroupPayload(topic.groupId, topic.streamId, topic.topicId, null, 10, true));
    expect(response.status).toBe(5006);
    const a = await member(topic);
    const b = await member(topic);
    expect(await assignment(topic)).toEqual({ 0: [0], 1: [1] });
    const stored = await a.send(CODE.StoreConsumerOffset, groupOffsetPayload(topic.groupId, topic.streamId, topic.topicId, 1, 0n));
    expect(stored.status).toBe(3022);
    // An explicit partition of another member: empty result, not an error.
    const foreign = await poll(topic, a, 1, 10, true);
    expect(foreign.messages).toEqual([]);
    const own = await poll(topic, b, 1, 10, true);
    expect(own.partitionId).toBe(1);
    expect(own.messages.map((m) => Buffer.from(m.payload).toString())).toEqual(['p1-m0', 'p1-m1', 'p1-m2']);
  });
});

describe('delivery through rebalances over TCP', () => {
  // Storage moves an auto-committed offset before its read is awaited, so
  // with auto-commit this run mostly proves no loss and no starvation under
  // churn; the manual-commit run is the one where handing a partition over
  // before its owner has stored what it was served would duplicate messages.
  it.each([
    { mode: 'auto-commit', autoCommit: true },
    { mode: 'StoreConsumerOffset after every poll', autoCommit: false },
  ])('delivers every message exactly once with Next + $mode while members join, leave and disconnect', async ({ autoCommit }) => {
    const partitionsCount = 4;
    const perPartition = 250;
    const total = partitionsCount * perPartition;
    // Default 30 s timeout (setupTopic): a forced handover would be at-least-once; this run must not depend on speed.
    const topic = await setupTopic(partitionsCount, perPartition);
    const seen = new Map<string, number>();
    let delivered = 0;
    let emptyStreak = 0; // consecutive empty polls across all members: ends the run if messages are stuck
    const stalled = (): boolean => emptyStreak > 5000;

    type Exit = 'run' | 'leave' | 'close';
    async function consume(client: RawClient, exitAt: number, exit: Exit): Promise<void> {
      while (delivered < total && !stalled()) {
        if (exit !== 'run' && delivered >= exitAt) break;
        const result = await poll(topic, client, null, 4, autoCommit);
        if (result.messages.length === 0) {
          emptyStreak++;
          continue;
        }
        emptyStreak = 0;
        for (const message of result.messages) {
          const key = `${result.partitionId}:${message.offset}`;
          expect(Buffer.from(message.payload).toString()).toBe(`p${result.partitionId}-m${message.offset}`);
          seen.set(key, (seen.get(key) ?? 0) + 1);
          delivered++;
        }
        if (!autoCommit) {
          const last = result.messages.at(-1)!.offset;
          // The member still owns the partition (or it is pending from it) until this lands.
          await ok(client, CODE.StoreConsumerOffset, groupOffsetPayload(topic.groupId, topic.streamId, topic.topicId, result.partitionId, last));
        }
      }
      if (exit === 'leave') await ok(client, CODE.LeaveConsumerGroup, groupPayload(topic.streamId, topic.topicId, topic.groupId));
      if (exit === 'close') await client.close(); // after its last reply: a disconnect that is not a crash
    }

    const runs: Promise<void>[] = [];
    runs.push(consume(await member(topic), total, 'run'));
    runs.push(consume(await member(topic), total * 0.45, 'leave'));
    runs.push(consume(await member(topic), total * 0.7, 'close'));
    // Later joiners start once the group is busy, so partitions change hands mid-stream.
    const joinWhen = async (threshold: number, exitAt: number, exit: Exit): Promise<void> => {
      while (delivered < threshold && !stalled()) await sleep(1);
      if (delivered >= total) return;
      await consume(await member(topic), exitAt, exit);
    };
    runs.push(joinWhen(total * 0.2, total, 'run'));
    runs.push(joinWhen(total * 0.3, total * 0.6, 'leave'));
    runs.push(joinWhen(total * 0.55, total, 'run'));
    // A member that joins and leaves over and over without polling: every
    // join takes partitions cooperatively and every leave is a full
    // rebalance, so partitions keep changing hands while the others poll.
    let churns = 0;
    const churn = async (): Promise<void> => {
      const client = await member(topic, false);
      while (delivered < total && !stalled()) {
        await ok(client, CODE.JoinConsumerGroup, groupPayload(topic.streamId, topic.topicId, topic.groupId));
        await ok(client, CODE.LeaveConsumerGroup, groupPayload(topic.streamId, topic.topicId, topic.groupId));
        churns++;
      }
    };
    runs.push(churn());
    await Promise.all(runs);
    expect(churns).toBeGreaterThan(0);

    const duplicates = [...seen].filter(([, n]) => n > 1);
    expect(duplicates).toEqual([]);
    expect(seen.size).toBe(total);
    expect(delivered).toBe(total);
  });

  it('hands the partitions of a connection killed mid-poll to the others', async () => {
    const topic = await setupTopic(4, 20);
    const a = await member(topic);
    const b = await member(topic);
    expect(await assignment(topic)).toEqual({ 0: [0, 1], 1: [2, 3] });
    // Send a poll and kill the socket before the reply can be read.
    const pending = a.send(CODE.PollMessages, pollAsGroupPayload(topic.groupId, topic.streamId, topic.topicId, null, 5, true));
    a.destroy();
    await pending.catch(() => undefined);
    // The killed member leaves at once; a partition its poll was still
    // reading moves when that poll has finished (and auto-committed).
    expect(await waitForAssignment(topic, (x) => x[1]?.length === 4)).toEqual({ 1: [0, 1, 2, 3] });
    // The survivor is served every partition.
    const partitions = new Set<number>();
    for (let i = 0; i < 4; i++) partitions.add((await poll(topic, b, null, 1, true)).partitionId);
    expect([...partitions].sort()).toEqual([0, 1, 2, 3]);
  });

  it('moves a partition away from a member that stopped without committing only after the rebalancing timeout', async () => {
    const topic = await setupTopic(2, 10, SHORT_REBALANCING_TIMEOUT_US);
    const a = await member(topic);
    // Served 0..2 of partition 1 without auto-commit, and never commits.
    const served = await poll(topic, a, 1, 3, false);
    expect(served.messages.map((m) => m.offset)).toEqual([0n, 1n, 2n]);
    const b = await member(topic);
    // Partition 0 was never polled and would be fine to move, but the fair
    // share takes from the end of a's list: partition 1 is pending revocation.
    expect(await assignment(topic)).toEqual({ 0: [0, 1], 1: [] });
    const early = await poll(topic, b, 1, 10, true);
    expect(early.messages).toEqual([]); // the new owner cannot poll it before the handover
    expect(await waitForAssignment(topic, (x) => x[1]?.length === 1)).toEqual({ 0: [0], 1: [1] });
    // Nothing was committed, so the new owner starts from the beginning (at-least-once).
    const redelivered = await poll(topic, b, null, 10, true);
    expect(redelivered.partitionId).toBe(1);
    expect(redelivered.messages.map((m) => m.offset)).toEqual([0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n, 9n]);
  });

  it('moves a pending partition as soon as its owner commits what it was served', async () => {
    const topic = await setupTopic(2, 10);
    const a = await member(topic);
    await poll(topic, a, 1, 4, false); // offsets 0..3, uncommitted
    const b = await member(topic);
    expect(await assignment(topic)).toEqual({ 0: [0, 1], 1: [] });
    await ok(a, CODE.StoreConsumerOffset, groupOffsetPayload(topic.groupId, topic.streamId, topic.topicId, 1, 3n));
    expect(await assignment(topic)).toEqual({ 0: [0], 1: [1] });
    const next = await poll(topic, b, 1, 10, true);
    expect(next.messages.map((m) => m.offset)).toEqual([4n, 5n, 6n, 7n, 8n, 9n]);
  });

  it('keeps group offsets across a server restart', async () => {
    const topic = await setupTopic(2, 10);
    const a = await member(topic);
    expect((await poll(topic, a, 0, 4, true)).messages.map((m) => m.offset)).toEqual([0n, 1n, 2n, 3n]);
    expect((await poll(topic, a, 1, 7, true)).messages.map((m) => m.offset)).toEqual([0n, 1n, 2n, 3n, 4n, 5n, 6n]);
    await topic.server.restart();

    const admin = await topic.server.connect();
    await admin.login('iggy', 'iggy');
    const restarted: Topic = { ...topic, admin };
    // Membership is per connection: nobody is a member after a restart.
    expect(await assignment(restarted)).toEqual({});
    const offset = decodeOffset(await ok(admin, CODE.GetConsumerOffset, groupOffsetPayload(topic.groupId, topic.streamId, topic.topicId, 1)));
    expect(offset).toMatchObject({ partitionId: 1, storedOffset: 6n });
    const b = await member(restarted);
    expect((await poll(restarted, b, 0, 10, true)).messages.map((m) => m.offset)).toEqual([4n, 5n, 6n, 7n, 8n, 9n]);
    expect((await poll(restarted, b, 1, 10, true)).messages.map((m) => m.offset)).toEqual([7n, 8n, 9n]);
  });
});
