// SendMessages (101): decode (the codec rejects malformed metadata with 3, 6
// and 4009), the operation (ops/messages/send_messages.ts), an empty reply.
import { sendMessages as command, type SendMessagesBatch } from '../../../protocol/commands/messages/send_messages.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';
import { sendMessages } from '../../ops/messages/send_messages.js';
import { sessionPrincipal } from '../../ops/principal.js';

export const sendMessagesHandler: CommandHandler<SendMessagesBatch> = {
  code: command.code,
  name: command.name,
  requiresAuth: true,
  decode: (payload) => command.request.decode(payload),
  async handle(ctx, session, request) {
    await sendMessages(ctx, sessionPrincipal(ctx, session), request);
    return EMPTY_REPLY;
  },
};
