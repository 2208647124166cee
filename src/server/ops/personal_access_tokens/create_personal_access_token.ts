// CreatePersonalAccessToken: name 3..=30 bytes (50); at most
// personal_access_token.max_tokens_per_user per user (52); name unique per
// user (51). The raw token, shown this once; only its SHA-256 digest is
// stored (BINARY.md §8.18). Expiry: µs from now, 0 or u64::MAX = never.
import { IggyError } from '../../../errors/iggy_error.js';
import { PROTOCOL } from '../../../limits.js';
import type {
  CreatePersonalAccessTokenRequest,
  CreatePersonalAccessTokenResponse,
} from '../../../protocol/commands/personal_access_tokens/create_personal_access_token.js';
import { generateToken, hashToken, tokenExpiryAtUs } from '../../auth/token.js';
import { nowUs } from '../../clients.js';
import type { Operation } from '../principal.js';

function checkTokenName(name: string): void {
  const nameBytes = Buffer.byteLength(name, 'utf8');
  if (nameBytes < PROTOCOL.tokenNameBytesMin || nameBytes > PROTOCOL.tokenNameBytesMax) {
    throw IggyError.of('InvalidPersonalAccessTokenName', `token name must be ${PROTOCOL.tokenNameBytesMin}..=${PROTOCOL.tokenNameBytesMax} bytes, got ${nameBytes}`);
  }
}

export const createPersonalAccessToken: Operation<CreatePersonalAccessTokenRequest, CreatePersonalAccessTokenResponse> = async (ctx, principal, request) => {
  const user = principal.user;
  checkTokenName(request.name);
  const tokens = ctx.users.listPersonalAccessTokens(user.id);
  const max = ctx.config.personal_access_token.max_tokens_per_user;
  if (tokens.length >= max) throw IggyError.of('PersonalAccessTokensLimitReached', `user ${user.id} has ${tokens.length} of ${max} tokens`);
  if (tokens.some((t) => t.name === request.name)) {
    throw IggyError.of('PersonalAccessTokenAlreadyExists', `token "${request.name}" exists for user ${user.id}`);
  }
  const token = generateToken();
  await ctx.users.createPersonalAccessToken({
    userId: user.id,
    name: request.name,
    tokenHash: hashToken(token),
    expiryAtUs: tokenExpiryAtUs(nowUs(), request.expiryUs),
  });
  return { token };
};
