// Every command codec of Iggy 0.8.0 (BINARY.md §8), keyed by code, and each by name.
import type { CommandCodec } from '../codec.js';
import { ping } from './system/ping.js';
import { getStats } from './system/get_stats.js';
import { getSnapshot } from './system/get_snapshot.js';
import { getClusterMetadata } from './system/get_cluster_metadata.js';
import { getMe } from './system/get_me.js';
import { getClient } from './system/get_client.js';
import { getClients } from './system/get_clients.js';
import { getUser } from './users/get_user.js';
import { getUsers } from './users/get_users.js';
import { createUser } from './users/create_user.js';
import { deleteUser } from './users/delete_user.js';
import { updateUser } from './users/update_user.js';
import { updatePermissions } from './users/update_permissions.js';
import { changePassword } from './users/change_password.js';
import { loginUser } from './users/login_user.js';
import { logoutUser } from './users/logout_user.js';
import { getPersonalAccessTokens } from './personal_access_tokens/get_personal_access_tokens.js';
import { createPersonalAccessToken } from './personal_access_tokens/create_personal_access_token.js';
import { deletePersonalAccessToken } from './personal_access_tokens/delete_personal_access_token.js';
import { loginWithPersonalAccessToken } from './personal_access_tokens/login_with_personal_access_token.js';
import { pollMessages } from './messages/poll_messages.js';
import { sendMessages } from './messages/send_messages.js';
import { flushUnsavedBuffer } from './messages/flush_unsaved_buffer.js';
import { getConsumerOffset } from './consumer_offsets/get_consumer_offset.js';
import { storeConsumerOffset } from './consumer_offsets/store_consumer_offset.js';
import { deleteConsumerOffset } from './consumer_offsets/delete_consumer_offset.js';
import { getStream } from './streams/get_stream.js';
import { getStreams } from './streams/get_streams.js';
import { createStream } from './streams/create_stream.js';
import { deleteStream } from './streams/delete_stream.js';
import { updateStream } from './streams/update_stream.js';
import { purgeStream } from './streams/purge_stream.js';
import { getTopic } from './topics/get_topic.js';
import { getTopics } from './topics/get_topics.js';
import { createTopic } from './topics/create_topic.js';
import { deleteTopic } from './topics/delete_topic.js';
import { updateTopic } from './topics/update_topic.js';
import { purgeTopic } from './topics/purge_topic.js';
import { createPartitions } from './partitions/create_partitions.js';
import { deletePartitions } from './partitions/delete_partitions.js';
import { deleteSegments } from './segments/delete_segments.js';
import { getConsumerGroup } from './consumer_groups/get_consumer_group.js';
import { getConsumerGroups } from './consumer_groups/get_consumer_groups.js';
import { createConsumerGroup } from './consumer_groups/create_consumer_group.js';
import { deleteConsumerGroup } from './consumer_groups/delete_consumer_group.js';
import { joinConsumerGroup } from './consumer_groups/join_consumer_group.js';
import { leaveConsumerGroup } from './consumer_groups/leave_consumer_group.js';

export * from './system/ping.js';
export * from './system/get_stats.js';
export * from './system/get_snapshot.js';
export * from './system/get_cluster_metadata.js';
export * from './system/get_me.js';
export * from './system/get_client.js';
export * from './system/get_clients.js';
export * from './users/get_user.js';
export * from './users/get_users.js';
export * from './users/create_user.js';
export * from './users/delete_user.js';
export * from './users/update_user.js';
export * from './users/update_permissions.js';
export * from './users/change_password.js';
export * from './users/login_user.js';
export * from './users/logout_user.js';
export * from './personal_access_tokens/get_personal_access_tokens.js';
export * from './personal_access_tokens/create_personal_access_token.js';
export * from './personal_access_tokens/delete_personal_access_token.js';
export * from './personal_access_tokens/login_with_personal_access_token.js';
export * from './messages/poll_messages.js';
export * from './messages/send_messages.js';
export * from './messages/flush_unsaved_buffer.js';
export * from './consumer_offsets/get_consumer_offset.js';
export * from './consumer_offsets/store_consumer_offset.js';
export * from './consumer_offsets/delete_consumer_offset.js';
export * from './streams/get_stream.js';
export * from './streams/get_streams.js';
export * from './streams/create_stream.js';
export * from './streams/delete_stream.js';
export * from './streams/update_stream.js';
export * from './streams/purge_stream.js';
export * from './topics/get_topic.js';
export * from './topics/get_topics.js';
export * from './topics/create_topic.js';
export * from './topics/delete_topic.js';
export * from './topics/update_topic.js';
export * from './topics/purge_topic.js';
export * from './partitions/create_partitions.js';
export * from './partitions/delete_partitions.js';
export * from './segments/delete_segments.js';
export * from './consumer_groups/get_consumer_group.js';
export * from './consumer_groups/get_consumer_groups.js';
export * from './consumer_groups/create_consumer_group.js';
export * from './consumer_groups/delete_consumer_group.js';
export * from './consumer_groups/join_consumer_group.js';
export * from './consumer_groups/leave_consumer_group.js';
export * from './stream_topic.js';
export * from './consumer_offsets/consumer_offset_target.js';
export * from './messages/message_header.js';

// The table is for dispatch by code; each module's own const keeps its precise types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCommandCodec = CommandCodec<any, any, any, any>;

export const COMMANDS: Readonly<Record<number, AnyCommandCodec>> = Object.freeze(
  Object.fromEntries(
    [
      ping,
      getStats,
      getSnapshot,
      getClusterMetadata,
      getMe,
      getClient,
      getClients,
      getUser,
      getUsers,
      createUser,
      deleteUser,
      updateUser,
      updatePermissions,
      changePassword,
      loginUser,
      logoutUser,
      getPersonalAccessTokens,
      createPersonalAccessToken,
      deletePersonalAccessToken,
      loginWithPersonalAccessToken,
      pollMessages,
      sendMessages,
      flushUnsavedBuffer,
      getConsumerOffset,
      storeConsumerOffset,
      deleteConsumerOffset,
      getStream,
      getStreams,
      createStream,
      deleteStream,
      updateStream,
      purgeStream,
      getTopic,
      getTopics,
      createTopic,
      deleteTopic,
      updateTopic,
      purgeTopic,
      createPartitions,
      deletePartitions,
      deleteSegments,
      getConsumerGroup,
      getConsumerGroups,
      createConsumerGroup,
      deleteConsumerGroup,
      joinConsumerGroup,
      leaveConsumerGroup,
    ].map((command) => [command.code, command]),
  ),
);

/** The codec of a command code; undefined for an unknown code (→ InvalidCommand at dispatch). */
export function commandByCode(code: number): AnyCommandCodec | undefined {
  return Object.hasOwn(COMMANDS, code) ? COMMANDS[code] : undefined;
}
