// Target resolution shared by the data-plane handlers. Identifiers arrive as
// numeric ids or names; permissions are keyed by numeric ids (BINARY.md §5.1),
// so handlers resolve first, then authorize with the ids found. Mutating
// commands resolve before checking permission (§5.2): a missing target is
// 1009/2010/5000 even for a user without rights.
import { IggyError } from '../../../errors/iggy_error.js';
import type { Identifier } from '../../../protocol/types.js';
import type { ConsumerGroupInfo, StreamInfo, TopicInfo, UserInfo } from '../../../storage/types.js';
import type { Action, ServerContext } from '../../context.js';
import type { GroupKey } from '../../groups/types.js';

export interface ResolvedTopic {
  stream: StreamInfo;
  topic: TopicInfo;
}

/** Stream and topic, or StreamIdNotFound (1009) / TopicIdNotFound (2010). */
export function resolveTopic(ctx: ServerContext, streamId: Identifier, topicId: Identifier): ResolvedTopic {
  const stream = ctx.storage.getStream(streamId);
  const topic = ctx.storage.getTopic({ kind: 'numeric', value: stream.id }, topicId);
  return { stream, topic };
}

/** Stream and topic, or undefined when either is missing (the "empty OK" reads). */
export function findTopic(ctx: ServerContext, streamId: Identifier, topicId: Identifier): ResolvedTopic | undefined {
  const stream = ctx.storage.findStream(streamId);
  if (stream === undefined) return undefined;
  const topic = ctx.storage.findTopic({ kind: 'numeric', value: stream.id }, topicId);
  return topic === undefined ? undefined : { stream, topic };
}

/** Numeric identifiers of a resolved stream/topic, for storage calls after resolution. */
export function numericIds(target: ResolvedTopic): TopicIds {
  return { streamId: { kind: 'numeric', value: target.stream.id }, topicId: { kind: 'numeric', value: target.topic.id } };
}

export function groupKeyOf(group: ConsumerGroupInfo): GroupKey {
  return { streamId: group.streamId, topicId: group.topicId, groupId: group.id };
}

export interface TopicIds {
  streamId: Identifier;
  topicId: Identifier;
}

/**
 * The hot-path form of "resolve stream and topic (1009/2010), then authorize
 * (41)" for SendMessages, PollMessages, FlushUnsavedBuffer and the offset
 * commands. StreamInfo/TopicInfo sum the statistics of every partition, a
 * cost per request that grows with the topic; so when the user is allowed
 * with the ids as given (numeric ids, or a global right), the identifiers go
 * straight to storage, which answers 1009/2010 itself. Only a denial takes the
 * slow path that resolves names and decides between not-found and 41 — the
 * outcome is the same either way.
 */
export function authorizeTopicAction(ctx: ServerContext, user: UserInfo, action: Action, streamId: Identifier, topicId: Identifier): TopicIds {
  const numericStreamId = streamId.kind === 'numeric' ? streamId.value : undefined;
  const numericTopicId = topicId.kind === 'numeric' ? topicId.value : undefined;
  try {
    ctx.authorizer.authorize(user, action, numericStreamId, numericTopicId);
    return { streamId, topicId };
  } catch (error) {
    if (!(error instanceof IggyError)) throw error;
  }
  const target = resolveTopic(ctx, streamId, topicId);
  ctx.authorizer.authorize(user, action, target.stream.id, target.topic.id);
  return numericIds(target);
}
