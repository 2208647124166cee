// Ping (1): no login needed, empty request (ignored), empty OK.
import { ping as command } from '../../../protocol/commands/system/ping.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';
import { ping } from '../../ops/system/ping.js';

export const pingHandler: CommandHandler<void> = {
  code: command.code,
  name: command.name,
  requiresAuth: false,
  // Iggy ignores whatever payload a Ping carries; the codec would refuse one.
  decode: () => undefined,
  handle(ctx, session) {
    ping(ctx, session);
    return EMPTY_REPLY;
  },
};
