// GetUsers (32): read_users or manage_users; UserRecords ascending by id (§8.9).
import { getUsers } from '../../../protocol/commands/users/get_users.js';
import type { CommandHandler } from '../../context.js';
import { encodeReply } from '../../dispatch.js';
import { sessionUser } from '../../session_user.js';

export const getUsersHandler: CommandHandler<void> = {
  code: getUsers.code,
  name: getUsers.name,
  requiresAuth: true,
  decode: (payload) => getUsers.request.decode(payload),
  handle(ctx, session) {
    ctx.authorizer.authorize(sessionUser(ctx, session), 'read_users');
    const users = ctx.storage.listUsers().sort((a, b) => a.id - b.id);
    return encodeReply(getUsers.response, users);
  },
};
