// In-memory state of one consumer group as the coordinator and the
// assignment rules (assignment.ts) share it: members in slot order, and per
// partition its owner, pending revocation and handover bookkeeping.
import type { GroupKey } from './types.js';

export interface Member {
  readonly memberId: number;
  readonly clientId: number;
  /** Partitions it owns (revocations from it included), ascending; rebuilt on every ownership change. */
  partitions: number[];
  /** Round-robin counter c of §8.21. */
  counter: number;
  /** Partition of its last round-robin poll: where the rotation resumes after a rebalance. */
  lastRoundRobinPartition: number | null;
}

export interface Revocation {
  to: Member;
  sinceUs: bigint;
}

export interface PartitionState {
  owner: Member | null;
  revocation: Revocation | null;
  /** Highest offset the group has been served here since start-up; null = never polled. */
  lastPolledOffset: bigint | null;
  /** Last offset the group stored here since start-up; null = none stored since start-up. */
  committedOffset: bigint | null;
  /** Start times of polls resolved to this partition and not yet answered. */
  inFlightSinceUs: bigint[];
}

export interface Group {
  readonly key: GroupKey;
  readonly name: string;
  readonly members: Member[]; // slot order = join order = member id order
  partitions: PartitionState[];
  revocationsCount: number;
}

export function groupName(key: GroupKey): string {
  return `${key.streamId}/${key.topicId}/${key.groupId}`;
}

export function newPartitionState(): PartitionState {
  return { owner: null, revocation: null, lastPolledOffset: null, committedOffset: null, inFlightSinceUs: [] };
}
