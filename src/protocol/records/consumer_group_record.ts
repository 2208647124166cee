// ConsumerGroupRecord (BINARY.md §8.0), 13 + N bytes:
//   [id u32][partitions_count u32][members_count u32][name Name]
// MemberRecord, 8 + 4·P bytes:
//   [member_id u32][partitions_count u32 P][partition_id u32 × P]
import { type Reader, type Writer, str8SizeBytes } from '../reader.js';

export interface ConsumerGroupRecord {
  id: number;
  name: string;
  partitionsCount: number;
  membersCount: number;
}

export interface MemberRecord {
  id: number;
  /** Assigned partition ids. */
  partitions: number[];
}

export const consumerGroupRecordSizeBytes = (group: ConsumerGroupRecord): number => 12 + str8SizeBytes(group.name);

export function writeConsumerGroupRecord(writer: Writer, group: ConsumerGroupRecord): void {
  writer.u32(group.id).u32(group.partitionsCount).u32(group.membersCount).name(group.name);
}

export function readConsumerGroupRecord(reader: Reader): ConsumerGroupRecord {
  const id = reader.u32('consumer group id');
  const partitionsCount = reader.u32('partitions_count');
  const membersCount = reader.u32('members_count');
  const name = reader.name('consumer group name');
  return { id, name, partitionsCount, membersCount };
}

export const memberRecordSizeBytes = (member: MemberRecord): number => 8 + 4 * member.partitions.length;

export function writeMemberRecord(writer: Writer, member: MemberRecord): void {
  writer.u32(member.id).u32(member.partitions.length);
  for (const partitionId of member.partitions) writer.u32(partitionId);
}

export function readMemberRecord(reader: Reader): MemberRecord {
  const id = reader.u32('member id');
  const count = reader.u32('member partitions_count');
  reader.need(4 * count, 'member partitions'); // before allocating for a hostile count
  const partitions: number[] = [];
  for (let i = 0; i < count; i++) partitions.push(reader.u32('member partition id'));
  return { id, partitions };
}
