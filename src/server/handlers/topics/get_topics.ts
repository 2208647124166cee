// GetTopics (301): decode -> op -> encoded reply; a missing stream (null) is an empty OK.
import { getTopics as command, type GetTopicsRequest } from '../../../protocol/commands/topics/get_topics.js';
import type { CommandHandler } from '../../context.js';
import { encodeReply } from '../../dispatch.js';
import { sessionPrincipal } from '../../ops/principal.js';
import { getTopics } from '../../ops/topics/get_topics.js';

export const getTopicsHandler: CommandHandler<GetTopicsRequest> = {
  code: command.code,
  name: command.name,
  requiresAuth: true,
  decode: (payload) => command.request.decode(payload),
  async handle(ctx, session, request) {
    return encodeReply(command.response, (await getTopics(ctx, sessionPrincipal(ctx, session), request)) ?? []);
  },
};
