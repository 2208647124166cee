// DeleteConsumerGroup: 1009, 2010, 5000 (the target first), then read_topic
// (BINARY.md §8.45). Storage drops the definition and stored offsets; the
// coordinator drops the membership.
import type { DeleteConsumerGroupRequest } from '../../../protocol/commands/consumer_groups/delete_consumer_group.js';
import type { Operation } from '../principal.js';
import { groupKeyOf } from '../streams/resolve.js';
import { resolveGroup } from './resolve_group.js';

export const deleteConsumerGroup: Operation<DeleteConsumerGroupRequest, void> = async (ctx, principal, request) => {
  const { group, streamId, topicId } = resolveGroup(ctx, request);
  ctx.authorizer.authorize(principal.user, 'read_topic', group.streamId, group.topicId);
  await ctx.storage.deleteConsumerGroup(streamId, topicId, { kind: 'numeric', value: group.id });
  ctx.groups.removeGroup(groupKeyOf(group));
};
