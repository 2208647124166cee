// LeaveConsumerGroup (605): decode -> op -> empty reply.
import { leaveConsumerGroup as command, type LeaveConsumerGroupRequest } from '../../../protocol/commands/consumer_groups/leave_consumer_group.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';
import { sessionPrincipal } from '../../ops/principal.js';
import { leaveConsumerGroup } from '../../ops/consumer_groups/leave_consumer_group.js';

export const leaveConsumerGroupHandler: CommandHandler<LeaveConsumerGroupRequest> = {
  code: command.code,
  name: command.name,
  requiresAuth: true,
  decode: (payload) => command.request.decode(payload),
  async handle(ctx, session, request) {
    await leaveConsumerGroup(ctx, sessionPrincipal(ctx, session), request);
    return EMPTY_REPLY;
  },
};
