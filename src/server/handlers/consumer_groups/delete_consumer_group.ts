// DeleteConsumerGroup (603): 1009, 2010, 5000 (the target first), then
// read_topic (§8.45). Storage drops the definition and stored offsets; the
// coordinator drops the membership.
import { deleteConsumerGroup, type DeleteConsumerGroupRequest } from '../../../protocol/commands/consumer_groups/delete_consumer_group.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';
import { sessionUser } from '../../session_user.js';
import { groupKeyOf } from '../streams/resolve.js';
import { resolveGroup } from './resolve_group.js';

export const deleteConsumerGroupHandler: CommandHandler<DeleteConsumerGroupRequest> = {
  code: deleteConsumerGroup.code,
  name: deleteConsumerGroup.name,
  requiresAuth: true,
  decode: (payload) => deleteConsumerGroup.request.decode(payload),
  async handle(ctx, session, request) {
    const user = sessionUser(ctx, session);
    const { group, streamId, topicId } = resolveGroup(ctx, request);
    ctx.authorizer.authorize(user, 'read_topic', group.streamId, group.topicId);
    await ctx.storage.deleteConsumerGroup(streamId, topicId, { kind: 'numeric', value: group.id });
    ctx.groups.removeGroup(groupKeyOf(group));
    return EMPTY_REPLY;
  },
};
