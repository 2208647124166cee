// GetUser (31): oneself needs no permission, another user read_users or
// manage_users. The target is resolved first: unknown -> empty OK, even
// without permission (BINARY.md §5.2, §8.8).
import { getUser, type GetUserRequest } from '../../../protocol/commands/users/get_user.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';
import { encodeReply } from '../../dispatch.js';
import { sessionUser } from '../../session_user.js';

export const getUserHandler: CommandHandler<GetUserRequest> = {
  code: getUser.code,
  name: getUser.name,
  requiresAuth: true,
  decode: (payload) => getUser.request.decode(payload),
  handle(ctx, session, request) {
    const me = sessionUser(ctx, session);
    const target = ctx.storage.findUser(request.userId);
    if (target === undefined) return EMPTY_REPLY;
    if (target.id !== me.id) ctx.authorizer.authorize(me, 'read_users');
    return encodeReply(getUser.response, target);
  },
};
