// JoinConsumerGroup (604): 1009, 2010, 5000, then read_topic. The calling
// connection (its client id) becomes a member; joining again is a no-op OK.
// Assignment is the coordinator's cooperative rebalance (BINARY.md §8.46).
import { joinConsumerGroup, type JoinConsumerGroupRequest } from '../../../protocol/commands/consumer_groups/join_consumer_group.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';
import { sessionUser } from '../../session_user.js';
import { groupKeyOf } from '../streams/resolve.js';
import { resolveGroup } from './resolve_group.js';

export const joinConsumerGroupHandler: CommandHandler<JoinConsumerGroupRequest> = {
  code: joinConsumerGroup.code,
  name: joinConsumerGroup.name,
  requiresAuth: true,
  decode: (payload) => joinConsumerGroup.request.decode(payload),
  handle(ctx, session, request) {
    const user = sessionUser(ctx, session);
    const { group } = resolveGroup(ctx, request);
    ctx.authorizer.authorize(user, 'read_topic', group.streamId, group.topicId);
    ctx.groups.join(groupKeyOf(group), session.clientId);
    return EMPTY_REPLY;
  },
};
