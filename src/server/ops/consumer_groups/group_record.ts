// ConsumerGroupRecord and MemberRecords of a group: the definition comes from
// storage, the membership (in memory only) from the coordinator.
import type { ConsumerGroupRecord, MemberRecord } from '../../../protocol/records/consumer_group_record.js';
import type { ConsumerGroupInfo } from '../../../storage/types.js';
import type { ServerContext } from '../../context.js';
import { groupKeyOf } from '../streams/resolve.js';

export function groupRecord(ctx: ServerContext, group: ConsumerGroupInfo): ConsumerGroupRecord {
  return { id: group.id, name: group.name, partitionsCount: group.partitionsCount, membersCount: ctx.groups.members(groupKeyOf(group)).length };
}

export function memberRecords(ctx: ServerContext, group: ConsumerGroupInfo): MemberRecord[] {
  return ctx.groups.members(groupKeyOf(group)).map((member) => ({ id: member.memberId, partitions: [...member.partitions] }));
}
