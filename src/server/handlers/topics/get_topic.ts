// GetTopic (300): a missing stream or topic is an empty OK even without
// permission; an existing topic needs read_topic (BINARY.md §5.2, §8.33).
// Replies with the TopicRecord and its PartitionRecords ascending by id.
import { getTopic, type GetTopicRequest } from '../../../protocol/commands/topics/get_topic.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';
import { encodeReply } from '../../dispatch.js';
import { sessionUser } from '../../session_user.js';
import { findTopic, numericIds } from '../streams/resolve.js';

export const getTopicHandler: CommandHandler<GetTopicRequest> = {
  code: getTopic.code,
  name: getTopic.name,
  requiresAuth: true,
  decode: (payload) => getTopic.request.decode(payload),
  handle(ctx, session, request) {
    const user = sessionUser(ctx, session);
    const target = findTopic(ctx, request.streamId, request.topicId);
    if (target === undefined) return EMPTY_REPLY;
    ctx.authorizer.authorize(user, 'read_topic', target.stream.id, target.topic.id);
    const { streamId, topicId } = numericIds(target);
    const partitions = ctx.storage.listPartitions(streamId, topicId);
    return encodeReply(getTopic.response, { topic: target.topic, partitions });
  },
};
