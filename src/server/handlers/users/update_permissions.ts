// UpdatePermissions (36): manage_users first; unknown -> 20; root ->
// CannotChangePermissions (49). Absent permissions clear them (§8.13).
import { IggyError } from '../../../errors/iggy_error.js';
import { updatePermissions, type UpdatePermissionsRequest } from '../../../protocol/commands/users/update_permissions.js';
import { Identifier } from '../../../protocol/types.js';
import { ROOT_USER_ID } from '../../auth/root_user.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';
import { sessionUser } from '../../session_user.js';

export const updatePermissionsHandler: CommandHandler<UpdatePermissionsRequest> = {
  code: updatePermissions.code,
  name: updatePermissions.name,
  requiresAuth: true,
  decode: (payload) => updatePermissions.request.decode(payload),
  async handle(ctx, session, request) {
    ctx.authorizer.authorize(sessionUser(ctx, session), 'manage_users');
    const target = ctx.storage.findUser(request.userId);
    if (target === undefined) throw IggyError.of('ResourceNotFound', `user ${Identifier.toString(request.userId)}`);
    if (target.id === ROOT_USER_ID) throw IggyError.of('CannotChangePermissions', 'the root user keeps all permissions');
    await ctx.storage.updatePermissions({ kind: 'numeric', value: target.id }, request.permissions);
    return EMPTY_REPLY;
  },
};
