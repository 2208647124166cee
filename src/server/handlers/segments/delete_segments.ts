// DeleteSegments (503): 1009, 2010, 3007 (the target, resolved first per
// BINARY.md §5.2), then manage_topic. Storage deletes up to segments_count of
// the oldest sealed segments, skipping any a stored offset still needs;
// deleting nothing is still OK (§8.41).
import { IggyError } from '../../../errors/iggy_error.js';
import { deleteSegments, type DeleteSegmentsRequest } from '../../../protocol/commands/segments/delete_segments.js';
import { EMPTY_REPLY, type CommandHandler } from '../../context.js';
import { sessionUser } from '../../session_user.js';
import { numericIds, resolveTopic } from '../streams/resolve.js';

export const deleteSegmentsHandler: CommandHandler<DeleteSegmentsRequest> = {
  code: deleteSegments.code,
  name: deleteSegments.name,
  requiresAuth: true,
  decode: (payload) => deleteSegments.request.decode(payload),
  async handle(ctx, session, request) {
    const user = sessionUser(ctx, session);
    const target = resolveTopic(ctx, request.streamId, request.topicId);
    // Partition ids are 0..count-1, contiguous (§7).
    if (request.partitionId >= target.topic.partitionsCount) {
      throw IggyError.of('PartitionNotFound', `partition ${request.partitionId} in topic ${target.topic.id} of stream ${target.stream.id}`);
    }
    ctx.authorizer.authorize(user, 'manage_topic', target.stream.id, target.topic.id);
    const { streamId, topicId } = numericIds(target);
    await ctx.storage.deleteSegments(streamId, topicId, request.partitionId, request.segmentsCount);
    return EMPTY_REPLY;
  },
};
