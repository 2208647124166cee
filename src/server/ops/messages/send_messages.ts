// SendMessages (101). The codec has rejected malformed metadata (3, 6, 4009)
// while decoding; then 1009, 2010, send permission (41), the partition choice
// (partition_choice.ts), and storage validates every message with the core
// (4017, 4022, 4031–4037, 10011) and appends the batch wholly or not at all
// (BINARY.md §4.4, §8.22). The index table and messages block stay views of
// the request frame until storage stamps and stores them; storage keeps the
// frame's memory itself when the transport read it into storage.payloadBuffer.
import type { SendMessagesBatch } from '../../../protocol/commands/messages/send_messages.js';
import type { Operation } from '../principal.js';
import { authorizeTopicAction } from '../streams/resolve.js';
import { choosePartition } from './partition_choice.js';

/** Returns the partition the batch went to. */
export const sendMessages: Operation<SendMessagesBatch, number> = async (ctx, principal, request) => {
  const { streamId, topicId } = authorizeTopicAction(ctx, principal.user, 'send_messages', request.streamId, request.topicId);
  const partitionId = choosePartition(ctx, ctx.storage.topicShape(streamId, topicId), request.partitioning);
  await ctx.storage.appendMessages(streamId, topicId, partitionId, { count: request.count, indexes: request.indexes, messages: request.messages });
  return partitionId;
};
