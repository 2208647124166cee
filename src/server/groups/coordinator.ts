// Consumer-group membership and partition assignment (BINARY.md §7, §8.21,
// §8.25, §8.26, §8.46, §8.47). Membership is in memory only: a member is a
// client connection, so nothing here survives a restart; group definitions
// and offsets are storage's.
//
// Model. Every partition of a group has at most one *owner*, the member that
// may poll and commit it now, and at most one *revocation*: the member it is
// to move to. A partition moves (handover) only when nobody can still be
// working on it:
//   * no poll resolved to it is in flight (resolvePollPartition was called,
//     recordPolled / recordPollEnded not yet), and
//   * the group's committed offset has reached the last offset the group was
//     served there (or it was never polled since start-up), or its owner has
//     gone (nobody will ever commit those messages; they are redelivered),
// or when the rebalancing timeout has passed since the revocation began (the
// owner stalled; at-least-once then). A partition that is already clean moves
// at once, so a revocation exists only while an owner still has work on it.
//
// The new owner cannot poll a partition before the handover (it is not
// assigned to it) and the old owner cannot start a new poll on it once the
// handover condition holds (every resolve settles first). So with Next +
// auto-commit the new owner starts at the stored offset, which is past every
// message the old owner was given: no message goes to two members, none is
// skipped.
//
// Join is cooperative (§8.46): only the partitions needed to make the counts
// fair move, each through a revocation as above. Leave, disconnect and
// partition changes do a full rebalance (§8.47): partitions in id order dealt
// round-robin over members in slot order. The spec moves those at once; we
// route every move between two live members through the same handover rule,
// because a full rebalance moves partitions between members that are still
// polling, and an immediate move there is exactly the duplicate-delivery bug.
// Clean partitions (the usual case with auto-commit) still move at once, so
// the result after a quiet leave is exactly the §8.47 assignment.
import { assert } from '../../assert.js';
import { IggyError } from '../../errors/iggy_error.js';
import type { GroupCoordinator, GroupKey, GroupMember } from './types.js';

export interface GroupCoordinatorOptions {
  /** consumer_group.rebalancing_timeout in µs; Infinity = revocations never time out. */
  rebalancingTimeoutUs: number;
  /** consumer_group.rebalancing_check_interval in µs; Infinity or 0 = no timer (checks still run on every group call). */
  rebalancingCheckIntervalUs: number;
  /** Monotonic clock in µs; injectable for tests. */
  nowUs?: () => bigint;
}

interface Member {
  readonly memberId: number;
  readonly clientId: number;
  /** Partitions it owns (revocations from it included), ascending; rebuilt on every ownership change. */
  partitions: number[];
  /** Round-robin counter c of §8.21. */
  counter: number;
  /** Partition of its last round-robin poll: where the rotation resumes after a rebalance. */
  lastRoundRobinPartition: number | null;
}

interface Revocation {
  to: Member;
  sinceUs: bigint;
}

interface PartitionState {
  owner: Member | null;
  revocation: Revocation | null;
  /** Highest offset the group has been served here since start-up; null = never polled. */
  lastPolledOffset: bigint | null;
  /** Last offset the group stored here since start-up; null = none stored since start-up. */
  committedOffset: bigint | null;
  /** Start times of polls resolved to this partition and not yet answered. */
  inFlightSinceUs: bigint[];
}

interface Group {
  readonly key: GroupKey;
  readonly name: string;
  readonly members: Member[]; // slot order = join order = member id order
  partitions: PartitionState[];
  revocationsCount: number;
}

function groupName(key: GroupKey): string {
  return `${key.streamId}/${key.topicId}/${key.groupId}`;
}

function newPartitionState(): PartitionState {
  return { owner: null, revocation: null, lastPolledOffset: null, committedOffset: null, inFlightSinceUs: [] };
}

function defaultNowUs(): bigint {
  return process.hrtime.bigint() / 1000n;
}

function durationUs(value: number, what: string): bigint | null {
  assert(value >= 0, `${what} must not be negative`);
  return Number.isFinite(value) ? BigInt(Math.trunc(value)) : null;
}

export function createGroupCoordinator(options: GroupCoordinatorOptions): GroupCoordinator {
  return new Coordinator(options);
}

class Coordinator implements GroupCoordinator {
  readonly #groups = new Map<string, Group>();
  /** clientId -> names of the groups it is a member of (disconnect, groupsOf). */
  readonly #groupsByClient = new Map<number, Set<string>>();
  readonly #timeoutUs: bigint | null;
  readonly #checkIntervalMs: number | null;
  readonly #nowUs: () => bigint;
  #timer: ReturnType<typeof setInterval> | null = null;
  #closed = false;

