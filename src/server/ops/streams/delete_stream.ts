// DeleteStream: 1009 (unknown stream) before manage_stream (BINARY.md §5.2,
// §8.30). Storage removes topics, files, offsets and group definitions; the
// coordinator drops the in-memory membership of the stream's groups.
import type { DeleteStreamRequest } from '../../../protocol/commands/streams/delete_stream.js';
import type { Operation } from '../principal.js';

export const deleteStream: Operation<DeleteStreamRequest, void> = async (ctx, principal, request) => {
  const stream = ctx.storage.getStream(request.streamId);
  ctx.authorizer.authorize(principal.user, 'manage_stream', stream.id);
  await ctx.storage.deleteStream({ kind: 'numeric', value: stream.id });
  ctx.groups.removeStream(stream.id);
};
