// FlushUnsavedBuffer (102): 1009, 2010, send permission (41), then 3007
// (storage). Writes the partition's journal to its segment files now, and
// fsyncs them when asked (BINARY.md §8.23).
import { flushUnsavedBuffer, type FlushUnsavedBufferRequest } from '../../../protocol/commands/messages/flush_unsaved_buffer.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';
import { sessionUser } from '../../session_user.js';
import { authorizeTopicAction } from '../streams/resolve.js';

export const flushUnsavedBufferHandler: CommandHandler<FlushUnsavedBufferRequest> = {
  code: flushUnsavedBuffer.code,
  name: flushUnsavedBuffer.name,
  requiresAuth: true,
  decode: (payload) => flushUnsavedBuffer.request.decode(payload),
  async handle(ctx, session, request) {
    const user = sessionUser(ctx, session);
    const { streamId, topicId } = authorizeTopicAction(ctx, user, 'send_messages', request.streamId, request.topicId);
    await ctx.storage.flushUnsavedBuffer(streamId, topicId, request.partitionId, request.fsync);
    return EMPTY_REPLY;
  },
};
