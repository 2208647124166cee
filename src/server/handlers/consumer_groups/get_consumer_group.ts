// GetConsumerGroup (600): stream, topic or group missing -> empty OK even
// without permission; an existing group needs read_topic (BINARY.md §5.2,
// §8.42). Replies with the ConsumerGroupRecord and one MemberRecord per member.
import { getConsumerGroup, type GetConsumerGroupRequest } from '../../../protocol/commands/consumer_groups/get_consumer_group.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';
import { encodeReply } from '../../dispatch.js';
import { sessionUser } from '../../session_user.js';
import { findTopic, numericIds } from '../streams/resolve.js';
import { groupRecord, memberRecords } from './group_record.js';

export const getConsumerGroupHandler: CommandHandler<GetConsumerGroupRequest> = {
  code: getConsumerGroup.code,
  name: getConsumerGroup.name,
  requiresAuth: true,
  decode: (payload) => getConsumerGroup.request.decode(payload),
  handle(ctx, session, request) {
    const user = sessionUser(ctx, session);
    const target = findTopic(ctx, request.streamId, request.topicId);
    if (target === undefined) return EMPTY_REPLY;
    const { streamId, topicId } = numericIds(target);
    const group = ctx.storage.findConsumerGroup(streamId, topicId, request.groupId);
    if (group === undefined) return EMPTY_REPLY;
    ctx.authorizer.authorize(user, 'read_topic', target.stream.id, target.topic.id);
    const members = memberRecords(ctx, group);
    return encodeReply(getConsumerGroup.response, { group: { ...groupRecord(ctx, group), membersCount: members.length }, members });
  },
};
