// SendMessages (101). The codec rejects malformed metadata (3, 6, 4009)
// while decoding; then 1009, 2010, send permission (41); storage picks the
// partition (3007 for a missing explicit one), validates every message with
// the core (4017, 4022, 4031–4037, 10011) and appends the batch wholly or not
// at all (BINARY.md §4.4, §8.22). The index table and messages block stay
// views of the request frame until storage stamps and stores them.
import { sendMessages, type SendMessagesBatch } from '../../../protocol/commands/messages/send_messages.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';
import { sessionUser } from '../../session_user.js';
import { authorizeTopicAction } from '../streams/resolve.js';

export const sendMessagesHandler: CommandHandler<SendMessagesBatch> = {
  code: sendMessages.code,
  name: sendMessages.name,
  requiresAuth: true,
  decode: (payload) => sendMessages.request.decode(payload),
  async handle(ctx, session, request) {
    const user = sessionUser(ctx, session);
    const { streamId, topicId } = authorizeTopicAction(ctx, user, 'send_messages', request.streamId, request.topicId);
    await ctx.storage.appendMessages(streamId, topicId, request.partitioning, {
      count: request.count,
      indexes: request.indexes,
      messages: request.messages,
    });
    return EMPTY_REPLY;
  },
};
