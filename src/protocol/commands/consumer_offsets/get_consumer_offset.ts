// GetConsumerOffset — 120 (BINARY.md §8.24).
// Request: [Consumer][stream_id Identifier][topic_id Identifier][OptPartition].
// Response (20 bytes): [partition_id u32][current_offset u64][stored_offset u64],
// or empty (→ null) when nothing is stored or the target is missing.
import { type CommandCodec, defineCodec, nullableCodec } from '../../codec.js';
import type { ConsumerOffsetInfo } from '../../model.js';
import { type ConsumerOffsetTarget, consumerOffsetTargetSizeBytes, readConsumerOffsetTarget, writeConsumerOffsetTarget } from './consumer_offset_target.js';

export type GetConsumerOffsetRequest = ConsumerOffsetTarget;
export type GetConsumerOffsetResponse = ConsumerOffsetInfo | null;

export const getConsumerOffset: CommandCodec<GetConsumerOffsetRequest, GetConsumerOffsetResponse> = {
  code: 120,
  name: 'GetConsumerOffset',
  request: defineCodec(consumerOffsetTargetSizeBytes, writeConsumerOffsetTarget, readConsumerOffsetTarget),
  response: nullableCodec(
    defineCodec<ConsumerOffsetInfo>(
      () => 20,
      (w, v) => w.u32(v.partitionId).u64(v.currentOffset).u64(v.storedOffset),
      (reader) => {
        const partitionId = reader.u32('partition id');
        const currentOffset = reader.u64('current offset');
        return { partitionId, currentOffset, storedOffset: reader.u64('stored offset') };
      },
    ),
  ),
};
