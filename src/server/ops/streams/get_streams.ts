// GetStreams: global read_streams or manage_streams; every stream ascending
// by id, [] when there are none (BINARY.md §8.28).
import type { GetStreamsRequest, GetStreamsResponse } from '../../../protocol/commands/streams/get_streams.js';
import type { Operation } from '../principal.js';

export const getStreams: Operation<GetStreamsRequest, GetStreamsResponse> = (ctx, principal) => {
  ctx.authorizer.authorize(principal.user, 'read_streams');
  return ctx.storage.listStreams();
};
