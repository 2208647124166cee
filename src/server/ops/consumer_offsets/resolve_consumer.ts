// Who an offset or poll belongs to (BINARY.md §3.2): a single consumer's
// numeric id (a string identifier is hashed with XXH32, seed 0, so two names
// that hash alike share offsets, as in Iggy), or a consumer group's id.
import { IggyError } from '../../../errors/iggy_error.js';
import type { Consumer } from '../../../protocol/types.js';
import { ConsumerKind } from '../../../protocol/types.js';
import type { ConsumerGroupInfo, ConsumerKey } from '../../../storage/types.js';
import type { ServerContext, Session } from '../../context.js';
import type { GroupKey } from '../../groups/types.js';
import type { TopicIds } from '../streams/resolve.js';

export interface ResolvedConsumer {
  key: ConsumerKey;
  /** The group's coordinator key; null for a single consumer. */
  group: GroupKey | null;
}

const utf8 = new TextEncoder();

function singleConsumer(ctx: ServerContext, consumer: Consumer): ResolvedConsumer {
  const id = consumer.id.kind === 'numeric' ? consumer.id.value : ctx.core.xxh32(utf8.encode(consumer.id.value));
  return { key: { kind: 'consumer', id }, group: null };
}

function groupConsumer(group: ConsumerGroupInfo): ResolvedConsumer {
  return { key: { kind: 'group', id: group.id }, group: { streamId: group.streamId, topicId: group.topicId, groupId: group.id } };
}

/** undefined when the consumer is a group that does not exist in the topic. */
export function findConsumer(ctx: ServerContext, { streamId, topicId }: TopicIds, consumer: Consumer): ResolvedConsumer | undefined {
  if (consumer.kind === ConsumerKind.Consumer) return singleConsumer(ctx, consumer);
  const group = ctx.storage.findConsumerGroup(streamId, topicId, consumer.id);
  return group === undefined ? undefined : groupConsumer(group);
}

/** As findConsumer, but a missing stream, topic or group is 1009, 2010 or ConsumerGroupIdNotFound (5000). */
export function resolveConsumer(ctx: ServerContext, { streamId, topicId }: TopicIds, consumer: Consumer): ResolvedConsumer {
  if (consumer.kind === ConsumerKind.Consumer) return singleConsumer(ctx, consumer);
  return groupConsumer(ctx.storage.getConsumerGroup(streamId, topicId, consumer.id));
}

/**
 * Partition of Store/DeleteConsumerOffset: a single consumer's explicit one
 * or 0; a group member's explicit (owned) one or its current round-robin
 * partition without advancing it (5006 not a member, 3022 otherwise; §8.25).
 * Membership belongs to a connected client, so a group's offsets need a
 * session (HTTP has none and serves single consumers only, HTTP.md §5.8).
 */
export function offsetPartition(ctx: ServerContext, session: Session | null, consumer: ResolvedConsumer, explicitPartitionId: number | null): number {
  if (consumer.group === null) return explicitPartitionId ?? 0;
  if (session === null) throw IggyError.of('FeatureUnavailable', 'consumer group offsets need a connected client (TCP, QUIC or WebSocket)');
  return ctx.groups.resolveOffsetPartition(consumer.group, session.clientId, explicitPartitionId);
}
