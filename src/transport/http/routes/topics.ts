// Topic routes (HTTP.md §5.5): each a binding and its op (bound.ts).
import * as b from '../../../protocol/http/bindings/streams.js';
import { createTopic } from '../../../server/ops/topics/create_topic.js';
import { deleteTopic } from '../../../server/ops/topics/delete_topic.js';
import { getTopic } from '../../../server/ops/topics/get_topic.js';
import { getTopics } from '../../../server/ops/topics/get_topics.js';
import { purgeTopic } from '../../../server/ops/topics/purge_topic.js';
import { updateTopic } from '../../../server/ops/topics/update_topic.js';
import type { Route } from '../router.js';
import { boundRoute } from './bound.js';

export function topicRoutes(): Route[] {
  return [
    boundRoute(b.getTopicsBinding, getTopics, 'List the topics of a stream'),
    boundRoute(b.createTopicBinding, createTopic, 'Create a topic'),
    boundRoute(b.getTopicBinding, getTopic, 'Get a topic and its partitions'),
    boundRoute(b.updateTopicBinding, updateTopic, 'Update a topic'),
    boundRoute(b.deleteTopicBinding, deleteTopic, 'Delete a topic'),
    boundRoute(b.purgeTopicBinding, purgeTopic, 'Delete all messages of a topic'),
  ];
}