  constructor(options: GroupCoordinatorOptions) {
    this.#timeoutUs = durationUs(options.rebalancingTimeoutUs, 'rebalancing timeout');
    const intervalUs = options.rebalancingCheckIntervalUs;
    assert(intervalUs >= 0, 'rebalancing check interval must not be negative');
    this.#checkIntervalMs = Number.isFinite(intervalUs) && intervalUs > 0 ? Math.max(1, Math.round(intervalUs / 1000)) : null;
    this.#nowUs = options.nowUs ?? defaultNowUs;
  }

  // ---- groups ---------------------------------------------------------------

  addGroup(key: GroupKey, partitionsCount: number): void {
    assert(Number.isInteger(partitionsCount) && partitionsCount >= 0, `partitions count ${partitionsCount}`);
    const existing = this.#groups.get(groupName(key));
    if (existing) {
      // Registering twice (create racing start-up registration) keeps the members.
      this.#setGroupPartitionsCount(existing, partitionsCount);
      return;
    }
    const group: Group = {
      key: { streamId: key.streamId, topicId: key.topicId, groupId: key.groupId },
      name: groupName(key),
      members: [],
      partitions: Array.from({ length: partitionsCount }, newPartitionState),
      revocationsCount: 0,
    };
    this.#groups.set(group.name, group);
  }

  removeGroup(key: GroupKey): void {
    const group = this.#groups.get(groupName(key));
    if (!group) return;
    for (const member of group.members) this.#unindex(member.clientId, group.name);
    this.#groups.delete(group.name);
  }

