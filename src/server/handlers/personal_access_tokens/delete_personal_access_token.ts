// DeletePersonalAccessToken (43): one of the caller's tokens by name; unknown
// -> ResourceNotFound (20) (§8.19).
import { IggyError } from '../../../errors/iggy_error.js';
import {
  deletePersonalAccessToken,
  type DeletePersonalAccessTokenRequest,
} from '../../../protocol/commands/personal_access_tokens/delete_personal_access_token.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';
import { sessionUser } from '../../session_user.js';

export const deletePersonalAccessTokenHandler: CommandHandler<DeletePersonalAccessTokenRequest> = {
  code: deletePersonalAccessToken.code,
  name: deletePersonalAccessToken.name,
  requiresAuth: true,
  decode: (payload) => deletePersonalAccessToken.request.decode(payload),
  async handle(ctx, session, request) {
    const user = sessionUser(ctx, session);
    if (!ctx.storage.listPersonalAccessTokens(user.id).some((t) => t.name === request.name)) {
      throw IggyError.of('ResourceNotFound', `token "${request.name}" of user ${user.id}`);
    }
    await ctx.storage.deletePersonalAccessToken(user.id, request.name);
    return EMPTY_REPLY;
  },
};
