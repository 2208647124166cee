// Partition assignment of a consumer group: who owns which partition and
// when a partition may change hands (the coordinator calls these on join,
// leave, disconnect, partition changes, polls and commits).
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
import type { Group, Member, PartitionState, Revocation } from './state.js';

export class Assignment {
  readonly #timeoutUs: bigint | null;
  readonly #onRevocationsPending: () => void;

  /**
   * `timeoutUs`: the rebalancing timeout (null = never); `onRevocationsPending`
   * is called after an ownership change that leaves revocations waiting, so
   * the coordinator can start its timer.
   */
  constructor(timeoutUs: bigint | null, onRevocationsPending: () => void) {
    this.#timeoutUs = timeoutUs;
    this.#onRevocationsPending = onRevocationsPending;
  }

  /** Partitions each member owns or is due to get: what it will hold once handovers are done. */
  effectiveCounts(group: Group): Map<Member, number> {
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
  balance(group: Group, now: bigint): void {
    const members = group.members;
    if (members.length === 0) return;
    const partitionsCount = group.partitions.length;
    const base = Math.floor(partitionsCount / members.length);
    const extra = partitionsCount % members.length;
    const effective = this.effectiveCounts(group);
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
        this.transfer(group, state, receiver, now);
        effective.set(giver, count(giver) - 1);
        effective.set(receiver, count(receiver) + 1);
        excess--;
      }
      assert(excess === 0, `member ${giver.memberId} could give its whole excess`);
    }
  }

  /** §8.47: partition i goes to member i mod M, each move through the handover rule. */
  fullRebalance(group: Group, now: bigint): void {
    const members = group.members;
    group.partitions.forEach((state, id) => {
      const to = members[id % Math.max(1, members.length)];
      if (to === undefined) {
        // Nobody left: unassigned; the next joiner gets it under the same rule.
        state.owner = null;
        this.setRevocation(group, state, null);
      } else {
        this.transfer(group, state, to, now);
      }
    });
    this.afterOwnershipChange(group);
  }

  /** Moves a partition now if nobody is still working on it, else starts (or retargets) its revocation. */
  transfer(group: Group, state: PartitionState, to: Member, now: bigint): void {
    if (state.owner === to) {
      this.setRevocation(group, state, null);
      return;
    }
    if (this.isFinished(state, now)) {
      this.handOver(group, state, to);
      return;
    }
    // A retarget keeps its start: the owner has been asked to finish since then.
    this.setRevocation(group, state, { to, sinceUs: state.revocation?.sinceUs ?? now });
  }

  /** Nothing of this partition is still being worked on by its owner (see the file comment). */
  isFinished(state: PartitionState, now: bigint): boolean {
    this.dropStalePolls(state, now);
    if (state.inFlightSinceUs.length > 0) return false;
    if (state.owner === null || state.lastPolledOffset === null) return true;
    return state.committedOffset !== null && state.committedOffset >= state.lastPolledOffset;
  }

  /**
   * A poll older than the rebalancing timeout is no longer waited for: a
   * handler that failed to report its end must not pin a partition forever.
   */
  dropStalePolls(state: PartitionState, now: bigint): void {
    const timeout = this.#timeoutUs;
    if (timeout === null) return;
    while (state.inFlightSinceUs.length > 0 && now - (state.inFlightSinceUs[0] ?? now) >= timeout) {
      state.inFlightSinceUs.shift();
    }
  }

  /** Completes every revocation whose partition is finished or has waited out the timeout. */
  settle(group: Group, now: bigint): void {
    if (group.revocationsCount === 0) return;
    let moved = false;
    for (const state of group.partitions) {
      const revocation = state.revocation;
      if (!revocation) continue;
      const timedOut = this.#timeoutUs !== null && now - revocation.sinceUs >= this.#timeoutUs;
      if (timedOut || this.isFinished(state, now)) {
        this.handOver(group, state, revocation.to);
        moved = true;
      }
    }
    if (moved) this.afterOwnershipChange(group);
  }

  handOver(group: Group, state: PartitionState, to: Member): void {
    state.owner = to;
    this.setRevocation(group, state, null);
    // What the previous owner was served but never committed (it timed out or
    // left) goes to the new owner again from the stored offset: the new owner
    // has not been served it, so it must not hold up this owner's handovers.
    const committed = state.committedOffset;
    if (state.lastPolledOffset !== null && (committed === null || committed < state.lastPolledOffset)) {
      state.lastPolledOffset = committed;
    }
  }

  setRevocation(group: Group, state: PartitionState, revocation: Revocation | null): void {
    if (state.revocation !== null) group.revocationsCount--;
    if (revocation !== null) group.revocationsCount++;
    state.revocation = revocation;
    assert(group.revocationsCount >= 0);
  }

  afterOwnershipChange(group: Group): void {
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
    if (group.revocationsCount > 0) this.#onRevocationsPending();
  }
}
