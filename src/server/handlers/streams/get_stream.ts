// GetStream (200): decode -> op -> encoded reply.
import { getStream as command, type GetStreamRequest } from '../../../protocol/commands/streams/get_stream.js';
import type { CommandHandler } from '../../context.js';
import { encodeReply } from '../../dispatch.js';
import { sessionPrincipal } from '../../ops/principal.js';
import { getStream } from '../../ops/streams/get_stream.js';

export const getStreamHandler: CommandHandler<GetStreamRequest> = {
  code: command.code,
  name: command.name,
  requiresAuth: true,
  decode: (payload) => command.request.decode(payload),
  async handle(ctx, session, request) {
    return encodeReply(command.response, await getStream(ctx, sessionPrincipal(ctx, session), request));
  },
};
