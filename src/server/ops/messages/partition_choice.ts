// Which partition a SendMessages batch goes to (BINARY.md §4.4): the one
// named (storage answers 3007 when it is missing), the next one round-robin
// (Balanced), or the xxHash32 of the key modulo the partition count
// (MessagesKey, as Iggy's server hashes it). An empty topic has nowhere to
// put a batch: 2010 for Balanced and 3008 for MessagesKey, as Iggy 0.8 answers.
import { IggyError } from '../../../errors/iggy_error.js';
import { PartitioningKind, type Partitioning } from '../../../protocol/types.js';
import type { TopicShape } from '../../../storage/types.js';
import type { ServerContext } from '../../context.js';

/** The round-robin position of each topic, keyed so that a topic reusing a deleted one's ids starts afresh. */
type Counters = Map<string, number>;

// Keyed by context rather than held in it (as the request metrics are): tests run several servers in one process.
const COUNTERS = new WeakMap<ServerContext, Counters>();

function countersOf(ctx: ServerContext): Counters {
  let counters = COUNTERS.get(ctx);
  if (counters === undefined) {
    counters = new Map();
    COUNTERS.set(ctx, counters);
  }
  return counters;
}

export function choosePartition(ctx: ServerContext, topic: TopicShape, partitioning: Partitioning): number {
  const count = topic.partitionsCount;
  switch (partitioning.kind) {
    case PartitioningKind.PartitionId:
      return partitioning.partitionId;
    case PartitioningKind.Balanced: {
      if (count === 0) throw IggyError.of('TopicIdNotFound', `topic ${topic.topicId} has no partitions`);
      const counters = countersOf(ctx);
      const key = `${topic.streamId}/${topic.topicId}/${topic.createdAtUs}`;
      const chosen = (counters.get(key) ?? 0) % count;
      counters.set(key, (chosen + 1) % count);
      return chosen;
    }
    case PartitioningKind.MessagesKey:
      if (count === 0) throw IggyError.of('NoPartitions', `topic ${topic.topicId} has no partitions`);
      return ctx.core.xxh32(partitioning.key) % count;
  }
}
