// GetPersonalAccessTokens: the caller's own tokens, name and expiry (null =
// never), sorted by name (BINARY.md §8.17). Raw tokens are never stored.
import type {
  GetPersonalAccessTokensRequest,
  GetPersonalAccessTokensResponse,
} from '../../../protocol/commands/personal_access_tokens/get_personal_access_tokens.js';
import type { Operation } from '../principal.js';

export const getPersonalAccessTokens: Operation<GetPersonalAccessTokensRequest, GetPersonalAccessTokensResponse> = (ctx, principal) =>
  ctx.users
    .listPersonalAccessTokens(principal.user.id)
    .map((t) => ({ name: t.name, expiryAtUs: t.expiryAtUs }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
