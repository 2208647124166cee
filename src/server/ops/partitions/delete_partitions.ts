// DeletePartitions: count outside 1..=1000 -> 2015, then 1009/2010, then
// manage_topic, then more than the topic has -> 2019 (storage) (BINARY.md
// §8.40). The highest ids go with their data and offsets; groups rebalance.
import type { DeletePartitionsRequest } from '../../../protocol/commands/partitions/delete_partitions.js';
import type { Operation } from '../principal.js';
import { numericIds, resolveTopic } from '../streams/resolve.js';
import { checkPartitionsCount } from './partitions_count.js';

export const deletePartitions: Operation<DeletePartitionsRequest, void> = async (ctx, principal, request) => {
  checkPartitionsCount(request.partitionsCount, 1);
  const target = resolveTopic(ctx, request.streamId, request.topicId);
  ctx.authorizer.authorize(principal.user, 'manage_topic', target.stream.id, target.topic.id);
  const { streamId, topicId } = numericIds(target);
  await ctx.storage.deletePartitions(streamId, topicId, request.partitionsCount);
  ctx.groups.setPartitionsCount(target.stream.id, target.topic.id, ctx.storage.getTopic(streamId, topicId).partitionsCount);
};
