// The data-plane handlers: messages, consumer offsets, streams, topics,
// partitions, segments and consumer groups (BINARY.md §8.21–§8.47). The
// registry (handlers/index.ts) appends them to the control-plane handlers.
import type { CommandHandler } from '../context.js';
import { createConsumerGroupHandler } from './consumer_groups/create_consumer_group.js';
import { deleteConsumerGroupHandler } from './consumer_groups/delete_consumer_group.js';
import { getConsumerGroupHandler } from './consumer_groups/get_consumer_group.js';
import { getConsumerGroupsHandler } from './consumer_groups/get_consumer_groups.js';
import { joinConsumerGroupHandler } from './consumer_groups/join_consumer_group.js';
import { leaveConsumerGroupHandler } from './consumer_groups/leave_consumer_group.js';
import { deleteConsumerOffsetHandler } from './consumer_offsets/delete_consumer_offset.js';
import { getConsumerOffsetHandler } from './consumer_offsets/get_consumer_offset.js';
import { storeConsumerOffsetHandler } from './consumer_offsets/store_consumer_offset.js';
import { flushUnsavedBufferHandler } from './messages/flush_unsaved_buffer.js';
import { pollMessagesHandler } from './messages/poll_messages.js';
import { sendMessagesHandler } from './messages/send_messages.js';
import { createPartitionsHandler } from './partitions/create_partitions.js';
import { deletePartitionsHandler } from './partitions/delete_partitions.js';
import { deleteSegmentsHandler } from './segments/delete_segments.js';
import { createStreamHandler } from './streams/create_stream.js';
import { deleteStreamHandler } from './streams/delete_stream.js';
import { getStreamHandler } from './streams/get_stream.js';
import { getStreamsHandler } from './streams/get_streams.js';
import { purgeStreamHandler } from './streams/purge_stream.js';
import { updateStreamHandler } from './streams/update_stream.js';
import { createTopicHandler } from './topics/create_topic.js';
import { deleteTopicHandler } from './topics/delete_topic.js';
import { getTopicHandler } from './topics/get_topic.js';
import { getTopicsHandler } from './topics/get_topics.js';
import { purgeTopicHandler } from './topics/purge_topic.js';
import { updateTopicHandler } from './topics/update_topic.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each handler has its own request type
export const DATA_PLANE_HANDLERS: readonly CommandHandler<any>[] = [
  pollMessagesHandler,
  sendMessagesHandler,
  flushUnsavedBufferHandler,
  getConsumerOffsetHandler,
  storeConsumerOffsetHandler,
  deleteConsumerOffsetHandler,
  getStreamHandler,
  getStreamsHandler,
  createStreamHandler,
  deleteStreamHandler,
  updateStreamHandler,
  purgeStreamHandler,
  getTopicHandler,
  getTopicsHandler,
  createTopicHandler,
  deleteTopicHandler,
  updateTopicHandler,
  purgeTopicHandler,
  createPartitionsHandler,
  deletePartitionsHandler,
  deleteSegmentsHandler,
  getConsumerGroupHandler,
  getConsumerGroupsHandler,
  createConsumerGroupHandler,
  deleteConsumerGroupHandler,
  joinConsumerGroupHandler,
  leaveConsumerGroupHandler,
];
