// DeleteStream (203): 1009 first, then manage_stream (BINARY.md §5.2, §8.30).
// Storage removes topics, files, offsets and group definitions; the
// coordinator drops the in-memory membership of the stream's groups.
import { deleteStream, type DeleteStreamRequest } from '../../../protocol/commands/streams/delete_stream.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';
import { sessionUser } from '../../session_user.js';

export const deleteStreamHandler: CommandHandler<DeleteStreamRequest> = {
  code: deleteStream.code,
  name: deleteStream.name,
  requiresAuth: true,
  decode: (payload) => deleteStream.request.decode(payload),
  async handle(ctx, session, request) {
    const user = sessionUser(ctx, session);
    const stream = ctx.storage.getStream(request.streamId);
    ctx.authorizer.authorize(user, 'manage_stream', stream.id);
    await ctx.storage.deleteStream({ kind: 'numeric', value: stream.id });
    ctx.groups.removeStream(stream.id);
    return EMPTY_REPLY;
  },
};
