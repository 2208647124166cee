// Consumer offset routes (HTTP.md §5.8), single consumers only: each a binding and its op (bound.ts).
import * as b from '../../../protocol/http/bindings/groups.js';
import { deleteConsumerOffset } from '../../../server/ops/consumer_offsets/delete_consumer_offset.js';
import { getConsumerOffset } from '../../../server/ops/consumer_offsets/get_consumer_offset.js';
import { storeConsumerOffset } from '../../../server/ops/consumer_offsets/store_consumer_offset.js';
import type { Route } from '../router.js';
import { boundRoute } from './bound.js';

export function consumerOffsetRoutes(): Route[] {
  return [
    boundRoute(b.getConsumerOffsetBinding, getConsumerOffset, "Get a consumer's stored offset"),
    boundRoute(b.storeConsumerOffsetBinding, storeConsumerOffset, "Store a consumer's offset"),
    boundRoute(b.deleteConsumerOffsetBinding, deleteConsumerOffset, "Delete a consumer's stored offset"),
  ];
}
