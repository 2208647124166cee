// UpdateTopic (304): 3 (compression, in the codec), 1009, 2010, then
// manage_topic, then 2013 for a name held by another topic (BINARY.md §8.37).
// All fields are replaced; 0 values stay "server default" (storage).
import { updateTopic, type UpdateTopicRequest } from '../../../protocol/commands/topics/update_topic.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';
import { sessionUser } from '../../session_user.js';
import { numericIds, resolveTopic } from '../streams/resolve.js';

export const updateTopicHandler: CommandHandler<UpdateTopicRequest> = {
  code: updateTopic.code,
  name: updateTopic.name,
  requiresAuth: true,
  decode: (payload) => updateTopic.request.decode(payload),
  async handle(ctx, session, request) {
    const user = sessionUser(ctx, session);
    const target = resolveTopic(ctx, request.streamId, request.topicId);
    ctx.authorizer.authorize(user, 'manage_topic', target.stream.id, target.topic.id);
    const { streamId, topicId } = numericIds(target);
    await ctx.storage.updateTopic(streamId, topicId, {
      name: request.name,
      // Partitions change only through Create/DeletePartitions.
      partitionsCount: target.topic.partitionsCount,
      compression: request.compression,
      messageExpiryUs: request.messageExpiryUs,
      maxTopicSizeBytes: request.maxTopicSizeBytes,
      replicationFactor: request.replicationFactor,
    });
    return EMPTY_REPLY;
  },
};
