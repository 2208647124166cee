// The metadata catalogue: streams → topics → partitions and consumer-group
// definitions, as the metadata log's records leave them. It is the one place
// those records are applied (at replay and live) and looked up; the changes
// that write records live in catalog_writer.ts, the partitions' bytes in
// partition/.
import { IggyError } from '../errors/iggy_error.js';
import { Identifier } from '../protocol/types.js';
import { IdSlab } from './ids.js';
import type { RecordApplier } from './metadata/metadata_log.js';
import type { StateRecord } from './metadata/records.js';
import type { Partition } from './partition/partition.js';
import type { ConsumerGroupInfo, StorageStats, StreamInfo, TopicInfo, TopicSettings } from './types.js';

export interface GroupModel {
  id: number;
  name: string;
}

export interface TopicModel {
  id: number;
  streamId: number;
  name: string;
  createdAtUs: bigint;
  compression: TopicSettings['compression'];
  messageExpiryUs: bigint;
  maxTopicSizeBytes: bigint;
  replicationFactor: number;
  /** created_at of each partition (index = id); set by the metadata log. */
  partitionCreatedAt: bigint[];
  /** Live partitions, same length as partitionCreatedAt once loaded. */
  partitions: Partition[];
  groups: Map<number, GroupModel>;
  groupsByName: Map<string, number>;
  groupIds: IdSlab;
}

export interface StreamModel {
  id: number;
  name: string;
  createdAtUs: bigint;
  topics: Map<number, TopicModel>;
  topicsByName: Map<string, number>;
  topicIds: IdSlab;
}

/** The metadata records the catalogue applies (all but users' and tokens'). */
export type CatalogRecord = Exclude<StateRecord, { op: `user.${string}` | `pat.${string}` }>;
type Appliers = { [Op in CatalogRecord['op']]: (catalog: Catalog, record: Extract<CatalogRecord, { op: Op }>) => void };

/** Message counters of a stream's or topic's statistics, summed over partitions. */
type Totals = Pick<StorageStats, 'messagesCount'> & { sizeBytes: bigint };

export class Catalog {
  readonly streams = new Map<number, StreamModel>();
  readonly streamsByName = new Map<string, number>();
  readonly streamIds = new IdSlab();
  /** The metadata log hands this every record that is not a user's or a token's. */
  readonly applier: RecordApplier = {
    owns: (op) => Object.hasOwn(APPLY, op),
    apply: (record) => this.apply(record as CatalogRecord),
  };

  apply(record: CatalogRecord): void {
    (APPLY[record.op] as (catalog: Catalog, record: CatalogRecord) => void)(this, record);
  }

  findStream(id: Identifier): StreamModel | undefined {
    const numeric = id.kind === 'numeric' ? id.value : this.streamsByName.get(id.value);
    return numeric === undefined ? undefined : this.streams.get(numeric);
  }

  stream(id: Identifier): StreamModel {
    const stream = this.findStream(id);
    if (stream === undefined) throw IggyError.of('StreamIdNotFound', `stream ${Identifier.toString(id)}`);
    return stream;
  }

  findTopic(streamId: Identifier, topicId: Identifier): TopicModel | undefined {
    const stream = this.findStream(streamId);
    return stream === undefined ? undefined : topicIn(stream, topicId);
  }

  topic(streamId: Identifier, topicId: Identifier): TopicModel {
    const stream = this.stream(streamId);
    const topic = topicIn(stream, topicId);
    if (topic === undefined) throw IggyError.of('TopicIdNotFound', `topic ${Identifier.toString(topicId)} in stream ${stream.id}`);
    return topic;
  }

  partition(streamId: Identifier, topicId: Identifier, partitionId: number): Partition {
    const topic = this.topic(streamId, topicId);
    const partition = topic.partitions[partitionId];
    if (partition === undefined) {
      throw IggyError.of('PartitionNotFound', `partition ${partitionId} in topic ${topic.id} of stream ${topic.streamId}`);
    }
    return partition;
  }

  findGroup(topic: TopicModel, id: Identifier): GroupModel | undefined {
    const numeric = id.kind === 'numeric' ? id.value : topic.groupsByName.get(id.value);
    return numeric === undefined ? undefined : topic.groups.get(numeric);
  }

  group(topic: TopicModel, id: Identifier): GroupModel {
    const group = this.findGroup(topic, id);
    if (group === undefined) throw IggyError.of('ConsumerGroupIdNotFound', `group ${Identifier.toString(id)} in topic ${topic.id}`);
    return group;
  }

  *topics(): IterableIterator<TopicModel> {
    for (const stream of this.streams.values()) yield* stream.topics.values();
  }

  *partitions(): IterableIterator<Partition> {
    for (const topic of this.topics()) yield* topic.partitions;
  }

  /** The catalogue's part of GetStats: everything but the byte counters. */
  stats(): Omit<StorageStats, 'readBytes' | 'writtenBytes'> {
    let topicsCount = 0;
    let partitionsCount = 0;
    let segmentsCount = 0;
    let consumerGroupsCount = 0;
    for (const topic of this.topics()) {
      topicsCount += 1;
      consumerGroupsCount += topic.groups.size;
      partitionsCount += topic.partitions.length;
      for (const partition of topic.partitions) segmentsCount += partition.segments.length;
    }
    const totals = sum(this.partitions());
    const streamsCount = this.streams.size;
    return { streamsCount, topicsCount, partitionsCount, segmentsCount, messagesCount: totals.messagesCount, messagesSizeBytes: totals.sizeBytes, consumerGroupsCount };
  }
}

