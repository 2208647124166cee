// GetTopic (300): decode -> op -> encoded reply.
import { getTopic as command, type GetTopicRequest } from '../../../protocol/commands/topics/get_topic.js';
import type { CommandHandler } from '../../context.js';
import { encodeReply } from '../../dispatch.js';
import { sessionPrincipal } from '../../ops/principal.js';
import { getTopic } from '../../ops/topics/get_topic.js';

export const getTopicHandler: CommandHandler<GetTopicRequest> = {
  code: command.code,
  name: command.name,
  requiresAuth: true,
  decode: (payload) => command.request.decode(payload),
  async handle(ctx, session, request) {
    return encodeReply(command.response, await getTopic(ctx, sessionPrincipal(ctx, session), request));
  },
};
