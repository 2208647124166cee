// DeleteSegments (503): decode -> op -> empty reply.
import { deleteSegments as command, type DeleteSegmentsRequest } from '../../../protocol/commands/segments/delete_segments.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';
import { sessionPrincipal } from '../../ops/principal.js';
import { deleteSegments } from '../../ops/segments/delete_segments.js';

export const deleteSegmentsHandler: CommandHandler<DeleteSegmentsRequest> = {
  code: command.code,
  name: command.name,
  requiresAuth: true,
  decode: (payload) => command.request.decode(payload),
  async handle(ctx, session, request) {
    await deleteSegments(ctx, sessionPrincipal(ctx, session), request);
    return EMPTY_REPLY;
  },
};
