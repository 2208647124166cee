// GetStream (200): a missing stream is an empty OK even without permission;
// an existing one needs read_stream (BINARY.md §5.2, §8.27). Replies with the
// StreamRecord and its TopicRecords ascending by id.
import { getStream, type GetStreamRequest } from '../../../protocol/commands/streams/get_stream.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';
import { encodeReply } from '../../dispatch.js';
import { sessionUser } from '../../session_user.js';

export const getStreamHandler: CommandHandler<GetStreamRequest> = {
  code: getStream.code,
  name: getStream.name,
  requiresAuth: true,
  decode: (payload) => getStream.request.decode(payload),
  handle(ctx, session, request) {
    const user = sessionUser(ctx, session);
    const stream = ctx.storage.findStream(request.streamId);
    if (stream === undefined) return EMPTY_REPLY;
    ctx.authorizer.authorize(user, 'read_stream', stream.id);
    const topics = ctx.storage.listTopics({ kind: 'numeric', value: stream.id });
    return encodeReply(getStream.response, { stream, topics });
  },
};
