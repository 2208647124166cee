// GetTopics: a missing stream is null (binary: empty OK, HTTP: 404); an
// existing one needs read_topics (BINARY.md §8.34). Topics ascending by id,
// without partitions.
import type { GetTopicsRequest, GetTopicsResponse } from '../../../protocol/commands/topics/get_topics.js';
import type { Operation } from '../principal.js';

/**
 * Deviates from GetTopicsResponse (a list) by answering null for a missing
 * stream: HTTP must tell "no such stream" (404) from "no topics" ([]), which
 * the binary reply, empty either way, cannot.
 */
export const getTopics: Operation<GetTopicsRequest, GetTopicsResponse | null> = (ctx, principal, request) => {
  const stream = ctx.storage.findStream(request.streamId);
  if (stream === undefined) return null;
  ctx.authorizer.authorize(principal.user, 'read_topics', stream.id);
  return ctx.storage.listTopics({ kind: 'numeric', value: stream.id });
};
