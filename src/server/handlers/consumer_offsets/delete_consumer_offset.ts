// DeleteConsumerOffset (122): decode -> op -> empty reply.
import { deleteConsumerOffset as command, type DeleteConsumerOffsetRequest } from '../../../protocol/commands/consumer_offsets/delete_consumer_offset.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';
import { sessionPrincipal } from '../../ops/principal.js';
import { deleteConsumerOffset } from '../../ops/consumer_offsets/delete_consumer_offset.js';

export const deleteConsumerOffsetHandler: CommandHandler<DeleteConsumerOffsetRequest> = {
  code: command.code,
  name: command.name,
  requiresAuth: true,
  decode: (payload) => command.request.decode(payload),
  async handle(ctx, session, request) {
    await deleteConsumerOffset(ctx, sessionPrincipal(ctx, session), request);
    return EMPTY_REPLY;
  },
};
