// PollMessages (100): 1009, 2010, poll permission (41); a group must exist
// (5000) and the caller be a member (5006). Partition: a single consumer's
// explicit one or 0 (3007 when missing); a group member's explicit owned one
// or its next round-robin partition — none gives the empty result
// `partition 0, current 0, count 0` (BINARY.md §8.21, §4.5). The count is
// capped by limits.poll_messages_max. The result holds the stored message
// chunks as they are: no copy of message bytes.
// Group polls follow the coordinator's in-flight protocol (groups/types.ts):
// exactly one of recordPolled / recordPollEnded per resolved partition, and
// recordCommitted after storage has stored an auto-commit.
import { IggyError } from '../../../errors/iggy_error.js';
import type { PollMessagesRequest } from '../../../protocol/commands/messages/poll_messages.js';
import type { PollingStrategy } from '../../../protocol/types.js';
import type { ConsumerKey, PollResult, Storage } from '../../../storage/types.js';
import type { ServerContext } from '../../context.js';
import type { GroupKey } from '../../groups/types.js';
import { resolveConsumer } from '../consumer_offsets/resolve_consumer.js';
import type { Operation } from '../principal.js';
import { authorizeTopicAction, type TopicIds } from '../streams/resolve.js';
import { resolvePollStart } from './poll_start.js';

export type PollMessagesOpRequest = PollMessagesRequest & { partitionId: number | null };

const NOTHING: PollResult = { partitionId: 0, currentOffset: 0n, count: 0, chunks: [], lastOffset: 0n };

/** One poll of one partition, resolved: who, how, how many (already capped). */
export interface PollPlan {
  readonly target: TopicIds;
  readonly consumer: ConsumerKey;
  readonly strategy: PollingStrategy;
  readonly count: number;
  readonly autoCommit: boolean;
}

/** Polls one partition by plan (1009, 2010, 3007 when missing); with auto-commit and a message, stores the last offset. */
export async function pollPartition(storage: Storage, plan: PollPlan, partitionId: number): Promise<PollResult> {
  const partition = storage.partitionReader(plan.target.streamId, plan.target.topicId, partitionId);
  const empty: PollResult = { ...NOTHING, partitionId, currentOffset: partition.currentOffset };
  if (!partition.hasMessages || plan.count <= 0) return empty;
  const start = await resolvePollStart(partition, plan.consumer, plan.strategy, plan.count);
  if (start === null) return empty;
  // With auto-commit the offset moves before the read is awaited, so
  // concurrent Next polls of one consumer never get the same messages.
  const read = await partition.read(start, plan.count, plan.autoCommit ? plan.consumer : undefined);
  return { partitionId, currentOffset: partition.currentOffset, count: read.count, chunks: read.chunks, lastOffset: read.lastOffset };
}

async function pollAsGroupMember(ctx: ServerContext, plan: PollPlan, group: GroupKey, clientId: number, explicitPartitionId: number | null): Promise<PollResult> {
  const partitionId = ctx.groups.resolvePollPartition(group, clientId, explicitPartitionId);
  if (partitionId === null) return NOTHING;
  let result: PollResult | undefined;
  try {
    result = await pollPartition(ctx.storage, plan, partitionId);
  } finally {
    if (result !== undefined && result.count > 0) {
      ctx.groups.recordPolled(group, partitionId, result.lastOffset);
      if (plan.autoCommit) ctx.groups.recordCommitted(group, partitionId, result.lastOffset);
    } else {
      ctx.groups.recordPollEnded(group, partitionId);
    }
  }
  return result;
}

export const pollMessages: Operation<PollMessagesOpRequest, PollResult> = async (ctx, principal, request) => {
  const target = authorizeTopicAction(ctx, principal.user, 'poll_messages', request.streamId, request.topicId);
  const consumer = resolveConsumer(ctx, target, request.consumer);
  const count = Math.min(request.count, ctx.config.limits.poll_messages_max);
  const plan: PollPlan = { target, consumer: consumer.key, strategy: request.strategy, count, autoCommit: request.autoCommit };
  if (consumer.group === null) return pollPartition(ctx.storage, plan, request.partitionId ?? 0);
  // Membership belongs to a connected client; HTTP has none (HTTP.md §5.8).
  if (principal.session === null) throw IggyError.of('FeatureUnavailable', 'consumer group polls need a connected client (TCP, QUIC or WebSocket)');
  return pollAsGroupMember(ctx, plan, consumer.group, principal.session.clientId, request.partitionId);
};
