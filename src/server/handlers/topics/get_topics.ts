// GetTopics (301): a missing stream is an empty OK; an existing one needs
// read_topics (BINARY.md §8.34). TopicRecords ascending by id, no partitions.
import { getTopics, type GetTopicsRequest } from '../../../protocol/commands/topics/get_topics.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';
import { encodeReply } from '../../dispatch.js';
import { sessionUser } from '../../session_user.js';

export const getTopicsHandler: CommandHandler<GetTopicsRequest> = {
  code: getTopics.code,
  name: getTopics.name,
  requiresAuth: true,
  decode: (payload) => getTopics.request.decode(payload),
  handle(ctx, session, request) {
    const user = sessionUser(ctx, session);
    const stream = ctx.storage.findStream(request.streamId);
    if (stream === undefined) return EMPTY_REPLY;
    ctx.authorizer.authorize(user, 'read_topics', stream.id);
    return encodeReply(getTopics.response, ctx.storage.listTopics({ kind: 'numeric', value: stream.id }));
  },
};
