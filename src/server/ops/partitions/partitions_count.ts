// The one partitions_count check of CreateTopic, CreatePartitions and
// DeletePartitions (BINARY.md §8.35, §8.39, §8.40): at most 1000 per request;
// CreateTopic may ask for 0, the partition commands at least 1. Runs before
// the target is resolved, as Iggy answers 2015 ahead of 1009/2010. (CreateTopic's
// codec also answers 2015 when the compression byte after the count is bad,
// since the count is checked first; storage keeps its own invariant checks.)
import { IggyError } from '../../../errors/iggy_error.js';
import { PROTOCOL } from '../../../limits.js';

export function checkPartitionsCount(partitionsCount: number, minimum: 0 | 1): void {
  if (partitionsCount >= minimum && partitionsCount <= PROTOCOL.partitionsPerRequestMax) return;
  throw IggyError.of('TooManyPartitions', `partitions_count ${partitionsCount} is not in ${minimum}..=${PROTOCOL.partitionsPerRequestMax}`);
}
