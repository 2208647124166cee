// CreatePartitions (402): decode -> op -> empty reply.
import { createPartitions as command, type CreatePartitionsRequest } from '../../../protocol/commands/partitions/create_partitions.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';
import { sessionPrincipal } from '../../ops/principal.js';
import { createPartitions } from '../../ops/partitions/create_partitions.js';

export const createPartitionsHandler: CommandHandler<CreatePartitionsRequest> = {
  code: command.code,
  name: command.name,
  requiresAuth: true,
  decode: (payload) => command.request.decode(payload),
  async handle(ctx, session, request) {
    await createPartitions(ctx, sessionPrincipal(ctx, session), request);
    return EMPTY_REPLY;
  },
};
