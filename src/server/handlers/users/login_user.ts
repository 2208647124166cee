// LoginUser (38): no login needed. Shutting down -> Disconnected (8);
// username 3..=50 (43), password 3..=100 (44); unknown user -> 42; inactive ->
// 47 (checked before the password, as Iggy 0.8 does); wrong password -> 42.
// A digits-only username is a user id (BINARY.md §6 quirk). An unknown user
// still costs one hash, so response time does not reveal which names exist.
// Logging in again replaces the session's user.
import { IggyError } from '../../../errors/iggy_error.js';
import { loginUser, type LoginUserRequest } from '../../../protocol/commands/users/login_user.js';
import { UserStatus } from '../../../protocol/types.js';
import { hashPassword, verifyPassword } from '../../auth/password.js';
import type { CommandHandler } from '../../context.js';
import { encodeReply } from '../../dispatch.js';
import { checkPassword, checkUsername, loginIdentifier } from './validate.js';

let dummyHash: Promise<string> | null = null;

export const loginUserHandler: CommandHandler<LoginUserRequest> = {
  code: loginUser.code,
  name: loginUser.name,
  requiresAuth: false,
  decode: (payload) => loginUser.request.decode(payload),
  async handle(ctx, session, request) {
    if (ctx.runtime.shuttingDown) throw IggyError.of('Disconnected', 'the server is shutting down');
    checkUsername(request.username);
    checkPassword(request.password);
    const user = ctx.storage.findUser(loginIdentifier(request.username));
    if (user === undefined) {
      dummyHash ??= hashPassword('not a real password');
      await verifyPassword(request.password, await dummyHash);
      throw IggyError.of('InvalidCredentials', 'unknown user or wrong password');
    }
    if (user.status !== UserStatus.Active) throw IggyError.of('UserInactive', `user ${user.id} is inactive`);
    if (!(await verifyPassword(request.password, user.passwordHash))) {
      throw IggyError.of('InvalidCredentials', 'unknown user or wrong password');
    }
    session.userId = user.id;
    return encodeReply(loginUser.response, { userId: user.id });
  },
};
