// UpdateUser (35): manage_users first; a new username 3..=50 bytes (43);
// unknown user -> 20; username taken by another user -> 46 (§8.12).
import { IggyError } from '../../../errors/iggy_error.js';
import { updateUser, type UpdateUserRequest } from '../../../protocol/commands/users/update_user.js';
import { Identifier, type UserStatus } from '../../../protocol/types.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';
import { sessionUser } from '../../session_user.js';
import { checkUsername } from './validate.js';

export const updateUserHandler: CommandHandler<UpdateUserRequest> = {
  code: updateUser.code,
  name: updateUser.name,
  requiresAuth: true,
  decode: (payload) => updateUser.request.decode(payload),
  async handle(ctx, session, request) {
    ctx.authorizer.authorize(sessionUser(ctx, session), 'manage_users');
    if (request.username != null) checkUsername(request.username);
    const target = ctx.storage.findUser(request.userId);
    if (target === undefined) throw IggyError.of('ResourceNotFound', `user ${Identifier.toString(request.userId)}`);
    const changes: { username?: string; status?: UserStatus } = {};
    if (request.username != null) {
      const holder = ctx.storage.findUser({ kind: 'string', value: request.username });
      if (holder !== undefined && holder.id !== target.id) throw IggyError.of('UserAlreadyExists', `user "${request.username}" exists`);
      changes.username = request.username;
    }
    if (request.status != null) changes.status = request.status;
    if (changes.username !== undefined || changes.status !== undefined) {
      await ctx.storage.updateUser({ kind: 'numeric', value: target.id }, changes);
    }
    return EMPTY_REPLY;
  },
};
