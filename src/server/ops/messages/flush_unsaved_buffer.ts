// FlushUnsavedBuffer (102): 1009, 2010, send permission (41), then 3007
// (storage). Writes the partition's journal to its segment files now, and
// fsyncs them when asked (BINARY.md §8.23).
import type { FlushUnsavedBufferRequest } from '../../../protocol/commands/messages/flush_unsaved_buffer.js';
import type { Operation } from '../principal.js';
import { authorizeTopicAction } from '../streams/resolve.js';

export const flushUnsavedBuffer: Operation<FlushUnsavedBufferRequest, void> = async (ctx, principal, request) => {
  const { streamId, topicId } = authorizeTopicAction(ctx, principal.user, 'send_messages', request.streamId, request.topicId);
  await ctx.storage.flushUnsavedBuffer(streamId, topicId, request.partitionId, request.fsync);
};
