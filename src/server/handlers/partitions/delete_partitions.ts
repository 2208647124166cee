// DeletePartitions (403): count outside 1..=1000 -> 2015, then 1009/2010,
// then manage_topic, then more than the topic has -> 2019 (storage) (BINARY.md
// §8.40). The highest ids go with their data and offsets; groups rebalance.
import { IggyError } from '../../../errors/iggy_error.js';
import { PROTOCOL } from '../../../limits.js';
import { deletePartitions, type DeletePartitionsRequest } from '../../../protocol/commands/partitions/delete_partitions.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';
import { sessionUser } from '../../session_user.js';
import { numericIds, resolveTopic } from '../streams/resolve.js';

export const deletePartitionsHandler: CommandHandler<DeletePartitionsRequest> = {
  code: deletePartitions.code,
  name: deletePartitions.name,
  requiresAuth: true,
  decode: (payload) => deletePartitions.request.decode(payload),
  async handle(ctx, session, request) {
    const user = sessionUser(ctx, session);
    if (request.partitionsCount === 0 || request.partitionsCount > PROTOCOL.partitionsPerRequestMax) {
      throw IggyError.of('TooManyPartitions', `${request.partitionsCount} is not in 1..=${PROTOCOL.partitionsPerRequestMax}`);
    }
    const target = resolveTopic(ctx, request.streamId, request.topicId);
    ctx.authorizer.authorize(user, 'manage_topic', target.stream.id, target.topic.id);
    const { streamId, topicId } = numericIds(target);
    await ctx.storage.deletePartitions(streamId, topicId, request.partitionsCount);
    ctx.groups.setPartitionsCount(target.stream.id, target.topic.id, ctx.storage.getTopic(streamId, topicId).partitionsCount);
    return EMPTY_REPLY;
  },
};
