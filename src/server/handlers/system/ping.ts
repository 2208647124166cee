// Ping (1): no login needed, empty request (ignored), empty OK. The only
// command that refreshes the session's heartbeat (BINARY.md §2.5, §8.1).
import { COMMAND } from '../../../protocol/codes.js';
import { nowUs } from '../../clients.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';

export const pingHandler: CommandHandler<void> = {
  code: COMMAND.Ping,
  name: 'Ping',
  requiresAuth: false,
  decode: () => undefined,
  handle(_ctx, session) {
    session.lastHeartbeatUs = nowUs();
    return EMPTY_REPLY;
  },
};
