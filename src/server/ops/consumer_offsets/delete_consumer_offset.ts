// DeleteConsumerOffset: resolution as StoreConsumerOffset (1009, 2010, 41,
// 5000, 5006, 3022); a missing partition -> 3007 and nothing stored ->
// ConsumerOffsetNotFound (3021), both from storage (BINARY.md §8.26).
import type { DeleteConsumerOffsetRequest } from '../../../protocol/commands/consumer_offsets/delete_consumer_offset.js';
import type { Operation } from '../principal.js';
import { authorizeTopicAction } from '../streams/resolve.js';
import { offsetPartition, resolveConsumer } from './resolve_consumer.js';

export const deleteConsumerOffset: Operation<DeleteConsumerOffsetRequest, void> = async (ctx, principal, request) => {
  const { streamId, topicId } = authorizeTopicAction(ctx, principal.user, 'poll_messages', request.streamId, request.topicId);
  const consumer = resolveConsumer(ctx, { streamId, topicId }, request.consumer);
  const partitionId = offsetPartition(ctx, principal.session, consumer, request.partitionId ?? null);
  await ctx.storage.deleteConsumerOffset(streamId, topicId, partitionId, consumer.key);
};
