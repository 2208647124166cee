// GetConsumerOffset: stream or topic missing -> null (binary: empty OK, HTTP:
// 404); otherwise the poll permission (41). Everything after the permission
// check that fails — missing group or partition, a group partition that
// cannot be resolved for this client (or for HTTP, which has no client) —
// and "nothing stored" is null too (BINARY.md §8.24). A group needs no
// membership when the partition is explicit; without one, the member's
// current partition is used (not advancing its counter).
import { IggyError } from '../../../errors/iggy_error.js';
import type { GetConsumerOffsetRequest, GetConsumerOffsetResponse } from '../../../protocol/commands/consumer_offsets/get_consumer_offset.js';
import type { ServerContext, Session } from '../../context.js';
import type { Operation } from '../principal.js';
import { findTopic, numericIds, type TopicIds } from '../streams/resolve.js';
import { findConsumer } from './resolve_consumer.js';

export const getConsumerOffset: Operation<GetConsumerOffsetRequest, GetConsumerOffsetResponse> = (ctx, principal, request) => {
  const target = findTopic(ctx, request.streamId, request.topicId);
  if (target === undefined) return null;
  ctx.authorizer.authorize(principal.user, 'poll_messages', target.stream.id, target.topic.id);
  try {
    return storedOffset(ctx, principal.session, numericIds(target), request);
  } catch (error) {
    if (error instanceof IggyError) return null;
    throw error;
  }
};

function storedOffset(ctx: ServerContext, session: Session | null, ids: TopicIds, request: GetConsumerOffsetRequest): GetConsumerOffsetResponse {
  const consumer = findConsumer(ctx, ids, request.consumer);
  if (consumer === undefined) return null;
  const explicit = request.partitionId ?? null;
  let partitionId = explicit ?? 0;
  if (consumer.group !== null && explicit === null) {
    if (session === null) return null; // no member to ask: Iggy's HTTP serves single consumers only
    partitionId = ctx.groups.resolveOffsetPartition(consumer.group, session.clientId, null);
  }
  return ctx.storage.getConsumerOffset(ids.streamId, ids.topicId, partitionId, consumer.key) ?? null;
}
