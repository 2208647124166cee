// DeleteConsumerGroup (603): decode -> op -> empty reply.
import { deleteConsumerGroup as command, type DeleteConsumerGroupRequest } from '../../../protocol/commands/consumer_groups/delete_consumer_group.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';
import { sessionPrincipal } from '../../ops/principal.js';
import { deleteConsumerGroup } from '../../ops/consumer_groups/delete_consumer_group.js';

export const deleteConsumerGroupHandler: CommandHandler<DeleteConsumerGroupRequest> = {
  code: command.code,
  name: command.name,
  requiresAuth: true,
  decode: (payload) => command.request.decode(payload),
  async handle(ctx, session, request) {
    await deleteConsumerGroup(ctx, sessionPrincipal(ctx, session), request);
    return EMPTY_REPLY;
  },
};
