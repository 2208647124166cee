// Contract between the consumer-group coordinator (src/server/groups) and the
// operations and handlers that use it. Membership is in memory only (a member
// is a client connection); group definitions and offsets are persisted by
// storage.

export interface GroupKey {
  streamId: number;
  topicId: number;
  groupId: number;
}

export interface GroupMember {
  /** Member id: max(existing) + 1, 0 for the first member (BINARY.md §7). */
  memberId: number;
  clientId: number;
  /** Partitions this member may poll now, ascending assignment order. */
  partitions: number[];
}

export interface GroupCoordinator {
  /** Registers a group (on create, and for every group at start-up) with the topic's partition count. */
  addGroup(key: GroupKey, partitionsCount: number): void;
  removeGroup(key: GroupKey): void;
  /** Drops every group of a topic / stream (on delete). */
  removeTopic(streamId: number, topicId: number): void;
  removeStream(streamId: number): void;
  /** Partitions were created or deleted: full rebalance of every group of the topic. */
  setPartitionsCount(streamId: number, topicId: number, partitionsCount: number): void;

  /** Joining twice is a no-op. Cooperative assignment (BINARY.md §8.46). */
  join(key: GroupKey, clientId: number): void;
  /** Throws IggyError ConsumerGroupMemberNotFound (5006) when not a member. Full rebalance. */
  leave(key: GroupKey, clientId: number): void;
  /** A connection closed: it leaves every group it joined. */
  disconnect(clientId: number): void;

  members(key: GroupKey): GroupMember[];
  isMember(key: GroupKey, clientId: number): boolean;
  /** Groups a client is a member of, for GetMe / GetClient. */
  groupsOf(clientId: number): GroupKey[];

  /**
   * Partition a member polls: the explicit one if assigned to it (or pending
   * revocation from it), else none; without one, round-robin over its
   * partitions (advances the counter; after a rebalance the rotation resumes
   * after the partition polled last). null = empty poll result. A non-null
   * result marks a poll in flight on that partition until recordPolled or
   * recordPollEnded. Throws 5006 when the client is not a member.
   */
  resolvePollPartition(key: GroupKey, clientId: number, explicitPartitionId: number | null): number | null;
  /**
   * Partition for Store/DeleteConsumerOffset as a group: explicit if owned (or
   * pending from it), else assigned[counter mod n] without advancing.
   * Throws 5006 not a member, 3022 NotResolvedConsumer otherwise.
   */
  resolveOffsetPartition(key: GroupKey, clientId: number, explicitPartitionId: number | null): number;

  /**
   * A group poll returned messages up to `lastOffset` on a partition (handover bookkeeping).
   *
   * Poll handler protocol (no duplicates while a partition changes hands):
   * every non-null partition from resolvePollPartition is "in flight" until
   * the handler calls exactly one of recordPolled (count > 0) or
   * recordPollEnded (empty result or error; use try/finally). With
   * auto-commit, call recordPolled and then recordCommitted with the same
   * offset once storage has stored it. A partition with a poll in flight or
   * polled-but-uncommitted messages is not handed to another member until
   * those finish or the rebalancing timeout passes.
   */
  recordPolled(key: GroupKey, partitionId: number, lastOffset: bigint): void;
  /** A group poll resolved to this partition returned no messages or failed (see recordPolled). */
  recordPollEnded(key: GroupKey, partitionId: number): void;
  /** The group's offset on a partition was stored (auto-commit or StoreConsumerOffset). */
  recordCommitted(key: GroupKey, partitionId: number, offset: bigint): void;

  /** Stops timers. */
  close(): void;
}
