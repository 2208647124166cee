// UpdateStream: 1009, then manage_stream, then 1012 when another stream holds
// the name (storage); renaming to the same name is a no-op OK (BINARY.md §8.31).
import type { UpdateStreamRequest } from '../../../protocol/commands/streams/update_stream.js';
import type { Operation } from '../principal.js';

export const updateStream: Operation<UpdateStreamRequest, void> = async (ctx, principal, request) => {
  const stream = ctx.storage.getStream(request.streamId);
  ctx.authorizer.authorize(principal.user, 'manage_stream', stream.id);
  await ctx.storage.updateStream({ kind: 'numeric', value: stream.id }, request.name);
};
