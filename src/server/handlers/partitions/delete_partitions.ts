// DeletePartitions (403): decode -> op -> empty reply.
import { deletePartitions as command, type DeletePartitionsRequest } from '../../../protocol/commands/partitions/delete_partitions.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';
import { sessionPrincipal } from '../../ops/principal.js';
import { deletePartitions } from '../../ops/partitions/delete_partitions.js';

export const deletePartitionsHandler: CommandHandler<DeletePartitionsRequest> = {
  code: command.code,
  name: command.name,
  requiresAuth: true,
  decode: (payload) => command.request.decode(payload),
  async handle(ctx, session, request) {
    await deletePartitions(ctx, sessionPrincipal(ctx, session), request);
    return EMPTY_REPLY;
  },
};
