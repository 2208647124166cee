// Consumer groups and consumer offsets over HTTP (HTTP.md §5.7, §5.8). HTTP
// has no sessions, so there are no join/leave routes and the consumer of the
// offset routes is always a single consumer: a group consumer is refused
// with FeatureUnavailable (5) before anything is sent.
import { IggyError } from '../../../errors/iggy_error.js';
import { createConsumerGroup } from '../../commands/consumer_groups/create_consumer_group.js';
import { deleteConsumerGroup } from '../../commands/consumer_groups/delete_consumer_group.js';
import { getConsumerGroup } from '../../commands/consumer_groups/get_consumer_group.js';
import { getConsumerGroups } from '../../commands/consumer_groups/get_consumer_groups.js';
import { deleteConsumerOffset } from '../../commands/consumer_offsets/delete_consumer_offset.js';
import { getConsumerOffset } from '../../commands/consumer_offsets/get_consumer_offset.js';
import { storeConsumerOffset } from '../../commands/consumer_offsets/store_consumer_offset.js';
import type { StreamTopicGroup } from '../../commands/stream_topic.js';
import { type Consumer, ConsumerKind, type Identifier } from '../../types.js';
import { bind, bodyFields, byId, emptyResponse, jsonResponse, listResponse, nullableResponse } from '../binding.js';
import type { Fields } from '../fields.js';
import type { Writable } from '../json.js';
import { identifierText, parseIdentifier } from '../path.js';
import {
  consumerGroupDetailsJson, consumerGroupJson, consumerOffsetJson, readConsumerGroup, readConsumerGroupDetails, readConsumerOffset,
} from '../shapes.js';
import { idParam, nameField, query, readStreamTopic, readStreamTopicGroup, streamTopicGroupParams, streamTopicParams, TOPIC } from './params.js';

const GROUPS = `${TOPIC}/consumer-groups`;
const OFFSETS = `${TOPIC}/consumer-offsets`;
/** Iggy's default consumer id in the offset and poll queries. */
export const DEFAULT_HTTP_CONSUMER: Consumer = { kind: ConsumerKind.Consumer, id: { kind: 'numeric', value: 1 } };

/** The id of a single consumer; a group is refused (HTTP.md §1). */
export function singleConsumerId(consumer: Consumer): Identifier {
  if (consumer.kind !== ConsumerKind.Consumer) throw IggyError.of('FeatureUnavailable', 'consumer groups cannot be used for polling or offsets over HTTP');
  return consumer.id;
}

export const single = (id: Identifier): Consumer => ({ kind: ConsumerKind.Consumer, id });
const consumerIdJson = (id: Identifier): Writable => id.value;

/** consumer_id in a body: a number, or a name (text that is a u32 reads as that id, as in paths). */
function readConsumerIdField(f: Fields, key: string): Identifier {
  const value = f.raw(key);
  if (typeof value === 'string') return parseIdentifier(value, f.name(key));
  return { kind: 'numeric', value: f.u32(key) };
}

const groupOnly = { write: (r: StreamTopicGroup) => ({ params: streamTopicGroupParams(r), query: {} }), read: readStreamTopicGroup };

export const getConsumerGroupBinding = bind(getConsumerGroup, { method: 'GET', path: `${GROUPS}/:group_id` }, groupOnly, nullableResponse(consumerGroupDetailsJson, readConsumerGroupDetails));
export const getConsumerGroupsBinding = bind(
  getConsumerGroups,
  { method: 'GET', path: GROUPS },
  { write: (r) => ({ params: streamTopicParams(r), query: {} }), read: readStreamTopic },
  listResponse(consumerGroupJson, readConsumerGroup, byId),
);

/** Iggy answers 201 with the group's details (no members yet); the command's response is the group record. */
export const createConsumerGroupBinding = bind(
  createConsumerGroup,
  { method: 'POST', path: GROUPS },
  { write: (r) => ({ params: streamTopicParams(r), query: {}, body: { name: r.name } }), read: (r) => ({ ...readStreamTopic(r), name: nameField(bodyFields(r), 'name', 'InvalidConsumerGroupName') }) },
  jsonResponse(201, (g) => consumerGroupDetailsJson({ group: g, members: [] }), readConsumerGroup),
);
export const deleteConsumerGroupBinding = bind(deleteConsumerGroup, { method: 'DELETE', path: `${GROUPS}/:group_id` }, groupOnly, emptyResponse(204));

const partitionQuery = (partitionId: number | null | undefined): Record<string, string> => (partitionId == null ? {} : { partition_id: String(partitionId) });

export const getConsumerOffsetBinding = bind(
  getConsumerOffset,
  { method: 'GET', path: OFFSETS },
  {
    write: (r) => ({ params: streamTopicParams(r), query: { consumer_id: identifierText(singleConsumerId(r.consumer)), ...partitionQuery(r.partitionId) } }),
    read: (r) => ({ ...readStreamTopic(r), consumer: single(query.id(r, 'consumer_id', DEFAULT_HTTP_CONSUMER.id)), partitionId: query.u32(r, 'partition_id', null) }),
  },
  nullableResponse(consumerOffsetJson, readConsumerOffset),
);

export const storeConsumerOffsetBinding = bind(
  storeConsumerOffset,
  { method: 'PUT', path: OFFSETS },
  {
    write: (r) => ({
      params: streamTopicParams(r), query: {},
      body: { consumer_id: consumerIdJson(singleConsumerId(r.consumer)), partition_id: r.partitionId ?? null, offset: r.offset },
    }),
    read: (r) => {
      const f = bodyFields(r);
      return { ...readStreamTopic(r), consumer: single(readConsumerIdField(f, 'consumer_id')), partitionId: f.opt('partition_id', f.u32), offset: f.u64('offset') };
    },
  },
  emptyResponse(204),
);

export const deleteConsumerOffsetBinding = bind(
  deleteConsumerOffset,
  { method: 'DELETE', path: `${OFFSETS}/:consumer_id` },
  {
    write: (r) => ({ params: { ...streamTopicParams(r), consumer_id: identifierText(singleConsumerId(r.consumer)) }, query: partitionQuery(r.partitionId) }),
    read: (r) => ({ ...readStreamTopic(r), consumer: single(idParam(r, 'consumer_id')), partitionId: query.u32(r, 'partition_id', null) }),
  },
  emptyResponse(204),
);
