// GetStats (10): decode -> op -> encoded reply.
import { getStats as command } from '../../../protocol/commands/system/get_stats.js';
import type { CommandHandler } from '../../context.js';
import { encodeReply } from '../../dispatch.js';
import { sessionPrincipal } from '../../ops/principal.js';
import { getStats } from '../../ops/system/get_stats.js';

export const getStatsHandler: CommandHandler<void> = {
  code: command.code,
  name: command.name,
  requiresAuth: true,
  decode: (payload) => command.request.decode(payload),
  async handle(ctx, session) {
    return encodeReply(command.response, await getStats(ctx, sessionPrincipal(ctx, session), undefined));
  },
};
