// UpdateTopic: 3 (compression, in the codec), 1009, 2010, then manage_topic,
// then 2013 for a name held by another topic (storage; BINARY.md §8.37). All
// fields are replaced; 0 values stay "server default" (storage).
import type { UpdateTopicRequest } from '../../../protocol/commands/topics/update_topic.js';
import type { Operation } from '../principal.js';
import { numericIds, resolveTopic } from '../streams/resolve.js';

export const updateTopic: Operation<UpdateTopicRequest, void> = async (ctx, principal, request) => {
  const target = resolveTopic(ctx, request.streamId, request.topicId);
  ctx.authorizer.authorize(principal.user, 'manage_topic', target.stream.id, target.topic.id);
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
};
