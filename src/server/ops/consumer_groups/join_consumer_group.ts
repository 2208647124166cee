// JoinConsumerGroup: a session first (5 without one, connected_session.ts);
// 1009, 2010, 5000, then read_topic. The calling connection (its client id)
// becomes a member; joining again is a no-op. Assignment is the
// coordinator's cooperative rebalance (BINARY.md §8.46).
import type { JoinConsumerGroupRequest } from '../../../protocol/commands/consumer_groups/join_consumer_group.js';
import type { Operation } from '../principal.js';
import { groupKeyOf } from '../streams/resolve.js';
import { connectedSession } from './connected_session.js';
import { resolveGroup } from './resolve_group.js';

export const joinConsumerGroup: Operation<JoinConsumerGroupRequest, void> = (ctx, principal, request) => {
  const session = connectedSession(principal, 'JoinConsumerGroup');
  const { group } = resolveGroup(ctx, request);
  ctx.authorizer.authorize(principal.user, 'read_topic', group.streamId, group.topicId);
  ctx.groups.join(groupKeyOf(group), session.clientId);
};
