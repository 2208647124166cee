// CreatePersonalAccessToken (42): name 3..=30 bytes (50); at most
// personal_access_token.max_tokens_per_user per user (52); name unique per
// user (51). Replies with the raw token, shown this once; only its SHA-256
// digest is stored (§8.18). Expiry: µs from now, 0 or u64::MAX = never.
import { IggyError } from '../../../errors/iggy_error.js';
import { PROTOCOL } from '../../../limits.js';
import {
  createPersonalAccessToken,
  type CreatePersonalAccessTokenRequest,
} from '../../../protocol/commands/personal_access_tokens/create_personal_access_token.js';
import { generateToken, hashToken, tokenExpiryAtUs } from '../../auth/token.js';
import { nowUs } from '../../clients.js';
import type { CommandHandler } from '../../context.js';
import { encodeReply } from '../../dispatch.js';
import { sessionUser } from '../../session_user.js';

export const createPersonalAccessTokenHandler: CommandHandler<CreatePersonalAccessTokenRequest> = {
  code: createPersonalAccessToken.code,
  name: createPersonalAccessToken.name,
  requiresAuth: true,
  decode: (payload) => createPersonalAccessToken.request.decode(payload),
  async handle(ctx, session, request) {
    const user = sessionUser(ctx, session);
    const nameBytes = Buffer.byteLength(request.name, 'utf8');
    if (nameBytes < PROTOCOL.tokenNameBytesMin || nameBytes > PROTOCOL.tokenNameBytesMax) {
      throw IggyError.of('InvalidPersonalAccessTokenName', `token name must be ${PROTOCOL.tokenNameBytesMin}..=${PROTOCOL.tokenNameBytesMax} bytes, got ${nameBytes}`);
    }
    const tokens = ctx.storage.listPersonalAccessTokens(user.id);
    const max = ctx.config.personal_access_token.max_tokens_per_user;
    if (tokens.length >= max) throw IggyError.of('PersonalAccessTokensLimitReached', `user ${user.id} has ${tokens.length} of ${max} tokens`);
    if (tokens.some((t) => t.name === request.name)) {
      throw IggyError.of('PersonalAccessTokenAlreadyExists', `token "${request.name}" exists for user ${user.id}`);
    }
    const token = generateToken();
    await ctx.storage.createPersonalAccessToken({
      userId: user.id,
      name: request.name,
      tokenHash: hashToken(token),
      expiryAtUs: tokenExpiryAtUs(nowUs(), request.expiryUs),
    });
    return encodeReply(createPersonalAccessToken.response, { token });
  },
};