  removeTopic(streamId: number, topicId: number): void {
    for (const group of [...this.#groups.values()]) {
      if (group.key.streamId === streamId && group.key.topicId === topicId) this.removeGroup(group.key);
    }
  }

  removeStream(streamId: number): void {
    for (const group of [...this.#groups.values()]) {
      if (group.key.streamId === streamId) this.removeGroup(group.key);
    }
  }

  setPartitionsCount(streamId: number, topicId: number, partitionsCount: number): void {
    assert(Number.isInteger(partitionsCount) && partitionsCount >= 0, `partitions count ${partitionsCount}`);
    for (const group of this.#groups.values()) {
      if (group.key.streamId === streamId && group.key.topicId === topicId) {
        this.#setGroupPartitionsCount(group, partitionsCount);
      }
    }
  }

  #setGroupPartitionsCount(group: Group, partitionsCount: number): void {
    if (partitionsCount === group.partitions.length) return;
    // Deleted partitions are the highest ids (§8.40) and take their state with
    // them; new ones start clean.
    group.partitions = group.partitions.slice(0, partitionsCount);
    while (group.partitions.length < partitionsCount) group.partitions.push(newPartitionState());
    this.#fullRebalance(group);
  }

  // ---- membership -----------------------------------------------------------

  join(key: GroupKey, clientId: number): void {
    const group = this.#requireGroup(key);
    if (this.#findMember(group, clientId)) return;
    const now = this.#nowUs();
    this.#settle(group, now); // count what has really moved

    let memberId = 0;
    for (const other of group.members) memberId = Math.max(memberId, other.memberId + 1);
    const member: Member = { memberId, clientId, partitions: [], counter: 0, lastRoundRobinPartition: null };
    group.members.push(member);
    this.#index(clientId, group.name);

    // 1. Partitions nobody owns or is due to get go round-robin to the idle members.
    const effective = this.#effectiveCounts(group);
    const idle = group.members.filter((m) => effective.get(m) === 0);
    assert(idle.length > 0, 'the new member is idle');
    let next = 0;
    for (const state of group.partitions) {
      if (state.owner !== null || state.revocation !== null) continue;
      const to = idle[next++ % idle.length];
      assert(to !== undefined);
      this.#transfer(group, state, to, now);
    }

    // 2. Members above their fair share give the excess to members below it.
    this.#balance(group, now);
    this.#afterOwnershipChange(group);
  }

  leave(key: GroupKey, clientId: number): void {
    const group = this.#requireGroup(key);
    const member = this.#findMember(group, clientId);
    if (!member) {
      throw IggyError.of('ConsumerGroupMemberNotFound', `client ${clientId} is not a member of group ${group.name}`);
    }
    this.#removeMember(group, member);
  }

  disconnect(clientId: number): void {
    const names = this.#groupsByClient.get(clientId);
    if (!names) return;
    for (const name of [...names]) {
      const group = this.#groups.get(name);
      assert(group !== undefined, `indexed group ${name} exists`);
      const member = this.#findMember(group, clientId);
      assert(member !== undefined, `indexed member ${clientId} of ${name} exists`);
      this.#removeMember(group, member);
    }
  }

  #removeMember(group: Group, member: Member): void {
    const slot = group.members.indexOf(member);
    assert(slot >= 0);
    group.members.splice(slot, 1);
    this.#unindex(member.clientId, group.name);
    // Nobody will finish a departed member's partitions: they move as soon as
    // no poll of it is still running (that poll's auto-commit is still to land;
    // handing over before it would let the next owner read a stale offset).
    for (const state of group.partitions) {
      if (state.owner === member) state.owner = null;
      if (state.revocation?.to === member) this.#setRevocation(group, state, null);
    }
    this.#fullRebalance(group);
  }

  members(key: GroupKey): GroupMember[] {
    const group = this.#groups.get(groupName(key));
    if (!group) return [];
    return group.members.map((m) => ({ memberId: m.memberId, clientId: m.clientId, partitions: [...m.partitions] }));
  }

  isMember(key: GroupKey, clientId: number): boolean {
    const group = this.#groups.get(groupName(key));
    return group !== undefined && this.#findMember(group, clientId) !== undefined;
  }

  groupsOf(clientId: number): GroupKey[] {
    const names = this.#groupsByClient.get(clientId);
    if (!names) return [];
    const keys: GroupKey[] = [];
    for (const name of names) {
      const group = this.#groups.get(name);
      if (group) keys.push({ ...group.key });
    }
    return keys;
  }

  // ---- polling and offsets --------------------------------------------------

  resolvePollPartition(key: GroupKey, clientId: number, explicitPartitionId: number | null): number | null {
    const group = this.#requireGroup(key);
    const member = this.#requireMember(group, clientId);
    const now = this.#nowUs();
    this.#settle(group, now);
    let partitionId: number | null = null;
    if (explicitPartitionId !== null) {
      if (group.partitions[explicitPartitionId]?.owner === member) partitionId = explicitPartitionId;
    } else if (member.partitions.length > 0) {
      const n = member.partitions.length;
      partitionId = member.partitions[member.counter % n] ?? null;
      member.counter = (member.counter + 1) % n;
      member.lastRoundRobinPartition = partitionId;
    }
    if (partitionId === null) return null;
    const state = group.partitions[partitionId];
    assert(state !== undefined);
    state.inFlightSinceUs.push(now);
    return partitionId;
  }

  resolveOffsetPartition(key: GroupKey, clientId: number, explicitPartitionId: number | null): number {
    const group = this.#requireGroup(key);
    const member = this.#requireMember(group, clientId);
    this.#settle(group, this.#nowUs());
    if (explicitPartitionId !== null) {
      if (group.partitions[explicitPartitionId]?.owner === member) return explicitPartitionId;
      throw IggyError.of('NotResolvedConsumer', `partition ${explicitPartitionId} is not assigned to member ${member.memberId} of group ${group.name}`);
    }
    const n = member.partitions.length;
    const partitionId = n > 0 ? member.partitions[member.counter % n] : undefined;
    if (partitionId === undefined) {
      throw IggyError.of('NotResolvedConsumer', `member ${member.memberId} of group ${group.name} has no partitions`);
    }
    return partitionId;
  }

  recordPolled(key: GroupKey, partitionId: number, lastOffset: bigint): void {
    const group = this.#groups.get(groupName(key));
    const state = group?.partitions[partitionId];
    if (!group || !state) return; // group or partition deleted while the poll ran
    state.inFlightSinceUs.shift();
    if (state.lastPolledOffset === null || lastOffset > state.lastPolledOffset) state.lastPolledOffset = lastOffset;
    this.#settle(group, this.#nowUs());
  }

  recordPollEnded(key: GroupKey, partitionId: number): void {
    const group = this.#groups.get(groupName(key));
    const state = group?.partitions[partitionId];
    if (!group || !state) return;
    state.inFlightSinceUs.shift();
    this.#settle(group, this.#nowUs());
  }

  recordCommitted(key: GroupKey, partitionId: number, offset: bigint): void {
    const group = this.#groups.get(groupName(key));
    const state = group?.partitions[partitionId];
    if (!group || !state) return;
    // Overwrites, as StoreConsumerOffset may move the offset backwards; the
    // handover then waits for the owner to catch up again (or the timeout).
    state.committedOffset = offset;
    this.#settle(group, this.#nowUs());
  }

  close(): void {
    this.#closed = true;
    this.#stopTimer();
  }

  // ---- assignment -----------------------------------------------------------

  /** Partitions each member owns or is due to get: what it will hold once handovers are done. */
  #effectiveCounts(group: Group): Map<Member, number> {
    const counts = new Map<Member, number>(group.members.map((m) => [m, 0]));
    for (const state of group.partitions) {
      const holder = state.revocation?.to ?? state.owner;
      if (holder) counts.set(holder, (counts.get(holder) ?? 0) + 1);
    }
    return counts;
  }

