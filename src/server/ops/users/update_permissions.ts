// UpdatePermissions: manage_users first; unknown -> 20; root ->
// CannotChangePermissions (49). Absent permissions clear them (BINARY.md §8.13).
import { IggyError } from '../../../errors/iggy_error.js';
import type { UpdatePermissionsRequest } from '../../../protocol/commands/users/update_permissions.js';
import { ROOT_USER_ID } from '../../auth/root_user.js';
import type { Operation } from '../principal.js';
import { requireUser } from './require_user.js';

export const updatePermissions: Operation<UpdatePermissionsRequest, void> = async (ctx, principal, request) => {
  ctx.authorizer.authorize(principal.user, 'manage_users');
  const target = requireUser(ctx, request.userId);
  if (target.id === ROOT_USER_ID) throw IggyError.of('CannotChangePermissions', 'the root user keeps all permissions');
  await ctx.users.updatePermissions({ kind: 'numeric', value: target.id }, request.permissions);
};
