// GetPersonalAccessTokens (41): the caller's own tokens, name and expiry
// (0 = never), sorted by name (§8.17). Raw tokens are never stored.
import { getPersonalAccessTokens } from '../../../protocol/commands/personal_access_tokens/get_personal_access_tokens.js';
import type { CommandHandler } from '../../context.js';
import { encodeReply } from '../../dispatch.js';
import { sessionUser } from '../../session_user.js';

export const getPersonalAccessTokensHandler: CommandHandler<void> = {
  code: getPersonalAccessTokens.code,
  name: getPersonalAccessTokens.name,
  requiresAuth: true,
  decode: (payload) => getPersonalAccessTokens.request.decode(payload),
  handle(ctx, session) {
    const user = sessionUser(ctx, session);
    const tokens = ctx.storage
      .listPersonalAccessTokens(user.id)
      .map((t) => ({ name: t.name, expiryAtUs: t.expiryAtUs }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return encodeReply(getPersonalAccessTokens.response, tokens);
  },
};
