// GetPersonalAccessTokens (41): decode -> op -> encoded reply.
import { getPersonalAccessTokens as command } from '../../../protocol/commands/personal_access_tokens/get_personal_access_tokens.js';
import type { CommandHandler } from '../../context.js';
import { encodeReply } from '../../dispatch.js';
import { sessionPrincipal } from '../../ops/principal.js';
import { getPersonalAccessTokens } from '../../ops/personal_access_tokens/get_personal_access_tokens.js';

export const getPersonalAccessTokensHandler: CommandHandler<void> = {
  code: command.code,
  name: command.name,
  requiresAuth: true,
  decode: (payload) => command.request.decode(payload),
  async handle(ctx, session) {
    return encodeReply(command.response, await getPersonalAccessTokens(ctx, sessionPrincipal(ctx, session), undefined));
  },
};
