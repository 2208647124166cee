// GetConsumerGroups (601): stream or topic missing -> empty OK; otherwise
// read_topic. ConsumerGroupRecords in id order, no member records (§8.43).
import { getConsumerGroups, type GetConsumerGroupsRequest } from '../../../protocol/commands/consumer_groups/get_consumer_groups.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';
import { encodeReply } from '../../dispatch.js';
import { sessionUser } from '../../session_user.js';
import { findTopic, numericIds } from '../streams/resolve.js';
import { groupRecord } from './group_record.js';

export const getConsumerGroupsHandler: CommandHandler<GetConsumerGroupsRequest> = {
  code: getConsumerGroups.code,
  name: getConsumerGroups.name,
  requiresAuth: true,
  decode: (payload) => getConsumerGroups.request.decode(payload),
  handle(ctx, session, request) {
    const user = sessionUser(ctx, session);
    const target = findTopic(ctx, request.streamId, request.topicId);
    if (target === undefined) return EMPTY_REPLY;
    ctx.authorizer.authorize(user, 'read_topic', target.stream.id, target.topic.id);
    const { streamId, topicId } = numericIds(target);
    const groups = ctx.storage.listConsumerGroups(streamId, topicId); // ascending id
    return encodeReply(getConsumerGroups.response, groups.map((group) => groupRecord(ctx, group)));
  },
};
