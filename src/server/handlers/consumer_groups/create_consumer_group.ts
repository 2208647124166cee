// CreateConsumerGroup (602): decode -> op -> encoded reply.
import { createConsumerGroup as command, type CreateConsumerGroupRequest } from '../../../protocol/commands/consumer_groups/create_consumer_group.js';
import type { CommandHandler } from '../../context.js';
import { encodeReply } from '../../dispatch.js';
import { sessionPrincipal } from '../../ops/principal.js';
import { createConsumerGroup } from '../../ops/consumer_groups/create_consumer_group.js';

export const createConsumerGroupHandler: CommandHandler<CreateConsumerGroupRequest> = {
  code: command.code,
  name: command.name,
  requiresAuth: true,
  decode: (payload) => command.request.decode(payload),
  async handle(ctx, session, request) {
    return encodeReply(command.response, await createConsumerGroup(ctx, sessionPrincipal(ctx, session), request));
  },
};
