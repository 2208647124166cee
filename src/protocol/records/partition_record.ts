// PartitionRecord (BINARY.md §8.0), 40 bytes:
// [id u32][created_at u64][segments_count u32][current_offset u64][size_bytes u64][messages_count u64]
import type { PartitionInfo } from '../model.js';
import type { Reader, Writer } from '../reader.js';

export type PartitionRecord = PartitionInfo;

export const PARTITION_RECORD_BYTES = 40;

export function writePartitionRecord(writer: Writer, partition: PartitionRecord): void {
  writer.u32(partition.id).u64(partition.createdAtUs).u32(partition.segmentsCount).u64(partition.currentOffset).u64(partition.sizeBytes).u64(partition.messagesCount);
}

export function readPartitionRecord(reader: Reader): PartitionRecord {
  const id = reader.u32('partition id');
  const createdAtUs = reader.u64('created_at');
  const segmentsCount = reader.u32('segments_count');
  const currentOffset = reader.u64('current_offset');
  const sizeBytes = reader.u64('size_bytes');
  const messagesCount = reader.u64('messages_count');
  return { id, createdAtUs, segmentsCount, currentOffset, sizeBytes, messagesCount };
}
