// GetConsumerOffset (120): stream or topic missing -> empty OK; otherwise the
// poll permission (41). Everything after the permission check that fails —
// missing group or partition, a group partition that cannot be resolved for
// this client — and "nothing stored" is an empty OK too (BINARY.md §8.24).
// A group needs no membership when the partition is explicit; without one,
// the member's current partition is used (not advancing its counter).
import { IggyError } from '../../../errors/iggy_error.js';
import { getConsumerOffset, type GetConsumerOffsetRequest } from '../../../protocol/commands/consumer_offsets/get_consumer_offset.js';
import { EMPTY_REPLY, type CommandHandler, type Reply } from '../../context.js';
import { encodeReply } from '../../dispatch.js';
import { sessionUser } from '../../session_user.js';
import { findTopic, numericIds } from '../streams/resolve.js';
import { findConsumer } from './resolve_consumer.js';

export const getConsumerOffsetHandler: CommandHandler<GetConsumerOffsetRequest> = {
  code: getConsumerOffset.code,
  name: getConsumerOffset.name,
  requiresAuth: true,
  decode: (payload) => getConsumerOffset.request.decode(payload),
  handle(ctx, session, request): Reply {
    const user = sessionUser(ctx, session);
    const target = findTopic(ctx, request.streamId, request.topicId);
    if (target === undefined) return EMPTY_REPLY;
    ctx.authorizer.authorize(user, 'poll_messages', target.stream.id, target.topic.id);
    try {
      const ids = numericIds(target);
      const consumer = findConsumer(ctx, ids, request.consumer);
      if (consumer === undefined) return EMPTY_REPLY;
      const explicit = request.partitionId ?? null;
      const partitionId =
        consumer.group === null || explicit !== null ? (explicit ?? 0) : ctx.groups.resolveOffsetPartition(consumer.group, session.clientId, null);
      const offset = ctx.storage.getConsumerOffset(ids.streamId, ids.topicId, partitionId, consumer.key);
      return offset === undefined ? EMPTY_REPLY : encodeReply(getConsumerOffset.response, offset);
    } catch (error) {
      if (error instanceof IggyError) return EMPTY_REPLY;
      throw error;
    }
  },
};
