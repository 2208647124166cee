// GetStream: a missing stream is null (binary: empty OK, HTTP: 404) even
// without permission; an existing one needs read_stream (BINARY.md §5.2,
// §8.27). The stream with its topics ascending by id.
import type { GetStreamRequest, GetStreamResponse } from '../../../protocol/commands/streams/get_stream.js';
import type { Operation } from '../principal.js';

export const getStream: Operation<GetStreamRequest, GetStreamResponse> = (ctx, principal, request) => {
  const stream = ctx.storage.findStream(request.streamId);
  if (stream === undefined) return null;
  ctx.authorizer.authorize(principal.user, 'read_stream', stream.id);
  const topics = ctx.storage.listTopics({ kind: 'numeric', value: stream.id });
  return { stream, topics };
};
