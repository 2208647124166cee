// Streams, topics, partitions and segments over HTTP (HTTP.md §5.4-5.6).
import { IggyError } from '../../../errors/iggy_error.js';
import { createPartitions } from '../../commands/partitions/create_partitions.js';
import { deletePartitions } from '../../commands/partitions/delete_partitions.js';
import { deleteSegments } from '../../commands/segments/delete_segments.js';
import { createStream } from '../../commands/streams/create_stream.js';
import { deleteStream } from '../../commands/streams/delete_stream.js';
import { getStream } from '../../commands/streams/get_stream.js';
import { getStreams } from '../../commands/streams/get_streams.js';
import { purgeStream } from '../../commands/streams/purge_stream.js';
import { updateStream } from '../../commands/streams/update_stream.js';
import { createTopic } from '../../commands/topics/create_topic.js';
import { deleteTopic } from '../../commands/topics/delete_topic.js';
import { getTopic } from '../../commands/topics/get_topic.js';
import { getTopics, type GetTopicsRequest } from '../../commands/topics/get_topics.js';
import type { TopicRecord } from '../../records/topic_record.js';
import { purgeTopic } from '../../commands/topics/purge_topic.js';
import type { StreamTopic } from '../../commands/stream_topic.js';
import type { TopicSettingsFields } from '../../commands/topics/topic_settings.js';
import { updateTopic } from '../../commands/topics/update_topic.js';
import type { Identifier } from '../../types.js';
import { bind, bodyFields, byId, emptyResponse, type HttpRequestIn, jsonResponse, listResponse, NO_REQUEST, nullableListResponse, nullableResponse } from '../binding.js';
import type { Fields } from '../fields.js';
import type { Writable } from '../json.js';
import {
  COMPRESSION_NAMES, compressionName, compressionOf, readStream, readStreamDetails, readTopic, readTopicDetails,
  streamDetailsJson, streamJson, topicDetailsJson, topicJson,
} from '../shapes.js';
import { nameField, readStreamId, readStreamTopic, requiredU32Query, STREAM, streamParams, streamTopicParams, TOPIC, u32Param } from './params.js';

const streamOnly = { write: (r: { streamId: Identifier }) => ({ params: streamParams(r), query: {} }), read: readStreamId };
const streamTopic = { write: (r: StreamTopic) => ({ params: streamTopicParams(r), query: {} }), read: readStreamTopic };

export const getStreamBinding = bind(getStream, { method: 'GET', path: STREAM }, streamOnly, nullableResponse(streamDetailsJson, readStreamDetails));
export const getStreamsBinding = bind(getStreams, { method: 'GET', path: '/streams' }, NO_REQUEST, listResponse(streamJson, readStream, byId));

/** Iggy answers StreamDetails (with no topics yet); the command's response is the stream record. */
export const createStreamBinding = bind(
  createStream,
  { method: 'POST', path: '/streams' },
  { write: (r) => ({ params: {}, query: {}, body: { name: r.name } }), read: (r) => ({ name: nameField(bodyFields(r), 'name', 'InvalidStreamName') }) },
  jsonResponse(200, (s) => streamDetailsJson({ stream: s, topics: [] }), readStream),
);

export const updateStreamBinding = bind(
  updateStream,
  { method: 'PUT', path: STREAM },
  { write: (r) => ({ params: streamParams(r), query: {}, body: { name: r.name } }), read: (r) => ({ ...readStreamId(r), name: nameField(bodyFields(r), 'name', 'InvalidStreamName') }) },
  emptyResponse(204),
);
export const deleteStreamBinding = bind(deleteStream, { method: 'DELETE', path: STREAM }, streamOnly, emptyResponse(204));
export const purgeStreamBinding = bind(purgeStream, { method: 'DELETE', path: `${STREAM}/purge` }, streamOnly, emptyResponse(204));

