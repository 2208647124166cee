// PurgeStream: 1009, then manage_stream; purges every topic of the stream
// (messages and stored offsets; topics and groups stay, BINARY.md §8.32), so
// the group coordinator has nothing to change.
import type { PurgeStreamRequest } from '../../../protocol/commands/streams/purge_stream.js';
import type { Operation } from '../principal.js';

export const purgeStream: Operation<PurgeStreamRequest, void> = async (ctx, principal, request) => {
  const stream = ctx.storage.getStream(request.streamId);
  ctx.authorizer.authorize(principal.user, 'manage_stream', stream.id);
  await ctx.storage.purgeStream({ kind: 'numeric', value: stream.id });
};
