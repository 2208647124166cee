// CreatePartitions: count outside 1..=1000 -> 2015 (BINARY.md §8.39), then
// 1009/2010, then manage_topic. New ids follow the current count; every
// consumer group of the topic is then fully rebalanced over the new set.
import type { CreatePartitionsRequest } from '../../../protocol/commands/partitions/create_partitions.js';
import type { Operation } from '../principal.js';
import { numericIds, resolveTopic } from '../streams/resolve.js';
import { checkPartitionsCount } from './partitions_count.js';

export const createPartitions: Operation<CreatePartitionsRequest, void> = async (ctx, principal, request) => {
  checkPartitionsCount(request.partitionsCount, 1);
  const target = resolveTopic(ctx, request.streamId, request.topicId);
  ctx.authorizer.authorize(principal.user, 'manage_topic', target.stream.id, target.topic.id);
  const { streamId, topicId } = numericIds(target);
  await ctx.storage.createPartitions(streamId, topicId, request.partitionsCount);
  ctx.groups.setPartitionsCount(target.stream.id, target.topic.id, ctx.storage.getTopic(streamId, topicId).partitionsCount);
};
