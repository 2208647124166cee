// ChangePassword (37): both passwords 3..=100 bytes (44) first; unknown user
// -> 20; another user's password needs manage_users; the current password must
// match (42), even for admins (§8.14).
import { IggyError } from '../../../errors/iggy_error.js';
import { changePassword, type ChangePasswordRequest } from '../../../protocol/commands/users/change_password.js';
import { Identifier } from '../../../protocol/types.js';
import { hashPassword, verifyPassword } from '../../auth/password.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';
import { sessionUser } from '../../session_user.js';
import { checkPassword } from './validate.js';

export const changePasswordHandler: CommandHandler<ChangePasswordRequest> = {
  code: changePassword.code,
  name: changePassword.name,
  requiresAuth: true,
  decode: (payload) => changePassword.request.decode(payload),
  async handle(ctx, session, request) {
    const me = sessionUser(ctx, session);
    checkPassword(request.currentPassword);
    checkPassword(request.newPassword);
    const target = ctx.storage.findUser(request.userId);
    if (target === undefined) throw IggyError.of('ResourceNotFound', `user ${Identifier.toString(request.userId)}`);
    if (target.id !== me.id) ctx.authorizer.authorize(me, 'manage_users');
    if (!(await verifyPassword(request.currentPassword, target.passwordHash))) {
      throw IggyError.of('InvalidCredentials', 'current password does not match');
    }
    await ctx.storage.changePasswordHash({ kind: 'numeric', value: target.id }, await hashPassword(request.newPassword));
    return EMPTY_REPLY;
  },
};
