// Consumer group membership for a Consumer: create the group when asked (a
// race with another member creating it is fine), join it, and re-join on
// every reconnect, since membership ends with the connection. Browser-safe.
import { IggyError } from '../src/errors/iggy_error.js';
import { createConsumerGroup } from '../src/protocol/commands/consumer_groups/create_consumer_group.js';
import { joinConsumerGroup } from '../src/protocol/commands/consumer_groups/join_consumer_group.js';
import { type Id, type IggyClient, toIdentifier } from './client.js';

export interface GroupTarget {
  stream: Id;
  topic: Id;
  group: Id;
  /** Create the group when it does not exist (default true for a group given by name). */
  createGroup?: boolean;
}

/** Joins (creating the group if asked) and keeps the membership across reconnects; returns the undo of the re-join hook. */
export async function joinGroup(client: IggyClient, target: GroupTarget): Promise<() => void> {
  const { stream, topic, group } = target;
  await ensureGroup(client, target);
  await client.groups.join(stream, topic, group);
  // Re-joined by the session, after login and before any queued poll goes out.
  const removeHook = client.addSessionHook(async (call) => {
    await call(joinConsumerGroup, { streamId: toIdentifier(stream), topicId: toIdentifier(topic), groupId: toIdentifier(group) });
  });
  return () => void removeHook();
}

async function ensureGroup(client: IggyClient, { stream, topic, group, createGroup }: GroupTarget): Promise<void> {
  if (!(createGroup ?? typeof group === 'string')) return;
  if ((await client.groups.get(stream, topic, group)) !== null) return;
  if (typeof group !== 'string') throw IggyError.of('ConsumerGroupIdNotFound', `group ${group} cannot be created by id`);
  try {
    await client.send(createConsumerGroup, { streamId: toIdentifier(stream), topicId: toIdentifier(topic), name: group });
  } catch (error) {
    // Another member created it first: fine.
    if (!(error instanceof IggyError && error.errorName === 'ConsumerGroupNameAlreadyExists')) throw error;
  }
}
