// PurgeTopic (305): 1009/2010, then manage_topic. Every partition restarts
// empty at offset 0 and its stored offsets go; topic, partitions and groups
// stay (BINARY.md §8.38).
import { purgeTopic, type PurgeTopicRequest } from '../../../protocol/commands/topics/purge_topic.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';
import { sessionUser } from '../../session_user.js';
import { numericIds, resolveTopic } from '../streams/resolve.js';

export const purgeTopicHandler: CommandHandler<PurgeTopicRequest> = {
  code: purgeTopic.code,
  name: purgeTopic.name,
  requiresAuth: true,
  decode: (payload) => purgeTopic.request.decode(payload),
  async handle(ctx, session, request) {
    const user = sessionUser(ctx, session);
    const target = resolveTopic(ctx, request.streamId, request.topicId);
    ctx.authorizer.authorize(user, 'manage_topic', target.stream.id, target.topic.id);
    const { streamId, topicId } = numericIds(target);
    await ctx.storage.purgeTopic(streamId, topicId);
    return EMPTY_REPLY;
  },
};
