// CreateConsumerGroup (602): 1009, 2010, read_topic (reading the topic is
// enough, BINARY.md §8.44), then 5004 for a taken name (storage). The new
// group is registered with the coordinator, owning all current partitions.
// Replies with the ConsumerGroupRecord (members_count 0).
import { createConsumerGroup, type CreateConsumerGroupRequest } from '../../../protocol/commands/consumer_groups/create_consumer_group.js';
import type { CommandHandler } from '../../context.js';
import { encodeReply } from '../../dispatch.js';
import { sessionUser } from '../../session_user.js';
import { groupKeyOf, numericIds, resolveTopic } from '../streams/resolve.js';

export const createConsumerGroupHandler: CommandHandler<CreateConsumerGroupRequest> = {
  code: createConsumerGroup.code,
  name: createConsumerGroup.name,
  requiresAuth: true,
  decode: (payload) => createConsumerGroup.request.decode(payload),
  async handle(ctx, session, request) {
    const user = sessionUser(ctx, session);
    const target = resolveTopic(ctx, request.streamId, request.topicId);
    ctx.authorizer.authorize(user, 'read_topic', target.stream.id, target.topic.id);
    const { streamId, topicId } = numericIds(target);
    const group = await ctx.storage.createConsumerGroup(streamId, topicId, request.name);
    ctx.groups.addGroup(groupKeyOf(group), group.partitionsCount);
    return encodeReply(createConsumerGroup.response, { id: group.id, name: group.name, partitionsCount: group.partitionsCount, membersCount: 0 });
  },
};
