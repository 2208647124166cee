// StoreConsumerOffset (121): 1009, 2010, poll permission (41); a group must
// exist (5000) and the caller be a member (5006) owning the partition (3022);
// then the partition must exist (3007) and hold the offset (4100, storage).
// A group's commit is reported to the coordinator, which may complete a
// pending partition handover (BINARY.md §8.25, §8.46).
import { storeConsumerOffset, type StoreConsumerOffsetRequest } from '../../../protocol/commands/consumer_offsets/store_consumer_offset.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';
import { sessionUser } from '../../session_user.js';
import { authorizeTopicAction } from '../streams/resolve.js';
import { offsetPartition, resolveConsumer } from './resolve_consumer.js';

export const storeConsumerOffsetHandler: CommandHandler<StoreConsumerOffsetRequest> = {
  code: storeConsumerOffset.code,
  name: storeConsumerOffset.name,
  requiresAuth: true,
  decode: (payload) => storeConsumerOffset.request.decode(payload),
  async handle(ctx, session, request) {
    const user = sessionUser(ctx, session);
    const { streamId, topicId } = authorizeTopicAction(ctx, user, 'poll_messages', request.streamId, request.topicId);
    const consumer = resolveConsumer(ctx, { streamId, topicId }, request.consumer);
    const partitionId = offsetPartition(ctx, session, consumer, request.partitionId ?? null);
    await ctx.storage.storeConsumerOffset(streamId, topicId, partitionId, consumer.key, request.offset);
    if (consumer.group !== null) ctx.groups.recordCommitted(consumer.group, partitionId, request.offset);
    return EMPTY_REPLY;
  },
};
