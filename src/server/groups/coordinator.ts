// Consumer-group membership and partition assignment (BINARY.md §7, §8.21,
// §8.25, §8.26, §8.46, §8.47). Membership is in memory only: a member is a
// client connection, so nothing here survives a restart; group definitions
// and offsets are storage's.
//
// Membership, lookups and the rebalancing timer live here; which member
// owns which partition, and when a partition may move, is assignment.ts.
import { assert } from '../../assert.js';
import { IggyError } from '../../errors/iggy_error.js';
import { Assignment } from './assignment.js';
import { type Group, type Member, groupName, newPartitionState } from './state.js';
import type { GroupCoordinator, GroupKey, GroupMember } from './types.js';

export interface GroupCoordinatorOptions {
  /** consumer_group.rebalancing_timeout in µs; Infinity = revocations never time out. */
  rebalancingTimeoutUs: number;
  /** consumer_group.rebalancing_check_interval in µs; Infinity or 0 = no timer (checks still run on every group call). */
  rebalancingCheckIntervalUs: number;
  /** Monotonic clock in µs; injectable for tests. */
  nowUs?: () => bigint;
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
  readonly #assignment: Assignment;
  #timer: ReturnType<typeof setInterval> | null = null;
  #closed = false;

  constructor(options: GroupCoordinatorOptions) {
    this.#timeoutUs = durationUs(options.rebalancingTimeoutUs, 'rebalancing timeout');
    const intervalUs = options.rebalancingCheckIntervalUs;
    assert(intervalUs >= 0, 'rebalancing check interval must not be negative');
    this.#checkIntervalMs = Number.isFinite(intervalUs) && intervalUs > 0 ? Math.max(1, Math.round(intervalUs / 1000)) : null;
    this.#nowUs = options.nowUs ?? defaultNowUs;
    this.#assignment = new Assignment(this.#timeoutUs, () => this.#startTimer());
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
    this.#assignment.fullRebalance(group, this.#nowUs());
  }

  // ---- membership -----------------------------------------------------------

  join(key: GroupKey, clientId: number): void {
    const group = this.#requireGroup(key);
    if (this.#findMember(group, clientId)) return;
    const now = this.#nowUs();
    this.#assignment.settle(group, now); // count what has really moved

    let memberId = 0;
    for (const other of group.members) memberId = Math.max(memberId, other.memberId + 1);
    const member: Member = { memberId, clientId, partitions: [], counter: 0, lastRoundRobinPartition: null };
    group.members.push(member);
    this.#index(clientId, group.name);

    // 1. Partitions nobody owns or is due to get go round-robin to the idle members.
    const effective = this.#assignment.effectiveCounts(group);
    const idle = group.members.filter((m) => effective.get(m) === 0);
    assert(idle.length > 0, 'the new member is idle');
    let next = 0;
    for (const state of group.partitions) {
      if (state.owner !== null || state.revocation !== null) continue;
      const to = idle[next++ % idle.length];
      assert(to !== undefined);
      this.#assignment.transfer(group, state, to, now);
    }

    // 2. Members above their fair share give the excess to members below it.
    this.#assignment.balance(group, now);
    this.#assignment.afterOwnershipChange(group);
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
      if (state.revocation?.to === member) this.#assignment.setRevocation(group, state, null);
    }
    this.#assignment.fullRebalance(group, this.#nowUs());
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
    this.#assignment.settle(group, now);
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
    this.#assignment.settle(group, this.#nowUs());
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
    this.#assignment.settle(group, this.#nowUs());
  }

  recordPollEnded(key: GroupKey, partitionId: number): void {
    const group = this.#groups.get(groupName(key));
    const state = group?.partitions[partitionId];
    if (!group || !state) return;
    state.inFlightSinceUs.shift();
    this.#assignment.settle(group, this.#nowUs());
  }

  recordCommitted(key: GroupKey, partitionId: number, offset: bigint): void {
    const group = this.#groups.get(groupName(key));
    const state = group?.partitions[partitionId];
    if (!group || !state) return;
    // Overwrites, as StoreConsumerOffset may move the offset backwards; the
    // handover then waits for the owner to catch up again (or the timeout).
    state.committedOffset = offset;
    this.#assignment.settle(group, this.#nowUs());
  }

  close(): void {
    this.#closed = true;
    this.#stopTimer();
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
      this.#assignment.settle(group, now);
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
