// GetConsumerGroup: stream, topic or group missing -> null (binary: empty OK)
// even without permission; an existing group needs read_topic (BINARY.md
// §5.2, §8.42). The ConsumerGroupRecord and one MemberRecord per member.
// HTTP answers a missing one 404 with the precise code (HTTP.md §5.7): on
// null it takes that from resolveGroup (1009/2010/5000, resolve_group.ts).
import type { GetConsumerGroupRequest, GetConsumerGroupResponse } from '../../../protocol/commands/consumer_groups/get_consumer_group.js';
import type { Operation } from '../principal.js';
import { findTopic, numericIds } from '../streams/resolve.js';
import { groupRecord, memberRecords } from './group_record.js';

export const getConsumerGroup: Operation<GetConsumerGroupRequest, GetConsumerGroupResponse> = (ctx, principal, request) => {
  const target = findTopic(ctx, request.streamId, request.topicId);
  if (target === undefined) return null;
  const { streamId, topicId } = numericIds(target);
  const group = ctx.storage.findConsumerGroup(streamId, topicId, request.groupId);
  if (group === undefined) return null;
  ctx.authorizer.authorize(principal.user, 'read_topic', target.stream.id, target.topic.id);
  const members = memberRecords(ctx, group);
  return { group: { ...groupRecord(ctx, group), membersCount: members.length }, members };
};
