// StoreConsumerOffset (121): decode -> op -> empty reply.
import { storeConsumerOffset as command, type StoreConsumerOffsetRequest } from '../../../protocol/commands/consumer_offsets/store_consumer_offset.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';
import { sessionPrincipal } from '../../ops/principal.js';
import { storeConsumerOffset } from '../../ops/consumer_offsets/store_consumer_offset.js';

export const storeConsumerOffsetHandler: CommandHandler<StoreConsumerOffsetRequest> = {
  code: command.code,
  name: command.name,
  requiresAuth: true,
  decode: (payload) => command.request.decode(payload),
  async handle(ctx, session, request) {
    await storeConsumerOffset(ctx, sessionPrincipal(ctx, session), request);
    return EMPTY_REPLY;
  },
};
