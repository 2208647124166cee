// Where a poll starts in one partition (BINARY.md §4.5): the offset asked for
// (nothing beyond the current one), the first message stamped at or after a
// timestamp, the first retained message, the last `count` messages, or the
// consumer's next unread offset. Null means "nothing to return".
import { IggyError } from '../../../errors/iggy_error.js';
import { PollingKind, type PollingStrategy } from '../../../protocol/types.js';
import type { ConsumerKey, PartitionReader } from '../../../storage/types.js';

export type PollStart = bigint | (() => bigint) | null;

export async function resolvePollStart(partition: PartitionReader, consumer: ConsumerKey, strategy: PollingStrategy, count: number): Promise<PollStart> {
  const current = partition.currentOffset;
  switch (strategy.kind) {
    case PollingKind.Offset:
      return strategy.value > current ? null : strategy.value;
    case PollingKind.Timestamp:
      return partition.offsetAtTimestamp(strategy.value);
    case PollingKind.First:
      return partition.firstOffset;
    case PollingKind.Last: {
      const wanted = BigInt(count) < current + 1n ? BigInt(count) : current + 1n;
      return current + 1n - wanted;
    }
    case PollingKind.Next:
      // Resolved when the read is planned: an overlapping auto-commit poll may have moved it.
      return () => {
        const stored = partition.getOffset(consumer);
        return stored === undefined ? partition.firstOffset : stored + 1n;
      };
    default:
      throw IggyError.of('InvalidCommand', `polling strategy ${String((strategy as PollingStrategy).kind)}`);
  }
}
