// DeleteSegments: 1009, 2010, 3007 (the target, resolved first per BINARY.md
// §5.2), then manage_topic. Storage deletes up to segments_count of the
// oldest sealed segments, skipping any a stored offset still needs; deleting
// nothing is still OK (§8.41).
import { IggyError } from '../../../errors/iggy_error.js';
import type { DeleteSegmentsRequest } from '../../../protocol/commands/segments/delete_segments.js';
import type { Operation } from '../principal.js';
import { numericIds, resolveTopic } from '../streams/resolve.js';

export const deleteSegments: Operation<DeleteSegmentsRequest, void> = async (ctx, principal, request) => {
  const target = resolveTopic(ctx, request.streamId, request.topicId);
  // Partition ids are 0..count-1, contiguous (§7).
  if (request.partitionId >= target.topic.partitionsCount) {
    throw IggyError.of('PartitionNotFound', `partition ${request.partitionId} in topic ${target.topic.id} of stream ${target.stream.id}`);
  }
  ctx.authorizer.authorize(principal.user, 'manage_topic', target.stream.id, target.topic.id);
  const { streamId, topicId } = numericIds(target);
  await ctx.storage.deleteSegments(streamId, topicId, request.partitionId, request.segmentsCount);
};
