// CreatePersonalAccessToken (42): decode -> op -> encoded reply.
import { createPersonalAccessToken as command, type CreatePersonalAccessTokenRequest } from '../../../protocol/commands/personal_access_tokens/create_personal_access_token.js';
import type { CommandHandler } from '../../context.js';
import { encodeReply } from '../../dispatch.js';
import { sessionPrincipal } from '../../ops/principal.js';
import { createPersonalAccessToken } from '../../ops/personal_access_tokens/create_personal_access_token.js';

export const createPersonalAccessTokenHandler: CommandHandler<CreatePersonalAccessTokenRequest> = {
  code: command.code,
  name: command.name,
  requiresAuth: true,
  decode: (payload) => command.request.decode(payload),
  async handle(ctx, session, request) {
    return encodeReply(command.response, await createPersonalAccessToken(ctx, sessionPrincipal(ctx, session), request));
  },
};
