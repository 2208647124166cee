// UpdateTopic (304): decode -> op -> empty reply.
import { updateTopic as command, type UpdateTopicRequest } from '../../../protocol/commands/topics/update_topic.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';
import { sessionPrincipal } from '../../ops/principal.js';
import { updateTopic } from '../../ops/topics/update_topic.js';

export const updateTopicHandler: CommandHandler<UpdateTopicRequest> = {
  code: command.code,
  name: command.name,
  requiresAuth: true,
  decode: (payload) => command.request.decode(payload),
  async handle(ctx, session, request) {
    await updateTopic(ctx, sessionPrincipal(ctx, session), request);
    return EMPTY_REPLY;
  },
};
