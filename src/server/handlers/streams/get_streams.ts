// GetStreams (201): global read_streams or manage_streams; StreamRecords
// ascending by id, an empty payload when there are none (BINARY.md §8.28).
import { getStreams } from '../../../protocol/commands/streams/get_streams.js';
import type { CommandHandler } from '../../context.js';
import { encodeReply } from '../../dispatch.js';
import { sessionUser } from '../../session_user.js';

export const getStreamsHandler: CommandHandler<void> = {
  code: getStreams.code,
  name: getStreams.name,
  requiresAuth: true,
  decode: (payload) => getStreams.request.decode(payload),
  handle(ctx, session) {
    ctx.authorizer.authorize(sessionUser(ctx, session), 'read_streams');
    return encodeReply(getStreams.response, ctx.storage.listStreams());
  },
};
