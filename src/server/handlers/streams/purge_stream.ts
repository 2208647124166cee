// PurgeStream (205): decode -> op -> empty reply.
import { purgeStream as command, type PurgeStreamRequest } from '../../../protocol/commands/streams/purge_stream.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';
import { sessionPrincipal } from '../../ops/principal.js';
import { purgeStream } from '../../ops/streams/purge_stream.js';

export const purgeStreamHandler: CommandHandler<PurgeStreamRequest> = {
  code: command.code,
  name: command.name,
  requiresAuth: true,
  decode: (payload) => command.request.decode(payload),
  async handle(ctx, session, request) {
    await purgeStream(ctx, sessionPrincipal(ctx, session), request);
    return EMPTY_REPLY;
  },
};
