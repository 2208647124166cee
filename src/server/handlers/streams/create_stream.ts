// CreateStream (202): global manage_streams, checked before anything else
// (BINARY.md §5.2); a taken name -> 1012. Replies with the new StreamRecord
// (clients decode it: an empty OK would break them, §9).
import { createStream, type CreateStreamRequest } from '../../../protocol/commands/streams/create_stream.js';
import type { CommandHandler } from '../../context.js';
import { encodeReply } from '../../dispatch.js';
import { sessionUser } from '../../session_user.js';

export const createStreamHandler: CommandHandler<CreateStreamRequest> = {
  code: createStream.code,
  name: createStream.name,
  requiresAuth: true,
  decode: (payload) => createStream.request.decode(payload),
  async handle(ctx, session, request) {
    ctx.authorizer.authorize(sessionUser(ctx, session), 'create_stream');
    const stream = await ctx.storage.createStream(request.name);
    return encodeReply(createStream.response, stream);
  },
};
