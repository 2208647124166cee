// GetConsumerGroups (601): decode -> op -> encoded reply; a missing stream or topic (null) is an empty OK.
import { getConsumerGroups as command, type GetConsumerGroupsRequest } from '../../../protocol/commands/consumer_groups/get_consumer_groups.js';
import type { CommandHandler } from '../../context.js';
import { encodeReply } from '../../dispatch.js';
import { sessionPrincipal } from '../../ops/principal.js';
import { getConsumerGroups } from '../../ops/consumer_groups/get_consumer_groups.js';

export const getConsumerGroupsHandler: CommandHandler<GetConsumerGroupsRequest> = {
  code: command.code,
  name: command.name,
  requiresAuth: true,
  decode: (payload) => command.request.decode(payload),
  async handle(ctx, session, request) {
    return encodeReply(command.response, (await getConsumerGroups(ctx, sessionPrincipal(ctx, session), request)) ?? []);
  },
};
