// DeleteTopic (303): decode -> op -> empty reply.
import { deleteTopic as command, type DeleteTopicRequest } from '../../../protocol/commands/topics/delete_topic.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';
import { sessionPrincipal } from '../../ops/principal.js';
import { deleteTopic } from '../../ops/topics/delete_topic.js';

export const deleteTopicHandler: CommandHandler<DeleteTopicRequest> = {
  code: command.code,
  name: command.name,
  requiresAuth: true,
  decode: (payload) => command.request.decode(payload),
  async handle(ctx, session, request) {
    await deleteTopic(ctx, sessionPrincipal(ctx, session), request);
    return EMPTY_REPLY;
  },
};
