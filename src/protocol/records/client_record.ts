// ClientRecord (BINARY.md §8.0), 17 + A bytes:
//   [client_id u32][user_id u32 (0xFFFFFFFF = not logged in)][transport u8]
//   [address str32][consumer_groups_count u32 G]
// ClientDetails = ClientRecord + G × [stream_id u32][topic_id u32][group_id u32].
import { type Reader, type Writer, str32SizeBytes } from '../reader.js';
import type { Transport } from '../types.js';
import { readTransport } from './enums.js';

const NO_USER = 0xffff_ffff;

export interface ClientRecord {
  clientId: number;
  /** null = not logged in (u32::MAX on the wire). */
  userId: number | null;
  transport: Transport;
  address: string;
  consumerGroupsCount: number;
}

export interface ClientConsumerGroup {
  streamId: number;
  topicId: number;
  groupId: number;
}

/** consumerGroupsCount is written as consumerGroups.length. */
export interface ClientDetails extends ClientRecord {
  consumerGroups: ClientConsumerGroup[];
}

export const clientRecordSizeBytes = (client: ClientRecord): number => 13 + str32SizeBytes(client.address);

function writeClientHead(writer: Writer, client: ClientRecord, groupsCount: number): void {
  writer.u32(client.clientId).u32(client.userId ?? NO_USER).u8(client.transport).str32(client.address).u32(groupsCount);
}

export function writeClientRecord(writer: Writer, client: ClientRecord): void {
  writeClientHead(writer, client, client.consumerGroupsCount);
}

export function readClientRecord(reader: Reader): ClientRecord {
  const clientId = reader.u32('client id');
  const userId = reader.u32('user id');
  const transport = readTransport(reader);
  const address = reader.str32('address');
  const consumerGroupsCount = reader.u32('consumer_groups_count');
  return { clientId, userId: userId === NO_USER ? null : userId, transport, address, consumerGroupsCount };
}

export const clientDetailsSizeBytes = (client: ClientDetails): number => clientRecordSizeBytes(client) + 12 * client.consumerGroups.length;

export function writeClientDetails(writer: Writer, client: ClientDetails): void {
  writeClientHead(writer, client, client.consumerGroups.length);
  for (const group of client.consumerGroups) writer.u32(group.streamId).u32(group.topicId).u32(group.groupId);
}

export function readClientDetails(reader: Reader): ClientDetails {
  const record = readClientRecord(reader);
  reader.need(12 * record.consumerGroupsCount, 'client consumer groups');
  const consumerGroups: ClientConsumerGroup[] = [];
  for (let i = 0; i < record.consumerGroupsCount; i++) {
    consumerGroups.push({ streamId: reader.u32('stream id'), topicId: reader.u32('topic id'), groupId: reader.u32('group id') });
  }
  return { ...record, consumerGroups };
}
