// CreateConsumerGroup: 1009, 2010, read_topic (reading the topic is enough,
// BINARY.md §8.44), then 5004 for a taken name (storage). The new group is
// registered with the coordinator, owning all current partitions. Its
// ConsumerGroupRecord (members_count 0).
import type { CreateConsumerGroupRequest, CreateConsumerGroupResponse } from '../../../protocol/commands/consumer_groups/create_consumer_group.js';
import type { Operation } from '../principal.js';
import { groupKeyOf, numericIds, resolveTopic } from '../streams/resolve.js';

export const createConsumerGroup: Operation<CreateConsumerGroupRequest, CreateConsumerGroupResponse> = async (ctx, principal, request) => {
  const target = resolveTopic(ctx, request.streamId, request.topicId);
  ctx.authorizer.authorize(principal.user, 'read_topic', target.stream.id, target.topic.id);
  const { streamId, topicId } = numericIds(target);
  const group = await ctx.storage.createConsumerGroup(streamId, topicId, request.name);
  ctx.groups.addGroup(groupKeyOf(group), group.partitionsCount);
  return { id: group.id, name: group.name, partitionsCount: group.partitionsCount, membersCount: 0 };
};
