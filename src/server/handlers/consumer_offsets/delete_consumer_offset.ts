// DeleteConsumerOffset (122): resolution as StoreConsumerOffset (1009, 2010,
// 41, 5000, 5006, 3022); a missing partition -> 3007 and nothing stored ->
// ConsumerOffsetNotFound (3021), both from storage (BINARY.md §8.26).
import { deleteConsumerOffset, type DeleteConsumerOffsetRequest } from '../../../protocol/commands/consumer_offsets/delete_consumer_offset.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';
import { sessionUser } from '../../session_user.js';
import { authorizeTopicAction } from '../streams/resolve.js';
import { offsetPartition, resolveConsumer } from './resolve_consumer.js';

export const deleteConsumerOffsetHandler: CommandHandler<DeleteConsumerOffsetRequest> = {
  code: deleteConsumerOffset.code,
  name: deleteConsumerOffset.name,
  requiresAuth: true,
  decode: (payload) => deleteConsumerOffset.request.decode(payload),
  async handle(ctx, session, request) {
    const user = sessionUser(ctx, session);
    const { streamId, topicId } = authorizeTopicAction(ctx, user, 'poll_messages', request.streamId, request.topicId);
    const consumer = resolveConsumer(ctx, { streamId, topicId }, request.consumer);
    const partitionId = offsetPartition(ctx, session, consumer, request.partitionId ?? null);
    await ctx.storage.deleteConsumerOffset(streamId, topicId, partitionId, consumer.key);
    return EMPTY_REPLY;
  },
};
