// The [Consumer][stream_id Identifier][topic_id Identifier][OptPartition] prefix
// of the consumer-offset commands (BINARY.md §8.24–8.26).
import { consumerSizeBytes, readConsumer, writeConsumer } from '../../consumer.js';
import { OPT_PARTITION_BYTES, readOptPartition, writeOptPartition } from '../../opt_partition.js';
import type { Reader, Writer } from '../../reader.js';
import type { Consumer } from '../../types.js';
import { type StreamTopic, readStreamTopic, streamTopicSizeBytes, writeStreamTopic } from '../stream_topic.js';

export interface ConsumerOffsetTarget extends StreamTopic {
  consumer: Consumer;
  /** null/undefined = absent (the server uses partition 0 or the group member's partition). */
  partitionId?: number | null;
}

export const consumerOffsetTargetSizeBytes = (r: ConsumerOffsetTarget): number => consumerSizeBytes(r.consumer) + streamTopicSizeBytes(r) + OPT_PARTITION_BYTES;

export function writeConsumerOffsetTarget(writer: Writer, r: ConsumerOffsetTarget): Writer {
  return writeOptPartition(writeStreamTopic(writeConsumer(writer, r.consumer), r), r.partitionId);
}

export function readConsumerOffsetTarget(reader: Reader): ConsumerOffsetTarget & { partitionId: number | null } {
  const consumer = readConsumer(reader);
  const { streamId, topicId } = readStreamTopic(reader);
  return { consumer, streamId, topicId, partitionId: readOptPartition(reader) };
}
