// GetStats (10): read_servers or manage_servers; real process, host and
// storage figures (src/server/stats.ts).
import { getStats } from '../../../protocol/commands/system/get_stats.js';
import type { CommandHandler } from '../../context.js';
import { encodeReply } from '../../dispatch.js';
import { sessionUser } from '../../session_user.js';
import { collectStats } from '../../stats.js';

export const getStatsHandler: CommandHandler<void> = {
  code: getStats.code,
  name: getStats.name,
  requiresAuth: true,
  decode: (payload) => getStats.request.decode(payload),
  async handle(ctx, session) {
    ctx.authorizer.authorize(sessionUser(ctx, session), 'read_servers');
    return encodeReply(getStats.response, await collectStats(ctx));
  },
};
