// UpdateStream (204): 1009, then manage_stream, then 1012 when another stream
// holds the name; renaming to the same name is a no-op OK (BINARY.md §8.31).
import { updateStream, type UpdateStreamRequest } from '../../../protocol/commands/streams/update_stream.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';
import { sessionUser } from '../../session_user.js';

export const updateStreamHandler: CommandHandler<UpdateStreamRequest> = {
  code: updateStream.code,
  name: updateStream.name,
  requiresAuth: true,
  decode: (payload) => updateStream.request.decode(payload),
  async handle(ctx, session, request) {
    const user = sessionUser(ctx, session);
    const stream = ctx.storage.getStream(request.streamId);
    ctx.authorizer.authorize(user, 'manage_stream', stream.id);
    await ctx.storage.updateStream({ kind: 'numeric', value: stream.id }, request.name);
    return EMPTY_REPLY;
  },
};
