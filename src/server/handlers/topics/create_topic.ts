// CreateTopic (302). Checks in the order of BINARY.md §8.35: partitions_count
// > 1000 -> 2015; bad compression -> 3 (the codec); stream -> 1009;
// permission (create_topic) -> 41; custom max_topic_size below the segment
// size -> 1019 and a taken name -> 2013 (both in storage, which also applies
// the server defaults for 0 values). Replies with the TopicRecord and one
// PartitionRecord per partition, as clients decode topic details.
import { IggyError } from '../../../errors/iggy_error.js';
import { PROTOCOL } from '../../../limits.js';
import { createTopic, type CreateTopicRequest } from '../../../protocol/commands/topics/create_topic.js';
import type { CommandHandler } from '../../context.js';
import { encodeReply } from '../../dispatch.js';
import { sessionUser } from '../../session_user.js';

export const createTopicHandler: CommandHandler<CreateTopicRequest> = {
  code: createTopic.code,
  name: createTopic.name,
  requiresAuth: true,
  decode: (payload) => createTopic.request.decode(payload),
  async handle(ctx, session, request) {
    const user = sessionUser(ctx, session);
    if (request.partitionsCount > PROTOCOL.partitionsPerRequestMax) {
      throw IggyError.of('TooManyPartitions', `${request.partitionsCount} > ${PROTOCOL.partitionsPerRequestMax}`);
    }
    const stream = ctx.storage.getStream(request.streamId);
    ctx.authorizer.authorize(user, 'create_topic', stream.id);
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
    return encodeReply(createTopic.response, { topic, partitions });
  },
};
