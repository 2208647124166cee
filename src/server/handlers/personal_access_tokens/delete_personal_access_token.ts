// DeletePersonalAccessToken (43): decode -> op -> empty reply.
import { deletePersonalAccessToken as command, type DeletePersonalAccessTokenRequest } from '../../../protocol/commands/personal_access_tokens/delete_personal_access_token.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';
import { sessionPrincipal } from '../../ops/principal.js';
import { deletePersonalAccessToken } from '../../ops/personal_access_tokens/delete_personal_access_token.js';

export const deletePersonalAccessTokenHandler: CommandHandler<DeletePersonalAccessTokenRequest> = {
  code: command.code,
  name: command.name,
  requiresAuth: true,
  decode: (payload) => command.request.decode(payload),
  async handle(ctx, session, request) {
    await deletePersonalAccessToken(ctx, sessionPrincipal(ctx, session), request);
    return EMPTY_REPLY;
  },
};
