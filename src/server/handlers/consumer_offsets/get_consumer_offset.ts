// GetConsumerOffset (120): decode -> op -> encoded reply.
import { getConsumerOffset as command, type GetConsumerOffsetRequest } from '../../../protocol/commands/consumer_offsets/get_consumer_offset.js';
import type { CommandHandler } from '../../context.js';
import { encodeReply } from '../../dispatch.js';
import { sessionPrincipal } from '../../ops/principal.js';
import { getConsumerOffset } from '../../ops/consumer_offsets/get_consumer_offset.js';

export const getConsumerOffsetHandler: CommandHandler<GetConsumerOffsetRequest> = {
  code: command.code,
  name: command.name,
  requiresAuth: true,
  decode: (payload) => command.request.decode(payload),
  async handle(ctx, session, request) {
    return encodeReply(command.response, await getConsumerOffset(ctx, sessionPrincipal(ctx, session), request));
  },
};
