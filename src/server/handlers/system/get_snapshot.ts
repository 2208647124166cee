// GetSnapshot (11): decode -> op -> the ZIP bytes as the reply. The response
// codec writes the archive unchanged, so the op's bytes go out without a copy.
import { getSnapshot as command, type GetSnapshotRequest } from '../../../protocol/commands/system/get_snapshot.js';
import type { CommandHandler } from '../../context.js';
import { sessionPrincipal } from '../../ops/principal.js';
import { getSnapshot } from '../../ops/system/get_snapshot.js';

export const getSnapshotHandler: CommandHandler<GetSnapshotRequest> = {
  code: command.code,
  name: command.name,
  requiresAuth: true,
  decode: (payload) => command.request.decode(payload),
  async handle(ctx, session, request) {
    return getSnapshot(ctx, sessionPrincipal(ctx, session), request);
  },
};
