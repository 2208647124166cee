// GetConsumerGroups: stream or topic missing -> null; otherwise read_topic.
// ConsumerGroupRecords in id order, no member records (BINARY.md §8.43).
import type { GetConsumerGroupsRequest, GetConsumerGroupsResponse } from '../../../protocol/commands/consumer_groups/get_consumer_groups.js';
import type { Operation } from '../principal.js';
import { findTopic, numericIds } from '../streams/resolve.js';
import { groupRecord } from './group_record.js';

/**
 * Deviates from GetConsumerGroupsResponse (a list) by answering null for a
 * missing stream or topic: HTTP must tell "no such topic" (404 with
 * 1009/2010) from "no groups" ([]), which the binary reply, empty either way,
 * cannot. Which of 1009/2010 it is, HTTP takes from resolveTopic on null.
 */
export const getConsumerGroups: Operation<GetConsumerGroupsRequest, GetConsumerGroupsResponse | null> = (ctx, principal, request) => {
  const target = findTopic(ctx, request.streamId, request.topicId);
  if (target === undefined) return null;
  ctx.authorizer.authorize(principal.user, 'read_topic', target.stream.id, target.topic.id);
  const { streamId, topicId } = numericIds(target);
  const groups = ctx.storage.listConsumerGroups(streamId, topicId); // ascending id
  return groups.map((group) => groupRecord(ctx, group));
};
