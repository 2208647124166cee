// LeaveConsumerGroup: a session first (5 without one, connected_session.ts);
// 1009, 2010, 5000, then read_topic; not a member ->
// ConsumerGroupMemberNotFound (5006, coordinator). The remaining members are
// fully rebalanced (BINARY.md §8.47).
import type { LeaveConsumerGroupRequest } from '../../../protocol/commands/consumer_groups/leave_consumer_group.js';
import type { Operation } from '../principal.js';
import { groupKeyOf } from '../streams/resolve.js';
import { connectedSession } from './connected_session.js';
import { resolveGroup } from './resolve_group.js';

export const leaveConsumerGroup: Operation<LeaveConsumerGroupRequest, void> = (ctx, principal, request) => {
  const session = connectedSession(principal, 'LeaveConsumerGroup');
  const { group } = resolveGroup(ctx, request);
  ctx.authorizer.authorize(principal.user, 'read_topic', group.streamId, group.topicId);
  ctx.groups.leave(groupKeyOf(group), session.clientId);
};
