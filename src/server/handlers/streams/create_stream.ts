// CreateStream (202): decode -> op -> encoded reply.
import { createStream as command, type CreateStreamRequest } from '../../../protocol/commands/streams/create_stream.js';
import type { CommandHandler } from '../../context.js';
import { encodeReply } from '../../dispatch.js';
import { sessionPrincipal } from '../../ops/principal.js';
import { createStream } from '../../ops/streams/create_stream.js';

export const createStreamHandler: CommandHandler<CreateStreamRequest> = {
  code: command.code,
  name: command.name,
  requiresAuth: true,
  decode: (payload) => command.request.decode(payload),
  async handle(ctx, session, request) {
    return encodeReply(command.response, await createStream(ctx, sessionPrincipal(ctx, session), request));
  },
};
