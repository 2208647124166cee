// CreatePartitions (402): count outside 1..=1000 -> 2015 (BINARY.md §8.39),
// then 1009/2010, then manage_topic. New ids follow the current count; every
// consumer group of the topic is then fully rebalanced over the new set.
import { IggyError } from '../../../errors/iggy_error.js';
import { PROTOCOL } from '../../../limits.js';
import { createPartitions, type CreatePartitionsRequest } from '../../../protocol/commands/partitions/create_partitions.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';
import { sessionUser } from '../../session_user.js';
import { numericIds, resolveTopic } from '../streams/resolve.js';

export const createPartitionsHandler: CommandHandler<CreatePartitionsRequest> = {
  code: createPartitions.code,
  name: createPartitions.name,
  requiresAuth: true,
  decode: (payload) => createPartitions.request.decode(payload),
  async handle(ctx, session, request) {
    const user = sessionUser(ctx, session);
    if (request.partitionsCount === 0 || request.partitionsCount > PROTOCOL.partitionsPerRequestMax) {
      throw IggyError.of('TooManyPartitions', `${request.partitionsCount} is not in 1..=${PROTOCOL.partitionsPerRequestMax}`);
    }
    const target = resolveTopic(ctx, request.streamId, request.topicId);
    ctx.authorizer.authorize(user, 'manage_topic', target.stream.id, target.topic.id);
    const { streamId, topicId } = numericIds(target);
    await ctx.storage.createPartitions(streamId, topicId, request.partitionsCount);
    ctx.groups.setPartitionsCount(target.stream.id, target.topic.id, ctx.storage.getTopic(streamId, topicId).partitionsCount);
    return EMPTY_REPLY;
  },
};
