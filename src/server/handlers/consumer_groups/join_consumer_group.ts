// JoinConsumerGroup (604): decode -> op -> empty reply.
import { joinConsumerGroup as command, type JoinConsumerGroupRequest } from '../../../protocol/commands/consumer_groups/join_consumer_group.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';
import { sessionPrincipal } from '../../ops/principal.js';
import { joinConsumerGroup } from '../../ops/consumer_groups/join_consumer_group.js';

export const joinConsumerGroupHandler: CommandHandler<JoinConsumerGroupRequest> = {
  code: command.code,
  name: command.name,
  requiresAuth: true,
  decode: (payload) => command.request.decode(payload),
  async handle(ctx, session, request) {
    await joinConsumerGroup(ctx, sessionPrincipal(ctx, session), request);
    return EMPTY_REPLY;
  },
};
