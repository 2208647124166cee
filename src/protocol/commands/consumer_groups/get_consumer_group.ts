// GetConsumerGroup — 600 (BINARY.md §8.42).
// Request: [stream_id Identifier][topic_id Identifier][group_id Identifier].
// Response: ConsumerGroupRecord followed by MemberRecords, or empty (→ null)
// when any of them is not found. The decoder reads member records to the end.
import { type CommandCodec, defineCodec, nullableCodec } from '../../codec.js';
import {
  type ConsumerGroupRecord,
  type MemberRecord,
  consumerGroupRecordSizeBytes,
  memberRecordSizeBytes,
  readConsumerGroupRecord,
  readMemberRecord,
  writeConsumerGroupRecord,
  writeMemberRecord,
} from '../../records/consumer_group_record.js';
import { type StreamTopicGroup, readStreamTopicGroup, streamTopicGroupSizeBytes, writeStreamTopicGroup } from '../stream_topic.js';

export type GetConsumerGroupRequest = StreamTopicGroup;
export interface ConsumerGroupDetails {
  group: ConsumerGroupRecord;
  members: MemberRecord[];
}
export type GetConsumerGroupResponse = ConsumerGroupDetails | null;

export const getConsumerGroup: CommandCodec<GetConsumerGroupRequest, GetConsumerGroupResponse> = {
  code: 600,
  name: 'GetConsumerGroup',
  request: defineCodec(streamTopicGroupSizeBytes, writeStreamTopicGroup, readStreamTopicGroup),
  response: nullableCodec(
    defineCodec<ConsumerGroupDetails>(
      (v) => v.members.reduce((size, member) => size + memberRecordSizeBytes(member), consumerGroupRecordSizeBytes(v.group)),
      (w, v) => {
        writeConsumerGroupRecord(w, v.group);
        for (const member of v.members) writeMemberRecord(w, member);
      },
      (reader) => {
        const group = readConsumerGroupRecord(reader);
        const members: MemberRecord[] = [];
        while (reader.remaining > 0) members.push(readMemberRecord(reader));
        return { group, members };
      },
    ),
  ),
};
