// GetMe (20): decode -> op -> encoded reply.
import { getMe as command } from '../../../protocol/commands/system/get_me.js';
import type { CommandHandler } from '../../context.js';
import { encodeReply } from '../../dispatch.js';
import { sessionPrincipal } from '../../ops/principal.js';
import { getMe } from '../../ops/system/get_me.js';

export const getMeHandler: CommandHandler<void> = {
  code: command.code,
  name: command.name,
  requiresAuth: true,
  decode: (payload) => command.request.decode(payload),
  async handle(ctx, session) {
    return encodeReply(command.response, await getMe(ctx, sessionPrincipal(ctx, session), undefined));
  },
};
