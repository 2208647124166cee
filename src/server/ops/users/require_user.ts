// The user an admin command names: ResourceNotFound (20) when unknown, as
// Iggy answers for Update/Delete/UpdatePermissions/ChangePassword.
import { IggyError } from '../../../errors/iggy_error.js';
import type { UserInfo } from '../../../protocol/model.js';
import { Identifier } from '../../../protocol/types.js';
import type { ServerContext } from '../../context.js';

export function requireUser(ctx: ServerContext, userId: Identifier): UserInfo {
  const user = ctx.users.findUser(userId);
  if (user === undefined) throw IggyError.of('ResourceNotFound', `user ${Identifier.toString(userId)}`);
  return user;
}
