// UpdatePermissions (36): decode -> op -> empty reply.
import { updatePermissions as command, type UpdatePermissionsRequest } from '../../../protocol/commands/users/update_permissions.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';
import { sessionPrincipal } from '../../ops/principal.js';
import { updatePermissions } from '../../ops/users/update_permissions.js';

export const updatePermissionsHandler: CommandHandler<UpdatePermissionsRequest> = {
  code: command.code,
  name: command.name,
  requiresAuth: true,
  decode: (payload) => command.request.decode(payload),
  async handle(ctx, session, request) {
    await updatePermissions(ctx, sessionPrincipal(ctx, session), request);
    return EMPTY_REPLY;
  },
};