export const getTopicBinding = bind(getTopic, { method: 'GET', path: TOPIC }, streamTopic, nullableResponse(topicDetailsJson, readTopicDetails));
/** The op answers null for an unknown stream (404 over HTTP); the SDK reads that 404 as [], as over TCP. */
export const getTopicsBinding = bind<GetTopicsRequest, readonly TopicRecord[] | null>(
  getTopics,
  { method: 'GET', path: `${STREAM}/topics` },
  streamOnly,
  nullableListResponse(topicJson, readTopic, byId),
);

/** replication_factor: 0 (our "default") is left out, as Iggy reads absent/null as the default and rejects 0 (2018). */
function settingsJson(s: TopicSettingsFields): Record<string, Writable> {
  return {
    name: s.name, compression_algorithm: compressionName(s.compression), message_expiry: s.messageExpiryUs,
    max_topic_size: s.maxTopicSizeBytes, replication_factor: s.replicationFactor === 0 ? null : s.replicationFactor,
  };
}

function readSettings(f: Fields): TopicSettingsFields {
  const replicationFactor = f.opt('replication_factor', f.u8) ?? 0;
  if (f.has('replication_factor') && replicationFactor === 0) throw IggyError.of('InvalidReplicationFactor', 'replication_factor must be 1..=255 (omit it for the default)');
  return {
    name: nameField(f, 'name', 'InvalidTopicName'), compression: compressionOf(f.oneOf('compression_algorithm', COMPRESSION_NAMES)),
    messageExpiryUs: f.u64('message_expiry'), maxTopicSizeBytes: f.u64('max_topic_size'), replicationFactor,
  };
}

export const createTopicBinding = bind(
  createTopic,
  { method: 'POST', path: `${STREAM}/topics` },
  {
    write: (r) => ({ params: streamParams(r), query: {}, body: { ...settingsJson(r), partitions_count: r.partitionsCount } }),
    read: (r) => {
      const f = bodyFields(r);
      return { ...readStreamId(r), partitionsCount: f.u32('partitions_count'), ...readSettings(f) };
    },
  },
  jsonResponse(200, topicDetailsJson, readTopicDetails),
);

export const updateTopicBinding = bind(
  updateTopic,
  { method: 'PUT', path: TOPIC },
  { write: (r) => ({ params: streamTopicParams(r), query: {}, body: settingsJson(r) }), read: (r) => ({ ...readStreamTopic(r), ...readSettings(bodyFields(r)) }) },
  emptyResponse(204),
);
export const deleteTopicBinding = bind(deleteTopic, { method: 'DELETE', path: TOPIC }, streamTopic, emptyResponse(204));
export const purgeTopicBinding = bind(purgeTopic, { method: 'DELETE', path: `${TOPIC}/purge` }, streamTopic, emptyResponse(204));

export const createPartitionsBinding = bind(
  createPartitions,
  { method: 'POST', path: `${TOPIC}/partitions` },
  {
    write: (r) => ({ params: streamTopicParams(r), query: {}, body: { partitions_count: r.partitionsCount } }),
    read: (r) => ({ ...readStreamTopic(r), partitionsCount: bodyFields(r).u32('partitions_count') }),
  },
  emptyResponse(201),
);

export const deletePartitionsBinding = bind(
  deletePartitions,
  { method: 'DELETE', path: `${TOPIC}/partitions` },
  {
    write: (r) => ({ params: streamTopicParams(r), query: { partitions_count: String(r.partitionsCount) } }),
    read: (r: HttpRequestIn) => ({ ...readStreamTopic(r), partitionsCount: requiredU32Query(r, 'partitions_count') }),
  },
  emptyResponse(204),
);

export const deleteSegmentsBinding = bind(
  deleteSegments,
  { method: 'DELETE', path: `${TOPIC}/partitions/:partition_id` },
  {
    write: (r) => ({ params: { ...streamTopicParams(r), partition_id: String(r.partitionId) }, query: { segments_count: String(r.segmentsCount) } }),
    read: (r) => ({ ...readStreamTopic(r), partitionId: u32Param(r, 'partition_id'), segmentsCount: requiredU32Query(r, 'segments_count') }),
  },
  emptyResponse(204),
);
