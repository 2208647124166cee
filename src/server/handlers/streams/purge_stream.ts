// PurgeStream (205): 1009, then manage_stream; purges every topic of the
// stream (messages and stored offsets; topics and groups stay, §8.32).
import { purgeStream, type PurgeStreamRequest } from '../../../protocol/commands/streams/purge_stream.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';
import { sessionUser } from '../../session_user.js';

export const purgeStreamHandler: CommandHandler<PurgeStreamRequest> = {
  code: purgeStream.code,
  name: purgeStream.name,
  requiresAuth: true,
  decode: (payload) => purgeStream.request.decode(payload),
  async handle(ctx, session, request) {
    const user = sessionUser(ctx, session);
    const stream = ctx.storage.getStream(request.streamId);
    ctx.authorizer.authorize(user, 'manage_stream', stream.id);
    await ctx.storage.purgeStream({ kind: 'numeric', value: stream.id });
    return EMPTY_REPLY;
  },
};
