// ChangePassword: both passwords 3..=100 bytes (44) first; unknown user ->
// 20; another user's password needs manage_users; the current password must
// match (42), even for admins (BINARY.md §8.14).
import { IggyError } from '../../../errors/iggy_error.js';
import type { ChangePasswordRequest } from '../../../protocol/commands/users/change_password.js';
import { hashPassword, verifyPassword } from '../../auth/password.js';
import type { Operation } from '../principal.js';
import { requireUser } from './require_user.js';
import { checkPassword } from './validate.js';

export const changePassword: Operation<ChangePasswordRequest, void> = async (ctx, principal, request) => {
  checkPassword(request.currentPassword);
  checkPassword(request.newPassword);
  const target = requireUser(ctx, request.userId);
  if (target.id !== principal.user.id) ctx.authorizer.authorize(principal.user, 'manage_users');
  if (!(await verifyPassword(request.currentPassword, target.passwordHash))) {
    throw IggyError.of('InvalidCredentials', 'current password does not match');
  }
  await ctx.users.changePasswordHash({ kind: 'numeric', value: target.id }, await hashPassword(request.newPassword));
};
