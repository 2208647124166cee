// CreateTopic. Checks in the order of BINARY.md §8.35: partitions_count
// > 1000 -> 2015; bad compression -> 3 (the codec); stream -> 1009;
// permission (create_topic) -> 41; custom max_topic_size below the segment
// size -> 1019 and a taken name -> 2013 (both in storage, which also applies
// the server defaults for 0 values). Returns the topic with its partitions,
// which binary clients decode and HTTP answers as TopicDetails.
import type { CreateTopicRequest, CreateTopicResponse } from '../../../protocol/commands/topics/create_topic.js';
import { checkPartitionsCount } from '../partitions/partitions_count.js';
import type { Operation } from '../principal.js';

export const createTopic: Operation<CreateTopicRequest, CreateTopicResponse> = async (ctx, principal, request) => {
  checkPartitionsCount(request.partitionsCount, 0);
  const stream = ctx.storage.getStream(request.streamId);
  ctx.authorizer.authorize(principal.user, 'create_topic', stream.id);
  const streamId = { kind: 'numeric', value: stream.id } as const;
  const topic = await ctx.storage.createTopic(streamId, {
    name: request.name,
    partitionsCount: request.partitionsCount,
    compression: request.compression,
    messageExpiryUs: request.messageExpiryUs,
    maxTopicSizeBytes: request.maxTopicSizeBytes,
    replicationFactor: request.replicationFactor,
  });
  const partitions = ctx.storage.listPartitions(streamId, { kind: 'numeric', value: topic.id });
  return { topic, partitions };
};
