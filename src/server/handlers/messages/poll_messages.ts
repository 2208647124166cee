// PollMessages (100): 1009, 2010, poll permission (41); a group must exist
// (5000) and the caller be a member (5006). Partition: a single consumer's
// explicit one or 0 (3007 when missing); a group member's explicit owned one
// or its next round-robin partition — none gives the empty result header
// `partition 0, current 0, count 0` (BINARY.md §8.21, §4.5). The count is
// capped by limits.poll_messages_max. The reply is the 16-byte header plus the
// stored message chunks as they are: no copy of message bytes.
// Group polls follow the coordinator's in-flight protocol (groups/types.ts):
// exactly one of recordPolled / recordPollEnded per resolved partition, and
// recordCommitted after storage has stored an auto-commit.
import { assert } from '../../../assert.js';
import { pollMessages, POLL_RESPONSE_HEADER_BYTES, type PollMessagesRequest } from '../../../protocol/commands/messages/poll_messages.js';
import type { PollResult } from '../../../storage/types.js';
import type { CommandHandler, Reply } from '../../context.js';
import { sessionUser } from '../../session_user.js';
import { resolveConsumer } from '../consumer_offsets/resolve_consumer.js';
import { authorizeTopicAction } from '../streams/resolve.js';

function reply(partitionId: number, currentOffset: bigint, count: number, chunks: readonly Uint8Array[]): Reply {
  const header = Buffer.allocUnsafe(POLL_RESPONSE_HEADER_BYTES);
  const end = pollMessages.response.encodeInto(header, 0, { partitionId, currentOffset, count });
  assert(end === POLL_RESPONSE_HEADER_BYTES, `poll header wrote ${end} bytes`);
  return chunks.length === 0 ? header : [header, ...chunks];
}

export const pollMessagesHandler: CommandHandler<PollMessagesRequest & { partitionId: number | null }> = {
  code: pollMessages.code,
  name: pollMessages.name,
  requiresAuth: true,
  decode: (payload) => pollMessages.request.decode(payload),
  async handle(ctx, session, request) {
    const user = sessionUser(ctx, session);
    const { streamId, topicId } = authorizeTopicAction(ctx, user, 'poll_messages', request.streamId, request.topicId);
    const consumer = resolveConsumer(ctx, { streamId, topicId }, request.consumer);
    const count = Math.min(request.count, ctx.config.limits.poll_messages_max);
    const poll = (partitionId: number): Promise<PollResult> =>
      ctx.storage.pollMessages(streamId, topicId, partitionId, consumer.key, request.strategy, count, request.autoCommit);

    const group = consumer.group;
    if (group === null) {
      const result = await poll(request.partitionId ?? 0);
      return reply(result.partitionId, result.currentOffset, result.count, result.chunks);
    }
    const partitionId = ctx.groups.resolvePollPartition(group, session.clientId, request.partitionId);
    if (partitionId === null) return reply(0, 0n, 0, []);
    let result: PollResult | undefined;
    try {
      result = await poll(partitionId);
    } finally {
      if (result !== undefined && result.count > 0) {
        ctx.groups.recordPolled(group, partitionId, result.lastOffset);
        if (request.autoCommit) ctx.groups.recordCommitted(group, partitionId, result.lastOffset);
      } else {
        ctx.groups.recordPollEnded(group, partitionId);
      }
    }
    return reply(result.partitionId, result.currentOffset, result.count, result.chunks);
  },
};
