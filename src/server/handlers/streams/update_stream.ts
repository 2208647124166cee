// UpdateStream (204): decode -> op -> empty reply.
import { updateStream as command, type UpdateStreamRequest } from '../../../protocol/commands/streams/update_stream.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';
import { sessionPrincipal } from '../../ops/principal.js';
import { updateStream } from '../../ops/streams/update_stream.js';

export const updateStreamHandler: CommandHandler<UpdateStreamRequest> = {
  code: command.code,
  name: command.name,
  requiresAuth: true,
  decode: (payload) => command.request.decode(payload),
  async handle(ctx, session, request) {
    await updateStream(ctx, sessionPrincipal(ctx, session), request);
    return EMPTY_REPLY;
  },
};