  /**
   * Fair shares ⌊P/M⌋ and P mod M members with one extra; the extras go to
   * the members holding most already (fewest moves), ties to the earlier slot.
   * Over-share members give their excess — first partitions still on their
   * way to them, then their own from the end of their list — to the
   * under-share members in slot order. Afterwards the effective counts differ
   * by at most one.
   */
  #balance(group: Group, now: bigint): void {
    const members = group.members;
    if (members.length === 0) return;
    const partitionsCount = group.partitions.length;
    const base = Math.floor(partitionsCount / members.length);
    const extra = partitionsCount % members.length;
    const effective = this.#effectiveCounts(group);
    const count = (m: Member): number => effective.get(m) ?? 0;
    const slot = new Map(members.map((m, i) => [m, i]));
    const ranked = [...members].sort((a, b) => count(b) - count(a) || (slot.get(a) ?? 0) - (slot.get(b) ?? 0));
    const quota = new Map(ranked.map((m, i) => [m, base + (i < extra ? 1 : 0)]));
    const share = (m: Member): number => quota.get(m) ?? 0;

    const receivers = members.filter((m) => count(m) < share(m));
    let receiverIndex = 0;
    for (const giver of members) {
      let excess = count(giver) - share(giver);
      if (excess <= 0) continue;
      const incoming: number[] = [];
      const owned: number[] = [];
      group.partitions.forEach((state, id) => {
        if (state.revocation?.to === giver) incoming.push(id);
        else if (state.owner === giver && state.revocation === null) owned.push(id);
      });
      const candidates = [...incoming.reverse(), ...owned.reverse()];
      for (const partitionId of candidates) {
        if (excess === 0) break;
        while (receiverIndex < receivers.length) {
          const r = receivers[receiverIndex];
          assert(r !== undefined);
          if (count(r) < share(r)) break;
          receiverIndex++;
        }
        const receiver = receivers[receiverIndex];
        assert(receiver !== undefined, 'excess and deficit are equal');
        const state = group.partitions[partitionId];
        assert(state !== undefined);
        this.#transfer(group, state, receiver, now);
        effective.set(giver, count(giver) - 1);
        effective.set(receiver, count(receiver) + 1);
        excess--;
      }
      assert(excess === 0, `member ${giver.memberId} could give its whole excess`);
    }
  }

  /** §8.47: partition i goes to member i mod M, each move through the handover rule. */
  #fullRebalance(group: Group): void {
    const now = this.#nowUs();
    const members = group.members;
    group.partitions.forEach((state, id) => {
      const to = members[id % Math.max(1, members.length)];
      if (to === undefined) {
        // Nobody left: unassigned; the next joiner gets it under the same rule.
        state.owner = null;
        this.#setRevocation(group, state, null);
      } else {
        this.#transfer(group, state, to, now);
      }
    });
    this.#afterOwnershipChange(group);
  }

  /** Moves a partition now if nobody is still working on it, else starts (or retargets) its revocation. */
  #transfer(group: Group, state: PartitionState, to: Member, now: bigint): void {
    if (state.owner === to) {
      this.#setRevocation(group, state, null);
      return;
    }
    if (this.#isFinished(state, now)) {
      this.#handOver(group, state, to);
      return;
    }
    // A retarget keeps its start: the owner has been asked to finish since then.
    this.#setRevocation(group, state, { to, sinceUs: state.revocation?.sinceUs ?? now });
  }

  /** Nothing of this partition is still being worked on by its owner (see the file comment). */
  #isFinished(state: PartitionState, now: bigint): boolean {
    this.#dropStalePolls(state, now);
    if (state.inFlightSinceUs.length > 0) return false;
    if (state.owner === null || state.lastPolledOffset === null) return true;
    return state.committedOffset !== null && state.committedOffset >= state.lastPolledOffset;
  }

  /**
   * A poll older than the rebalancing timeout is no longer waited for: a
   * handler that failed to report its end must not pin a partition forever.
   */
  #dropStalePolls(state: PartitionState, now: bigint): void {
    const timeout = this.#timeoutUs;
    if (timeout === null) return;
    while (state.inFlightSinceUs.length > 0 && now - (state.inFlightSinceUs[0] ?? now) >= timeout) {
      state.inFlightSinceUs.shift();
    }
  }

  /** Completes every revocation whose partition is finished or has waited out the timeout. */
  #settle(group: Group, now: bigint): void {
    if (group.revocationsCount === 0) return;
    let moved = false;
    for (const state of group.partitions) {
      const revocation = state.revocation;
      if (!revocation) continue;
      const timedOut = this.#timeoutUs !== null && now - revocation.sinceUs >= this.#timeoutUs;
      if (timedOut || this.#isFinished(state, now)) {
        this.#handOver(group, state, revocation.to);
        moved = true;
      }
    }
    if (moved) this.#afterOwnershipChange(group);
  }

  #handOver(group: Group, state: PartitionState, to: Member): void {
    state.owner = to;
    this.#setRevocation(group, state, null);
    // What the previous owner was served but never committed (it timed out or
    // left) goes to the new owner again from the stored offset: the new owner
    // has not been served it, so it must not hold up this owner's handovers.
    const committed = state.committedOffset;
    if (state.lastPolledOffset !== null && (committed === null || committed < state.lastPolledOffset)) {
      state.lastPolledOffset = committed;
    }
  }

  #setRevocation(group: Group, state: PartitionState, revocation: Revocation | null): void {
    if (state.revocation !== null) group.revocationsCount--;
    if (revocation !== null) group.revocationsCount++;
    state.revocation = revocation;
    assert(group.revocationsCount >= 0);
  }

  #afterOwnershipChange(group: Group): void {
    for (const member of group.members) member.partitions = [];
    group.partitions.forEach((state, id) => {
      if (state.owner) state.owner.partitions.push(id);
    });
    // The rotation resumes after the partition polled last, not at the old
    // index: under frequent rebalances (members coming and going) an index
    // reduced mod a shrinking list restarts at the first partition every
    // time, and a member owning [0, 3] would poll 0 forever and starve 3.
    // Without a change this is exactly c = (c + 1) mod n of §8.21.
    for (const member of group.members) {
      const last = member.lastRoundRobinPartition;
      const after = last === null ? -1 : member.partitions.findIndex((id) => id > last);
      if (last === null) member.counter = member.partitions.length > 0 ? member.counter % member.partitions.length : 0;
      else member.counter = after < 0 ? 0 : after;
    }
    if (group.revocationsCount > 0) this.#startTimer();
  }

  // ---- rebalancing timer ----------------------------------------------------

  #startTimer(): void {
    if (this.#timer !== null || this.#closed || this.#checkIntervalMs === null || this.#timeoutUs === null) return;
    this.#timer = setInterval(() => this.#checkRevocations(), this.#checkIntervalMs);
    this.#timer.unref(); // a pending revocation never keeps the process alive
  }

  #stopTimer(): void {
    if (this.#timer === null) return;
    clearInterval(this.#timer);
    this.#timer = null;
  }

  #checkRevocations(): void {
    const now = this.#nowUs();
    let pending = false;
    for (const group of this.#groups.values()) {
      this.#settle(group, now);
      if (group.revocationsCount > 0) pending = true;
    }
    if (!pending) this.#stopTimer(); // restarted by the next revocation
  }

  // ---- lookups --------------------------------------------------------------

  #requireGroup(key: GroupKey): Group {
    const group = this.#groups.get(groupName(key));
    if (!group) throw IggyError.of('ConsumerGroupIdNotFound', `group ${groupName(key)}`);
    return group;
  }

  #findMember(group: Group, clientId: number): Member | undefined {
    return group.members.find((m) => m.clientId === clientId);
  }

  #requireMember(group: Group, clientId: number): Member {
    const member = this.#findMember(group, clientId);
    if (!member) {
      throw IggyError.of('ConsumerGroupMemberNotFound', `client ${clientId} is not a member of group ${group.name}`);
    }
    return member;
  }

  #index(clientId: number, name: string): void {
    let names = this.#groupsByClient.get(clientId);
    if (!names) this.#groupsByClient.set(clientId, (names = new Set()));
    names.add(name);
  }

  #unindex(clientId: number, name: string): void {
    const names = this.#groupsByClient.get(clientId);
    if (!names) return;
    names.delete(name);
    if (names.size === 0) this.#groupsByClient.delete(clientId);
  }
}
