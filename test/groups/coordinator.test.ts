// Consumer-group coordinator: assignment (cooperative join, full rebalance on
// leave / disconnect / partition changes), handover without duplicates,
// partition resolution for polls and offsets, and error codes. A fake clock
// drives the rebalancing timeout; no test depends on real time.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGroupCoordinator } from '../../src/server/groups/coordinator.js';
import type { GroupCoordinator, GroupKey } from '../../src/server/groups/types.js';
import { IggyError } from '../../src/errors/iggy_error.js';

const KEY: GroupKey = { streamId: 1, topicId: 2, groupId: 3 };
const TIMEOUT_US = 30_000_000;
const INTERVAL_US = 5_000_000;

class FakeClock {
  nowUs = 1_000_000n;
  advance(us: number): void {
    this.nowUs += BigInt(us);
  }
}

const open: GroupCoordinator[] = [];

function setup(partitionsCount: number, timeoutUs = TIMEOUT_US): { groups: GroupCoordinator; clock: FakeClock } {
  const clock = new FakeClock();
  const groups = createGroupCoordinator({
    rebalancingTimeoutUs: timeoutUs,
    rebalancingCheckIntervalUs: INTERVAL_US,
    nowUs: () => clock.nowUs,
  });
  open.push(groups);
  groups.addGroup(KEY, partitionsCount);
  return { groups, clock };
}

afterEach(() => {
  for (const groups of open.splice(0)) groups.close();
  vi.useRealTimers();
});

/** clientId -> partitions, for compact expectations. */
function assignment(groups: GroupCoordinator, key = KEY): Record<number, number[]> {
  return Object.fromEntries(groups.members(key).map((m) => [m.clientId, m.partitions]));
}

function counts(groups: GroupCoordinator, key = KEY): number[] {
  return groups.members(key).map((m) => m.partitions.length);
}

function codeOf(fn: () => unknown): number | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof IggyError) return error.code;
    throw error;
  }
  return undefined;
}

