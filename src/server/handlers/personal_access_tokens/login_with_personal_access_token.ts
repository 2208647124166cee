// LoginWithPersonalAccessToken (44): decode -> op -> bind the token's owner
// to the session -> { userId }.
import {
  loginWithPersonalAccessToken as command,
  type LoginWithPersonalAccessTokenRequest,
} from '../../../protocol/commands/personal_access_tokens/login_with_personal_access_token.js';
import type { CommandHandler } from '../../context.js';
import { encodeReply } from '../../dispatch.js';
import { loginWithPersonalAccessToken } from '../../ops/personal_access_tokens/login_with_personal_access_token.js';

export const loginWithPersonalAccessTokenHandler: CommandHandler<LoginWithPersonalAccessTokenRequest> = {
  code: command.code,
  name: command.name,
  requiresAuth: false,
  decode: (payload) => command.request.decode(payload),
  async handle(ctx, session, request) {
    const user = await loginWithPersonalAccessToken(ctx, session, request);
    session.userId = user.id;
    return encodeReply(command.response, { userId: user.id });
  },
};
