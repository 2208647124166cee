// GetStats: read_servers or manage_servers; real process, host and storage
// figures (src/server/stats.ts).
import type { GetStatsRequest, GetStatsResponse } from '../../../protocol/commands/system/get_stats.js';
import { collectStats } from '../../stats.js';
import type { Operation } from '../principal.js';

export const getStats: Operation<GetStatsRequest, GetStatsResponse> = async (ctx, principal) => {
  ctx.authorizer.authorize(principal.user, 'read_servers');
  return collectStats(ctx);
};