/** mulberry32: small seeded PRNG so random sequences are reproducible. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('assignment', () => {
  it('goes 4 → 2/2 → 2/1/1 → 1/1/1/1 on joins and back to 2/1/1 on a leave', () => {
    const { groups } = setup(4);
    groups.join(KEY, 100);
    expect(assignment(groups)).toEqual({ 100: [0, 1, 2, 3] });
    groups.join(KEY, 200);
    // Excess is taken from the end of the owner's list.
    expect(assignment(groups)).toEqual({ 100: [0, 1], 200: [2, 3] });
    groups.join(KEY, 300);
    expect(assignment(groups)).toEqual({ 100: [0, 1], 200: [2], 300: [3] });
    groups.join(KEY, 400);
    expect(assignment(groups)).toEqual({ 100: [0], 200: [2], 300: [3], 400: [1] });
    groups.leave(KEY, 200);
    // Full rebalance: partition i to member i mod 3 in slot order.
    expect(assignment(groups)).toEqual({ 100: [0, 3], 300: [1], 400: [2] });
    expect(counts(groups)).toEqual([2, 1, 1]);
  });

  it('gives member ids max(existing) + 1, 0 first, in slot order', () => {
    const { groups } = setup(3);
    for (const client of [10, 20, 30]) groups.join(KEY, client);
    expect(groups.members(KEY).map((m) => m.memberId)).toEqual([0, 1, 2]);
    groups.leave(KEY, 20);
    groups.join(KEY, 40);
    expect(groups.members(KEY).map((m) => [m.clientId, m.memberId])).toEqual([
      [10, 0],
      [30, 2],
      [40, 3],
    ]);
    groups.leave(KEY, 40);
    groups.join(KEY, 50);
    expect(groups.members(KEY).map((m) => m.memberId)).toEqual([0, 2, 3]);
  });

  it('is stable when nothing changes, and joining twice is a no-op', () => {
    const { groups, clock } = setup(7);
    for (const client of [1, 2, 3]) groups.join(KEY, client);
    const before = assignment(groups);
    for (let i = 0; i < 20; i++) {
      const client = 1 + (i % 3);
      const partition = groups.resolvePollPartition(KEY, client, null);
      expect(partition).not.toBeNull();
      groups.recordPolled(KEY, partition!, BigInt(i));
      groups.recordCommitted(KEY, partition!, BigInt(i));
      clock.advance(TIMEOUT_US);
    }
    groups.join(KEY, 2);
    expect(assignment(groups)).toEqual(before);
    expect(groups.members(KEY).map((m) => m.memberId)).toEqual([0, 1, 2]);
  });

  it('keeps counts within one of each other over seeded random joins, leaves and disconnects', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const random = prng(seed);
      const partitionsCount = 1 + Math.floor(random() * 12);
      const { groups } = setup(partitionsCount);
      const present = new Set<number>();
      let nextClient = 1;
      for (let step = 0; step < 40; step++) {
        const roll = random();
        if (roll < 0.5 || present.size === 0) {
          groups.join(KEY, nextClient);
          present.add(nextClient++);
        } else {
          const clients = [...present];
          const client = clients[Math.floor(random() * clients.length)]!;
          if (roll < 0.75) groups.leave(KEY, client);
          else groups.disconnect(client);
          present.delete(client);
        }
        const members = groups.members(KEY);
        expect(members.map((m) => m.clientId).sort((a, b) => a - b)).toEqual([...present].sort((a, b) => a - b));
        const sizes = members.map((m) => m.partitions.length);
        if (members.length > 0) {
          expect(Math.max(...sizes) - Math.min(...sizes), `seed ${seed} step ${step}: ${sizes}`).toBeLessThanOrEqual(1);
          // Every partition is owned by exactly one member.
          const owned = members.flatMap((m) => m.partitions).sort((a, b) => a - b);
          expect(owned).toEqual(Array.from({ length: partitionsCount }, (_, i) => i));
        }
      }
    }
  });

  it('rebalances every group of the topic when partitions are added or removed', () => {
    const { groups } = setup(4);
    const other: GroupKey = { ...KEY, groupId: 9 };
    const elsewhere: GroupKey = { ...KEY, topicId: 7 };
    groups.addGroup(other, 4);
    groups.addGroup(elsewhere, 4);
    for (const client of [1, 2, 3]) {
      groups.join(KEY, client);
      groups.join(other, client);
      groups.join(elsewhere, client);
    }
    groups.setPartitionsCount(KEY.streamId, KEY.topicId, 6);
    expect(assignment(groups)).toEqual({ 1: [0, 3], 2: [1, 4], 3: [2, 5] });
    expect(assignment(groups, other)).toEqual({ 1: [0, 3], 2: [1, 4], 3: [2, 5] });
    expect(counts(groups, elsewhere)).toEqual([2, 1, 1]);

    groups.setPartitionsCount(KEY.streamId, KEY.topicId, 2);
    expect(assignment(groups)).toEqual({ 1: [0], 2: [1], 3: [] });
    expect(groups.resolvePollPartition(KEY, 3, null)).toBeNull();
    expect(groups.resolvePollPartition(KEY, 2, 5)).toBeNull(); // deleted partition
    groups.recordPolled(KEY, 5, 10n); // a poll of a deleted partition ending is harmless

    groups.setPartitionsCount(KEY.streamId, KEY.topicId, 0);
    expect(assignment(groups)).toEqual({ 1: [], 2: [], 3: [] });
    groups.setPartitionsCount(KEY.streamId, KEY.topicId, 3);
    expect(assignment(groups)).toEqual({ 1: [0], 2: [1], 3: [2] });
  });

  it('registering a group twice keeps its members', () => {
    const { groups } = setup(2);
    groups.join(KEY, 1);
    groups.addGroup(KEY, 2);
    expect(assignment(groups)).toEqual({ 1: [0, 1] });
    groups.addGroup(KEY, 3);
    expect(assignment(groups)).toEqual({ 1: [0, 1, 2] });
  });
});

describe('membership', () => {
  it('disconnect leaves every group the client joined', () => {
    const { groups } = setup(2);
    const other: GroupKey = { streamId: 5, topicId: 0, groupId: 0 };
    groups.addGroup(other, 1);
    groups.join(KEY, 1);
    groups.join(KEY, 2);
    groups.join(other, 1);
    expect(groups.groupsOf(1)).toEqual([KEY, other]);
    expect(groups.isMember(other, 1)).toBe(true);
    groups.disconnect(1);
    expect(groups.groupsOf(1)).toEqual([]);
    expect(groups.isMember(KEY, 1)).toBe(false);
    expect(groups.members(other)).toEqual([]);
    expect(assignment(groups)).toEqual({ 2: [0, 1] });
    groups.disconnect(1); // twice, or a client that never joined: nothing to do
    groups.disconnect(77);
  });

  it('drops groups with their topic or stream', () => {
    const { groups } = setup(1);
    const sibling: GroupKey = { ...KEY, topicId: 8 };
    const foreign: GroupKey = { ...KEY, streamId: 4 };
    groups.addGroup(sibling, 1);
    groups.addGroup(foreign, 1);
    for (const key of [KEY, sibling, foreign]) groups.join(key, 1);
    groups.removeTopic(KEY.streamId, KEY.topicId);
    expect(groups.groupsOf(1)).toEqual([sibling, foreign]);
    groups.removeStream(KEY.streamId);
    expect(groups.groupsOf(1)).toEqual([foreign]);
    groups.removeGroup(foreign);
    expect(groups.groupsOf(1)).toEqual([]);
    expect(codeOf(() => groups.join(foreign, 1))).toBe(5000);
  });

  it('answers errors with Iggy codes', () => {
    const { groups } = setup(2);
    groups.join(KEY, 1);
    expect(codeOf(() => groups.leave(KEY, 2))).toBe(5006);
    expect(codeOf(() => groups.resolvePollPartition(KEY, 2, null))).toBe(5006);
    expect(codeOf(() => groups.resolveOffsetPartition(KEY, 2, 0))).toBe(5006);
    expect(codeOf(() => groups.join({ ...KEY, groupId: 99 }, 1))).toBe(5000);
    groups.join(KEY, 2);
    expect(codeOf(() => groups.resolveOffsetPartition(KEY, 1, 1))).toBe(3022); // owned by 2
    expect(codeOf(() => groups.resolveOffsetPartition(KEY, 1, 17))).toBe(3022); // no such partition
    groups.join(KEY, 3); // 2 partitions, 3 members: one is idle
    expect(counts(groups)).toEqual([1, 1, 0]);
    expect(codeOf(() => groups.resolveOffsetPartition(KEY, 3, null))).toBe(3022);
    expect(groups.resolvePollPartition(KEY, 3, null)).toBeNull();
    groups.leave(KEY, 3);
    expect(codeOf(() => groups.leave(KEY, 3))).toBe(5006);
  });
});

describe('partition resolution', () => {
  it('polls round-robin over the member partitions; offsets use the counter without advancing', () => {
    const { groups } = setup(3);
    groups.join(KEY, 1);
    expect(groups.resolveOffsetPartition(KEY, 1, null)).toBe(0);
    const polled: number[] = [];
    for (let i = 0; i < 7; i++) {
      const partition = groups.resolvePollPartition(KEY, 1, null)!;
      polled.push(partition);
      groups.recordPollEnded(KEY, partition);
    }
    expect(polled).toEqual([0, 1, 2, 0, 1, 2, 0]);
    // After polling partition 0 the counter points at the next one (§8.25).
    expect(groups.resolveOffsetPartition(KEY, 1, null)).toBe(1);
    expect(groups.resolveOffsetPartition(KEY, 1, null)).toBe(1);
    expect(groups.resolveOffsetPartition(KEY, 1, 2)).toBe(2);
  });

  it('resumes the rotation after the partition polled last when membership churns', () => {
    // A member coming and going between every poll shrinks and regrows the
    // poller's list; an index reduced mod the list would restart at partition
    // 0 each time and never reach partition 1.
    const { groups } = setup(2);
    groups.join(KEY, 1);
    const polled: number[] = [];
    for (let i = 0; i < 4; i++) {
      groups.join(KEY, 99); // takes partition 1 (end of member 1's list)
      polled.push(groups.resolvePollPartition(KEY, 1, null)!);
      groups.recordPollEnded(KEY, polled.at(-1)!);
      groups.leave(KEY, 99); // member 1 owns [0, 1] again
      polled.push(groups.resolvePollPartition(KEY, 1, null)!);
      groups.recordPollEnded(KEY, polled.at(-1)!);
    }
    expect(polled).toEqual([0, 1, 0, 1, 0, 1, 0, 1]);
  });

  it('serves an explicit partition only to its owner; others get an empty poll', () => {
    const { groups } = setup(2);
    groups.join(KEY, 1);
    groups.join(KEY, 2);
    expect(groups.resolvePollPartition(KEY, 1, 0)).toBe(0);
    groups.recordPollEnded(KEY, 0);
    expect(groups.resolvePollPartition(KEY, 1, 1)).toBeNull();
    expect(groups.resolvePollPartition(KEY, 2, 1)).toBe(1);
    groups.recordPollEnded(KEY, 1);
    expect(groups.resolvePollPartition(KEY, 2, 9)).toBeNull();
  });
});

describe('handover', () => {
  /** One member owning all of `partitionsCount`, having been served offsets 0..9 of `partition` uncommitted. */
  function ownerWithUncommitted(partitionsCount: number, partition: number) {
    const env = setup(partitionsCount);
    env.groups.join(KEY, 1);
    expect(env.groups.resolvePollPartition(KEY, 1, partition)).toBe(partition);
    env.groups.recordPolled(KEY, partition, 9n);
    return env;
  }

  it('moves a partition only once the committed offset reaches the last polled one', () => {
    const { groups } = ownerWithUncommitted(4, 3);
    groups.join(KEY, 2);
    // Partition 2 was never polled: moves at once. Partition 3 waits for member 1.
    expect(assignment(groups)).toEqual({ 1: [0, 1, 3], 2: [2] });
    expect(groups.resolvePollPartition(KEY, 2, 3)).toBeNull(); // the new owner cannot poll it yet
    expect(groups.resolveOffsetPartition(KEY, 1, 3)).toBe(3); // the old owner may still commit it
    groups.recordCommitted(KEY, 3, 5n);
    expect(assignment(groups)).toEqual({ 1: [0, 1, 3], 2: [2] });
    groups.recordCommitted(KEY, 3, 9n);
    expect(assignment(groups)).toEqual({ 1: [0, 1], 2: [2, 3] });
    expect(groups.resolvePollPartition(KEY, 1, 3)).toBeNull();
    expect(codeOf(() => groups.resolveOffsetPartition(KEY, 1, 3))).toBe(3022);
    expect(groups.resolvePollPartition(KEY, 2, 3)).toBe(3);
  });

  it('waits for a poll in flight even when nothing is uncommitted yet', () => {
    const { groups } = setup(2);
    groups.join(KEY, 1);
    expect(groups.resolvePollPartition(KEY, 1, 1)).toBe(1);
    groups.join(KEY, 2);
    expect(assignment(groups)).toEqual({ 1: [0, 1], 2: [] });
    // Answered with messages: now polled-but-uncommitted until auto-commit is recorded.
    groups.recordPolled(KEY, 1, 4n);
    expect(assignment(groups)).toEqual({ 1: [0, 1], 2: [] });
    groups.recordCommitted(KEY, 1, 4n);
    expect(assignment(groups)).toEqual({ 1: [0], 2: [1] });

    // Same with an empty or failed poll.
    groups.join(KEY, 3);
    groups.leave(KEY, 3);
    expect(assignment(groups)).toEqual({ 1: [0], 2: [1] });
    expect(groups.resolvePollPartition(KEY, 2, 1)).toBe(1);
    groups.leave(KEY, 1); // full rebalance would give 1 to member 2 anyway
    groups.join(KEY, 1);
    expect(assignment(groups)).toEqual({ 2: [0, 1], 1: [] });
    groups.recordPollEnded(KEY, 1);
    expect(assignment(groups)).toEqual({ 2: [0], 1: [1] });
  });

  it('stops serving the old owner as soon as the handover condition holds', () => {
    const { groups } = setup(2);
    groups.join(KEY, 1);
    expect(groups.resolvePollPartition(KEY, 1, 1)).toBe(1);
    groups.join(KEY, 2);
    groups.recordPolled(KEY, 1, 4n);
    groups.recordCommitted(KEY, 1, 4n);
    // The round-robin poll of member 1 no longer reaches partition 1.
    for (let i = 0; i < 3; i++) {
      expect(groups.resolvePollPartition(KEY, 1, null)).toBe(0);
      groups.recordPollEnded(KEY, 0);
    }
  });

  it('forces the handover after the rebalancing timeout', () => {
    const { groups, clock } = ownerWithUncommitted(2, 1);
    groups.join(KEY, 2);
    expect(assignment(groups)).toEqual({ 1: [0, 1], 2: [] });
    clock.advance(TIMEOUT_US - 1);
    expect(groups.resolvePollPartition(KEY, 1, 0)).toBe(0); // a group call settles: not yet
    groups.recordPollEnded(KEY, 0);
    expect(assignment(groups)).toEqual({ 1: [0, 1], 2: [] });
    clock.advance(1);
    expect(groups.resolvePollPartition(KEY, 2, null)).toBe(1);
    expect(assignment(groups)).toEqual({ 1: [0], 2: [1] });
  });

  it('does not hold the next owner to what a timed-out owner left uncommitted', () => {
    const { groups, clock } = ownerWithUncommitted(2, 1);
    groups.join(KEY, 2);
    clock.advance(TIMEOUT_US);
    expect(groups.resolvePollPartition(KEY, 1, 0)).toBe(0);
    groups.recordPollEnded(KEY, 0);
    expect(assignment(groups)).toEqual({ 1: [0], 2: [1] });
    // Member 2 has not polled partition 1: the next rebalance moves it at once.
    groups.leave(KEY, 1);
    expect(assignment(groups)).toEqual({ 2: [0, 1] });
    groups.join(KEY, 1);
    expect(assignment(groups)).toEqual({ 2: [0], 1: [1] });
  });

  it('checks the timeout on an unref()ed timer every interval, stopped by close()', () => {
    vi.useFakeTimers();
    const { groups, clock } = ownerWithUncommitted(2, 1);
    expect(vi.getTimerCount()).toBe(0); // no revocation, no timer
    groups.join(KEY, 2);
    expect(vi.getTimerCount()).toBe(1);
    clock.advance(TIMEOUT_US);
    expect(assignment(groups)).toEqual({ 1: [0, 1], 2: [] }); // reads do not settle
    vi.advanceTimersByTime(INTERVAL_US / 1000);
    expect(assignment(groups)).toEqual({ 1: [0], 2: [1] });
    vi.advanceTimersByTime(INTERVAL_US / 1000);
    expect(vi.getTimerCount()).toBe(0); // nothing pending: the timer stops itself

    groups.resolvePollPartition(KEY, 2, 1);
    groups.recordPolled(KEY, 1, 20n);
    groups.join(KEY, 3);
    groups.leave(KEY, 3);
    groups.join(KEY, 3); // 2 partitions, 3 members: nothing to move
    groups.leave(KEY, 1); // full rebalance: 0 → member 2, 1 → member 3, but 1 is uncommitted
    expect(assignment(groups)).toEqual({ 2: [0, 1], 3: [] });
    expect(vi.getTimerCount()).toBe(1);
    groups.close();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('hands a departed member its partitions at once unless a poll of it is still running', () => {
    const { groups } = setup(2);
    groups.join(KEY, 1);
    groups.join(KEY, 2);
    expect(groups.resolvePollPartition(KEY, 1, 0)).toBe(0);
    groups.recordPolled(KEY, 0, 3n); // served, never committed: nobody ever will
    expect(groups.resolvePollPartition(KEY, 2, 1)).toBe(1); // still running when 2 disconnects
    groups.join(KEY, 3);
    expect(counts(groups)).toEqual([1, 1, 0]);
    groups.disconnect(1);
    groups.disconnect(2);
    // Partition 0 is redelivered to 3 now; partition 1 waits for the running poll's auto-commit.
    expect(assignment(groups)).toEqual({ 3: [0] });
    expect(groups.resolvePollPartition(KEY, 3, 1)).toBeNull();
    groups.recordPolled(KEY, 1, 7n);
    groups.recordCommitted(KEY, 1, 7n);
    expect(assignment(groups)).toEqual({ 3: [0, 1] });
  });

  it('routes full-rebalance moves between live members through the handover rule', () => {
    const { groups } = setup(4);
    for (const client of [1, 2, 3]) groups.join(KEY, client);
    expect(assignment(groups)).toEqual({ 1: [0, 1], 2: [2], 3: [3] });
    expect(groups.resolvePollPartition(KEY, 1, 1)).toBe(1);
    groups.recordPolled(KEY, 1, 50n);
    groups.leave(KEY, 2);
    // §8.47 target: 0,2 → 1 and 1,3 → 3; partition 1 is uncommitted, so 1 keeps it for now.
    expect(assignment(groups)).toEqual({ 1: [0, 1, 2], 3: [3] });
    groups.recordCommitted(KEY, 1, 50n);
    expect(assignment(groups)).toEqual({ 1: [0, 2], 3: [1, 3] });
  });

  it('retargets revocations when members join before earlier handovers finish', () => {
    const { groups } = setup(4);
    groups.join(KEY, 1);
    for (const partition of [0, 1, 2, 3]) {
      expect(groups.resolvePollPartition(KEY, 1, partition)).toBe(partition);
      groups.recordPolled(KEY, partition, 10n);
    }
    groups.join(KEY, 2); // 2 and 3 are due to move to member 2
    groups.join(KEY, 3); // one of them goes to member 3 instead
    groups.join(KEY, 4);
    expect(assignment(groups)).toEqual({ 1: [0, 1, 2, 3], 2: [], 3: [], 4: [] });
    for (const partition of [0, 1, 2, 3]) groups.recordCommitted(KEY, partition, 10n);
    expect(counts(groups)).toEqual([1, 1, 1, 1]);
    expect(assignment(groups)[1]).toEqual([0]);
  });
});

