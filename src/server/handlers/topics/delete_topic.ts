// DeleteTopic (303): 1009/2010 first, then manage_topic (BINARY.md §8.36).
// Storage removes partitions, files, offsets and group definitions; the
// coordinator drops the membership of the topic's groups.
import { deleteTopic, type DeleteTopicRequest } from '../../../protocol/commands/topics/delete_topic.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';
import { sessionUser } from '../../session_user.js';
import { numericIds, resolveTopic } from '../streams/resolve.js';

export const deleteTopicHandler: CommandHandler<DeleteTopicRequest> = {
  code: deleteTopic.code,
  name: deleteTopic.name,
  requiresAuth: true,
  decode: (payload) => deleteTopic.request.decode(payload),
  async handle(ctx, session, request) {
    const user = sessionUser(ctx, session);
    const target = resolveTopic(ctx, request.streamId, request.topicId);
    ctx.authorizer.authorize(user, 'manage_topic', target.stream.id, target.topic.id);
    const { streamId, topicId } = numericIds(target);
    await ctx.storage.deleteTopic(streamId, topicId);
    ctx.groups.removeTopic(target.stream.id, target.topic.id);
    return EMPTY_REPLY;
  },
};
