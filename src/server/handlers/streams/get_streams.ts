// GetStreams (201): decode -> op -> encoded reply.
import { getStreams as command } from '../../../protocol/commands/streams/get_streams.js';
import type { CommandHandler } from '../../context.js';
import { encodeReply } from '../../dispatch.js';
import { sessionPrincipal } from '../../ops/principal.js';
import { getStreams } from '../../ops/streams/get_streams.js';

export const getStreamsHandler: CommandHandler<void> = {
  code: command.code,
  name: command.name,
  requiresAuth: true,
  decode: (payload) => command.request.decode(payload),
  async handle(ctx, session) {
    return encodeReply(command.response, await getStreams(ctx, sessionPrincipal(ctx, session), undefined));
  },
};