describe('exactly-once delivery (simulated storage, Next + auto-commit)', () => {
  // A model of storage's Next poll: the stored offset is read when the poll
  // starts, the auto-commit lands when it is answered, possibly many steps
  // later while members join and leave. Every message must reach exactly one
  // member. Without the in-flight and uncommitted checks this fails.
  it('delivers every message exactly once across random joins, leaves and slow polls', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const random = prng(seed * 7919);
      const partitionsCount = 1 + Math.floor(random() * 6);
      const messagesPerPartition = 40;
      const { groups, clock } = setup(partitionsCount, Number.POSITIVE_INFINITY);
      const stored: (bigint | null)[] = Array.from({ length: partitionsCount }, () => null);
      const delivered = new Map<string, number>();
      interface Poll {
        client: number;
        partition: number;
        first: number;
        count: number;
      }
      const inFlight = new Map<number, Poll>(); // one per client: SDK clients await each reply
      const present = new Set<number>();
      let nextClient = 1;

      const finish = (poll: Poll): void => {
        inFlight.delete(poll.client);
        const last = Math.min(poll.first + poll.count, messagesPerPartition) - 1;
        if (last < poll.first) {
          groups.recordPollEnded(KEY, poll.partition);
          return;
        }
        for (let offset = poll.first; offset <= last; offset++) {
          const id = `${poll.partition}:${offset}`;
          delivered.set(id, (delivered.get(id) ?? 0) + 1);
        }
        stored[poll.partition] = BigInt(last); // storage stores before answering
        groups.recordPolled(KEY, poll.partition, BigInt(last));
        groups.recordCommitted(KEY, poll.partition, BigInt(last));
      };

      for (let step = 0; step < 3000; step++) {
        clock.advance(1000);
        const roll = random();
        if (roll < 0.04 || present.size === 0) {
          groups.join(KEY, nextClient);
          present.add(nextClient++);
        } else if (roll < 0.07 && present.size > 1) {
          // A graceful leave: a poll still running is answered to the client.
          const clients = [...present];
          const client = clients[Math.floor(random() * clients.length)]!;
          groups.leave(KEY, client);
          present.delete(client);
        } else if (roll < 0.5) {
          const clients = [...present].filter((c) => !inFlight.has(c));
          if (clients.length === 0) continue;
          const client = clients[Math.floor(random() * clients.length)]!;
          const partition = groups.resolvePollPartition(KEY, client, null);
          if (partition === null) continue;
          const from = stored[partition];
          const first = from === null ? 0 : Number(from) + 1;
          inFlight.set(client, { client, partition, first, count: 1 + Math.floor(random() * 4) });
        } else {
          const polls = [...inFlight.values()];
          if (polls.length === 0) continue;
          finish(polls[Math.floor(random() * polls.length)]!);
        }
      }
      // Drain: let the remaining members poll everything that is left.
      for (const poll of [...inFlight.values()]) finish(poll);
      for (let round = 0; round < messagesPerPartition * partitionsCount * 2; round++) {
        for (const client of present) {
          const partition = groups.resolvePollPartition(KEY, client, null);
          if (partition === null) continue;
          const from = stored[partition];
          finish({ client, partition, first: from === null ? 0 : Number(from) + 1, count: 4 });
        }
      }
      expect(delivered.size, `seed ${seed}`).toBe(partitionsCount * messagesPerPartition);
      const duplicates = [...delivered].filter(([, n]) => n !== 1);
      expect(duplicates, `seed ${seed}`).toEqual([]);
    }
  });
});
