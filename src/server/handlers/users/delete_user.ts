// DeleteUser (34): manage_users first; unknown -> ResourceNotFound (20); root
// -> CannotDeleteUser (48). Removes the user and its tokens; its sessions are
// logged out (they stay connected, unauthenticated) (§8.11).
import { IggyError } from '../../../errors/iggy_error.js';
import { deleteUser, type DeleteUserRequest } from '../../../protocol/commands/users/delete_user.js';
import { Identifier } from '../../../protocol/types.js';
import { ROOT_USER_ID } from '../../auth/root_user.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';
import { sessionUser } from '../../session_user.js';

export const deleteUserHandler: CommandHandler<DeleteUserRequest> = {
  code: deleteUser.code,
  name: deleteUser.name,
  requiresAuth: true,
  decode: (payload) => deleteUser.request.decode(payload),
  async handle(ctx, session, request) {
    ctx.authorizer.authorize(sessionUser(ctx, session), 'manage_users');
    const target = ctx.storage.findUser(request.userId);
    if (target === undefined) throw IggyError.of('ResourceNotFound', `user ${Identifier.toString(request.userId)}`);
    if (target.id === ROOT_USER_ID) throw IggyError.of('CannotDeleteUser', 'the root user cannot be deleted');
    for (const token of ctx.storage.listPersonalAccessTokens(target.id)) {
      await ctx.storage.deletePersonalAccessToken(target.id, token.name);
    }
    await ctx.storage.deleteUser({ kind: 'numeric', value: target.id });
    ctx.clients.logoutUser(target.id);
    return EMPTY_REPLY;
  },
};
