// GetConsumerGroup (600): decode -> op -> encoded reply. null is an empty OK.
import { getConsumerGroup as command, type GetConsumerGroupRequest } from '../../../protocol/commands/consumer_groups/get_consumer_group.js';
import type { CommandHandler } from '../../context.js';
import { encodeReply } from '../../dispatch.js';
import { sessionPrincipal } from '../../ops/principal.js';
import { getConsumerGroup } from '../../ops/consumer_groups/get_consumer_group.js';

export const getConsumerGroupHandler: CommandHandler<GetConsumerGroupRequest> = {
  code: command.code,
  name: command.name,
  requiresAuth: true,
  decode: (payload) => command.request.decode(payload),
  async handle(ctx, session, request) {
    return encodeReply(command.response, await getConsumerGroup(ctx, sessionPrincipal(ctx, session), request));
  },
};
