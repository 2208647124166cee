// LogoutUser: a binary session stays open, unauthenticated (BINARY.md §8.16).
// Over HTTP there is no session; the route revokes the presented JWT itself
// (HTTP.md §2.3), which is token bookkeeping, not user-domain work.
import type { LogoutUserRequest } from '../../../protocol/commands/users/logout_user.js';
import type { Operation } from '../principal.js';

export const logoutUser: Operation<LogoutUserRequest, void> = (_ctx, principal) => {
  if (principal.session !== null) principal.session.userId = null;
};
