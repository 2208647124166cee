// GetTopic: a missing stream or topic is null (binary: empty OK, HTTP: 404)
// even without permission; an existing topic needs read_topic (BINARY.md
// §5.2, §8.33). The topic with its partitions ascending by id.
import type { GetTopicRequest, GetTopicResponse } from '../../../protocol/commands/topics/get_topic.js';
import type { Operation } from '../principal.js';
import { findTopic, numericIds } from '../streams/resolve.js';

export const getTopic: Operation<GetTopicRequest, GetTopicResponse> = (ctx, principal, request) => {
  const target = findTopic(ctx, request.streamId, request.topicId);
  if (target === undefined) return null;
  ctx.authorizer.authorize(principal.user, 'read_topic', target.stream.id, target.topic.id);
  const { streamId, topicId } = numericIds(target);
  return { topic: target.topic, partitions: ctx.storage.listPartitions(streamId, topicId) };
};
