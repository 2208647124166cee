// A consumer group named by the [stream][topic][group] identifiers of
// Delete/Join/LeaveConsumerGroup: 1009, 2010 or ConsumerGroupIdNotFound (5000).
import type { StreamTopicGroup } from '../../../protocol/commands/stream_topic.js';
import type { Identifier } from '../../../protocol/types.js';
import type { ConsumerGroupInfo } from '../../../storage/types.js';
import type { ServerContext } from '../../context.js';
import { numericIds, resolveTopic } from '../streams/resolve.js';

export function resolveGroup(ctx: ServerContext, request: StreamTopicGroup): { group: ConsumerGroupInfo; streamId: Identifier; topicId: Identifier } {
  const { streamId, topicId } = numericIds(resolveTopic(ctx, request.streamId, request.topicId));
  return { group: ctx.storage.getConsumerGroup(streamId, topicId, request.groupId), streamId, topicId };
}
