// PurgeTopic: 1009/2010, then manage_topic. Every partition restarts empty at
// offset 0 and its stored offsets go; topic, partitions and groups stay
// (BINARY.md §8.38), so the coordinator has nothing to change.
import type { PurgeTopicRequest } from '../../../protocol/commands/topics/purge_topic.js';
import type { Operation } from '../principal.js';
import { numericIds, resolveTopic } from '../streams/resolve.js';

export const purgeTopic: Operation<PurgeTopicRequest, void> = async (ctx, principal, request) => {
  const target = resolveTopic(ctx, request.streamId, request.topicId);
  ctx.authorizer.authorize(principal.user, 'manage_topic', target.stream.id, target.topic.id);
  const { streamId, topicId } = numericIds(target);
  await ctx.storage.purgeTopic(streamId, topicId);
};
