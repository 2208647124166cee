// Consumer group routes (HTTP.md §5.7), each a binding and its op (bound.ts).
// There are no join/leave routes: HTTP keeps no client to make a member.
// Iggy answers a missing stream, topic or group here with its precise code
// (404 with 1009/2010/5000), where the binary reply is just empty: the ops
// answer null, and the route asks the resolver which one is missing.
import * as b from '../../../protocol/http/bindings/groups.js';
import type { StreamTopic, StreamTopicGroup } from '../../../protocol/commands/stream_topic.js';
import type { ServerContext } from '../../../server/context.js';
import { resolveGroup } from '../../../server/ops/consumer_groups/resolve_group.js';
import { createConsumerGroup } from '../../../server/ops/consumer_groups/create_consumer_group.js';
import { deleteConsumerGroup } from '../../../server/ops/consumer_groups/delete_consumer_group.js';
import { getConsumerGroup } from '../../../server/ops/consumer_groups/get_consumer_group.js';
import { getConsumerGroups } from '../../../server/ops/consumer_groups/get_consumer_groups.js';
import type { Operation } from '../../../server/ops/principal.js';
import { resolveTopic } from '../../../server/ops/streams/resolve.js';
import type { Route } from '../router.js';
import { boundRoute } from './bound.js';

/**
 * The op, with its null ("nothing there") turned into the resolver's error.
 * Should the target appear between the two lookups, `fallback` answers.
 */
function explainNull<Request, Result>(op: Operation<Request, Result | null>, explain: (ctx: ServerContext, request: Request) => unknown, fallback: Result): Operation<Request, Result> {
  return async (ctx, principal, request) => {
    const result = await op(ctx, principal, request);
    if (result !== null) return result;
    explain(ctx, request); // throws 1009, 2010 or 5000
    return fallback;
  };
}

export function consumerGroupRoutes(): Route[] {
  const listGroups = explainNull(getConsumerGroups, (ctx, r: StreamTopic) => resolveTopic(ctx, r.streamId, r.topicId), []);
  const oneGroup = explainNull(getConsumerGroup, (ctx, r: StreamTopicGroup) => resolveGroup(ctx, r), null);
  return [
    boundRoute(b.getConsumerGroupsBinding, listGroups, 'List the consumer groups of a topic'),
    boundRoute(b.createConsumerGroupBinding, createConsumerGroup, 'Create a consumer group'),
    boundRoute(b.getConsumerGroupBinding, oneGroup, 'Get a consumer group and its members'),
    boundRoute(b.deleteConsumerGroupBinding, deleteConsumerGroup, 'Delete a consumer group'),
  ];
}
