// DeleteTopic: 1009/2010 first, then manage_topic (BINARY.md §8.36). Storage
// removes partitions, files, offsets and group definitions; the coordinator
// drops the in-memory membership of the topic's groups.
import type { DeleteTopicRequest } from '../../../protocol/commands/topics/delete_topic.js';
import type { Operation } from '../principal.js';
import { numericIds, resolveTopic } from '../streams/resolve.js';

export const deleteTopic: Operation<DeleteTopicRequest, void> = async (ctx, principal, request) => {
  const target = resolveTopic(ctx, request.streamId, request.topicId);
  ctx.authorizer.authorize(principal.user, 'manage_topic', target.stream.id, target.topic.id);
  const { streamId, topicId } = numericIds(target);
  await ctx.storage.deleteTopic(streamId, topicId);
  ctx.groups.removeTopic(target.stream.id, target.topic.id);
};
