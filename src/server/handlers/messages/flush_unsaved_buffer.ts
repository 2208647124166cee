// FlushUnsavedBuffer (102): decode, the operation, an empty reply.
import { flushUnsavedBuffer as command, type FlushUnsavedBufferRequest } from '../../../protocol/commands/messages/flush_unsaved_buffer.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';
import { flushUnsavedBuffer } from '../../ops/messages/flush_unsaved_buffer.js';
import { sessionPrincipal } from '../../ops/principal.js';

export const flushUnsavedBufferHandler: CommandHandler<FlushUnsavedBufferRequest> = {
  code: command.code,
  name: command.name,
  requiresAuth: true,
  decode: (payload) => command.request.decode(payload),
  async handle(ctx, session, request) {
    await flushUnsavedBuffer(ctx, sessionPrincipal(ctx, session), request);
    return EMPTY_REPLY;
  },
};
