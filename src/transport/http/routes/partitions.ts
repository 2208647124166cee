// Partition and segment routes (HTTP.md §5.6): each a binding and its op (bound.ts).
import * as b from '../../../protocol/http/bindings/streams.js';
import { createPartitions } from '../../../server/ops/partitions/create_partitions.js';
import { deletePartitions } from '../../../server/ops/partitions/delete_partitions.js';
import { deleteSegments } from '../../../server/ops/segments/delete_segments.js';
import type { Route } from '../router.js';
import { boundRoute } from './bound.js';

export function partitionRoutes(): Route[] {
  return [
    boundRoute(b.createPartitionsBinding, createPartitions, 'Add partitions to a topic'),
    boundRoute(b.deletePartitionsBinding, deletePartitions, 'Remove the highest-numbered partitions'),
  ];
}

export function segmentRoutes(): Route[] {
  return [boundRoute(b.deleteSegmentsBinding, deleteSegments, 'Delete the oldest sealed segments of a partition')];
}
