// StoreConsumerOffset: 1009, 2010, poll permission (41); a group must exist
// (5000) and the caller be a member (5006) owning the partition (3022); then
// the partition must exist (3007) and hold the offset (4100, storage). A
// group's commit is reported to the coordinator, which may complete a
// pending partition handover (BINARY.md §8.25, §8.46).
import type { StoreConsumerOffsetRequest } from '../../../protocol/commands/consumer_offsets/store_consumer_offset.js';
import type { Operation } from '../principal.js';
import { authorizeTopicAction } from '../streams/resolve.js';
import { offsetPartition, resolveConsumer } from './resolve_consumer.js';

export const storeConsumerOffset: Operation<StoreConsumerOffsetRequest, void> = async (ctx, principal, request) => {
  const { streamId, topicId } = authorizeTopicAction(ctx, principal.user, 'poll_messages', request.streamId, request.topicId);
  const consumer = resolveConsumer(ctx, { streamId, topicId }, request.consumer);
  const partitionId = offsetPartition(ctx, principal.session, consumer, request.partitionId ?? null);
  await ctx.storage.storeConsumerOffset(streamId, topicId, partitionId, consumer.key, request.offset);
  if (consumer.group !== null) ctx.groups.recordCommitted(consumer.group, partitionId, request.offset);
};