function topicIn(stream: StreamModel, id: Identifier): TopicModel | undefined {
  const numeric = id.kind === 'numeric' ? id.value : stream.topicsByName.get(id.value);
  return numeric === undefined ? undefined : stream.topics.get(numeric);
}

function sum(partitions: Iterable<Partition>): Totals {
  let sizeBytes = 0n;
  let messagesCount = 0n;
  for (const partition of partitions) {
    sizeBytes += partition.sizeBytes;
    messagesCount += partition.messagesCount;
  }
  return { sizeBytes, messagesCount };
}

export function streamInfo(stream: StreamModel): StreamInfo {
  const totals = sum([...stream.topics.values()].flatMap((topic) => topic.partitions));
  return { id: stream.id, createdAtUs: stream.createdAtUs, name: stream.name, topicsCount: stream.topics.size, ...totals };
}

export function topicInfo(topic: TopicModel): TopicInfo {
  return {
    id: topic.id,
    createdAtUs: topic.createdAtUs,
    name: topic.name,
    partitionsCount: topic.partitions.length,
    compression: topic.compression,
    messageExpiryUs: topic.messageExpiryUs,
    maxTopicSizeBytes: topic.maxTopicSizeBytes,
    replicationFactor: topic.replicationFactor,
    ...sum(topic.partitions),
  };
}

export function groupInfo(topic: TopicModel, group: GroupModel): ConsumerGroupInfo {
  return { id: group.id, name: group.name, streamId: topic.streamId, topicId: topic.id, partitionsCount: topic.partitions.length };
}

function topicOf(catalog: Catalog, streamId: number, topicId: number): TopicModel | undefined {
  return catalog.streams.get(streamId)?.topics.get(topicId);
}

// Replay meets every record once, in order; a record naming something already
// gone (its delete came first in a torn history) changes nothing.
const APPLY: Appliers = {
  'stream.create': (catalog, record) => {
    catalog.streamIds.take(record.id);
    const stream = { id: record.id, name: record.name, createdAtUs: record.createdAtUs, topics: new Map(), topicsByName: new Map(), topicIds: new IdSlab() };
    catalog.streams.set(record.id, stream);
    catalog.streamsByName.set(record.name, record.id);
  },
  'stream.update': (catalog, record) => {
    const stream = catalog.streams.get(record.id);
    if (stream === undefined) return;
    catalog.streamsByName.delete(stream.name);
    stream.name = record.name;
    catalog.streamsByName.set(record.name, record.id);
  },
  'stream.delete': (catalog, record) => {
    const stream = catalog.streams.get(record.id);
    if (stream === undefined) return;
    catalog.streams.delete(record.id);
    catalog.streamsByName.delete(stream.name);
    catalog.streamIds.release(record.id);
  },
  'topic.create': (catalog, record) => {
    const stream = catalog.streams.get(record.streamId);
    if (stream === undefined) return;
    stream.topicIds.take(record.id);
    stream.topics.set(record.id, {
      id: record.id,
      streamId: record.streamId,
      name: record.name,
      createdAtUs: record.createdAtUs,
      compression: record.compression,
      messageExpiryUs: record.messageExpiryUs,
      maxTopicSizeBytes: record.maxTopicSizeBytes,
      replicationFactor: record.replicationFactor,
      partitionCreatedAt: Array.from({ length: record.partitionsCount }, () => record.createdAtUs),
      partitions: [],
      groups: new Map(),
      groupsByName: new Map(),
      groupIds: new IdSlab(),
    });
    stream.topicsByName.set(record.name, record.id);
  },
  'topic.update': (catalog, record) => {
    const stream = catalog.streams.get(record.streamId);
    const topic = stream?.topics.get(record.id);
    if (stream === undefined || topic === undefined) return;
    stream.topicsByName.delete(topic.name);
    topic.name = record.name;
    topic.compression = record.compression;
    topic.messageExpiryUs = record.messageExpiryUs;
    topic.maxTopicSizeBytes = record.maxTopicSizeBytes;
    topic.replicationFactor = record.replicationFactor;
    stream.topicsByName.set(record.name, record.id);
  },
  'topic.delete': (catalog, record) => {
    const stream = catalog.streams.get(record.streamId);
    const topic = stream?.topics.get(record.id);
    if (stream === undefined || topic === undefined) return;
    stream.topics.delete(record.id);
    stream.topicsByName.delete(topic.name);
    stream.topicIds.release(record.id);
  },
  'partitions.create': (catalog, record) => {
    const topic = topicOf(catalog, record.streamId, record.topicId);
    for (let i = 0; topic !== undefined && i < record.count; i += 1) topic.partitionCreatedAt.push(record.createdAtUs);
  },
  'partitions.delete': (catalog, record) => {
    const topic = topicOf(catalog, record.streamId, record.topicId);
    if (topic !== undefined) topic.partitionCreatedAt.length = Math.max(0, topic.partitionCreatedAt.length - record.count);
  },
  'group.create': (catalog, record) => {
    const topic = topicOf(catalog, record.streamId, record.topicId);
    if (topic === undefined) return;
    topic.groupIds.take(record.id);
    topic.groups.set(record.id, { id: record.id, name: record.name });
    topic.groupsByName.set(record.name, record.id);
  },
  'group.delete': (catalog, record) => {
    const topic = topicOf(catalog, record.streamId, record.topicId);
    const group = topic?.groups.get(record.id);
    if (topic === undefined || group === undefined) return;
    topic.groups.delete(record.id);
    topic.groupsByName.delete(group.name);
    topic.groupIds.release(record.id);
  },
};
