// CreateTopic (302): decode -> op -> encoded reply.
import { createTopic as command, type CreateTopicRequest } from '../../../protocol/commands/topics/create_topic.js';
import type { CommandHandler } from '../../context.js';
import { encodeReply } from '../../dispatch.js';
import { sessionPrincipal } from '../../ops/principal.js';
import { createTopic } from '../../ops/topics/create_topic.js';

export const createTopicHandler: CommandHandler<CreateTopicRequest> = {
  code: command.code,
  name: command.name,
  requiresAuth: true,
  decode: (payload) => command.request.decode(payload),
  async handle(ctx, session, request) {
    return encodeReply(command.response, await createTopic(ctx, sessionPrincipal(ctx, session), request));
  },
};
