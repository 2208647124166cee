// LeaveConsumerGroup (605): 1009, 2010, 5000, then read_topic; not a member
// -> ConsumerGroupMemberNotFound (5006, coordinator). The remaining members
// are fully rebalanced (BINARY.md §8.47).
import { leaveConsumerGroup, type LeaveConsumerGroupRequest } from '../../../protocol/commands/consumer_groups/leave_consumer_group.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';
import { sessionUser } from '../../session_user.js';
import { groupKeyOf } from '../streams/resolve.js';
import { resolveGroup } from './resolve_group.js';

export const leaveConsumerGroupHandler: CommandHandler<LeaveConsumerGroupRequest> = {
  code: leaveConsumerGroup.code,
  name: leaveConsumerGroup.name,
  requiresAuth: true,
  decode: (payload) => leaveConsumerGroup.request.decode(payload),
  handle(ctx, session, request) {
    const user = sessionUser(ctx, session);
    const { group } = resolveGroup(ctx, request);
    ctx.authorizer.authorize(user, 'read_topic', group.streamId, group.topicId);
    ctx.groups.leave(groupKeyOf(group), session.clientId);
    return EMPTY_REPLY;
  },
};
