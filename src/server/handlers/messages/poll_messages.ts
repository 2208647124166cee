// PollMessages (100): decode, the operation (ops/messages/poll_messages.ts),
// then the 16-byte result header followed by the stored message chunks as
// they are: the reply copies no message bytes.
import { assert } from '../../../assert.js';
import { pollMessages as command, POLL_RESPONSE_HEADER_BYTES } from '../../../protocol/commands/messages/poll_messages.js';
import type { CommandHandler, Reply } from '../../context.js';
import { pollMessages, type PollMessagesOpRequest } from '../../ops/messages/poll_messages.js';
import { sessionPrincipal } from '../../ops/principal.js';

export const pollMessagesHandler: CommandHandler<PollMessagesOpRequest> = {
  code: command.code,
  name: command.name,
  requiresAuth: true,
  decode: (payload) => command.request.decode(payload),
  async handle(ctx, session, request) {
    const result = await pollMessages(ctx, sessionPrincipal(ctx, session), request);
    const header = Buffer.allocUnsafe(POLL_RESPONSE_HEADER_BYTES);
    const end = command.response.encodeInto(header, 0, result);
    assert(end === POLL_RESPONSE_HEADER_BYTES, `poll header wrote ${end} bytes`);
    return result.chunks.length === 0 ? header : ([header, ...result.chunks] as Reply);
  },
};
