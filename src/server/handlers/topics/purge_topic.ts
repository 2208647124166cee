// PurgeTopic (305): decode -> op -> empty reply.
import { purgeTopic as command, type PurgeTopicRequest } from '../../../protocol/commands/topics/purge_topic.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';
import { sessionPrincipal } from '../../ops/principal.js';
import { purgeTopic } from '../../ops/topics/purge_topic.js';

export const purgeTopicHandler: CommandHandler<PurgeTopicRequest> = {
  code: command.code,
  name: command.name,
  requiresAuth: true,
  decode: (payload) => command.request.decode(payload),
  async handle(ctx, session, request) {
    await purgeTopic(ctx, sessionPrincipal(ctx, session), request);
    return EMPTY_REPLY;
  },
};
