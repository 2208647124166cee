// DeleteStream (203): decode -> op -> empty reply.
import { deleteStream as command, type DeleteStreamRequest } from '../../../protocol/commands/streams/delete_stream.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';
import { sessionPrincipal } from '../../ops/principal.js';
import { deleteStream } from '../../ops/streams/delete_stream.js';

export const deleteStreamHandler: CommandHandler<DeleteStreamRequest> = {
  code: command.code,
  name: command.name,
  requiresAuth: true,
  decode: (payload) => command.request.decode(payload),
  async handle(ctx, session, request) {
    await deleteStream(ctx, sessionPrincipal(ctx, session), request);
    return EMPTY_REPLY;
  },
};
