// Changes to the catalogue. Each runs on the metadata log's queue: validate,
// append the record (fsynced), touch the directories, then apply the record to
// the catalogue — so a kill -9 at any instant leaves the old or the new state,
// and start-up (layout.ts) reconciles the directories with the replayed log.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ServerConfig } from '../config/config.js';
import { IggyError } from '../errors/iggy_error.js';
import { PROTOCOL } from '../limits.js';
import { type Identifier, U64_MAX } from '../protocol/types.js';
import { type Catalog, type CatalogRecord, groupInfo, streamInfo, topicInfo } from './catalog.js';
import { nowUs } from './clock.js';
import type { IdSlab } from './ids.js';
import { partitionDir, streamDir, topicDir } from './layout.js';
import type { MetadataLog } from './metadata/metadata_log.js';
import type { StateRecord } from './metadata/records.js';
import { Partition, type PartitionSettings } from './partition/partition.js';
import { toU64 } from './retention.js';
import type { ConsumerGroupInfo, StreamInfo, TopicInfo, TopicSettings } from './types.js';

export interface CatalogWriterDeps {
  catalog: Catalog;
  meta: MetadataLog;
  settings: PartitionSettings;
  config: ServerConfig;
  /** Throws once the engine is closing: nothing new goes into the log then. */
  assertOpen: () => void;
}

/** CreateTopic may ask for 0 partitions; Create/DeletePartitions for at least 1. */
function checkPartitionsCount(count: number, minimum: 0 | 1): void {
  if (count < minimum || count > PROTOCOL.partitionsPerRequestMax) {
    throw IggyError.of('TooManyPartitions', `${count} is not in ${minimum}..=${PROTOCOL.partitionsPerRequestMax}`);
  }
}

export class CatalogWriter {
  readonly #catalog: Catalog;
  readonly #meta: MetadataLog;
  readonly #settings: PartitionSettings;
  readonly #config: ServerConfig;
  readonly #root: string;
  readonly #assertOpen: () => void;

  constructor(deps: CatalogWriterDeps) {
    this.#catalog = deps.catalog;
    this.#meta = deps.meta;
    this.#settings = deps.settings;
    this.#config = deps.config;
    this.#root = deps.config.system.path;
    this.#assertOpen = deps.assertOpen;
  }

  async #persist(record: StateRecord): Promise<void> {
    this.#assertOpen();
    await this.#meta.persist(record);
  }

  /** Persists a record whose id was just allocated, handing the id back if the write fails. */
  async #persistNew(record: StateRecord, ids: IdSlab, id: number): Promise<void> {
    try {
      await this.#persist(record);
    } catch (error) {
      ids.release(id);
      throw error;
    }
  }

  async #commit(record: CatalogRecord): Promise<void> {
    await this.#persist(record);
    this.#catalog.apply(record);
  }

  createStream(name: string): Promise<StreamInfo> {
    return this.#meta.run(async () => {
      const catalog = this.#catalog;
      if (catalog.streamsByName.has(name)) throw IggyError.of('StreamNameAlreadyExists', name);
      const id = catalog.streamIds.allocate();
      const record = { op: 'stream.create', id, name, createdAtUs: nowUs() } as const;
      await this.#persistNew(record, catalog.streamIds, id);
      await mkdir(join(streamDir(this.#root, id), 'topics'), { recursive: true });
      catalog.apply(record);
      return streamInfo(catalog.streams.get(id)!);
    });
  }

  updateStream(id: Identifier, name: string): Promise<void> {
    return this.#meta.run(async () => {
      const stream = this.#catalog.stream(id);
      if (stream.name === name) return;
      if (this.#catalog.streamsByName.has(name)) throw IggyError.of('StreamNameAlreadyExists', name);
      await this.#commit({ op: 'stream.update', id: stream.id, name });
    });
  }

  deleteStream(id: Identifier): Promise<void> {
    return this.#meta.run(async () => {
      const stream = this.#catalog.stream(id);
      await this.#commit({ op: 'stream.delete', id: stream.id });
      for (const topic of stream.topics.values()) for (const partition of topic.partitions) await partition.destroy();
      await rm(streamDir(this.#root, stream.id), { recursive: true, force: true });
    });
  }

  purgeStream(id: Identifier): Promise<void> {
    return this.#meta.run(async () => {
      const stream = this.#catalog.stream(id);
      for (const topic of stream.topics.values()) await Promise.all(topic.partitions.map((partition) => partition.purge()));
    });
  }

  #topicRecord(streamId: number, id: number, settings: TopicSettings): Extract<StateRecord, { op: 'topic.create' }> {
    const defaults = this.#config.system.topic;
    const maxTopicSizeBytes = settings.maxTopicSizeBytes;
    if (maxTopicSizeBytes !== 0n && maxTopicSizeBytes !== U64_MAX && maxTopicSizeBytes < BigInt(this.#config.system.segment.size)) {
      throw IggyError.of('InvalidTopicSize', `${maxTopicSizeBytes} B is below the segment size ${this.#config.system.segment.size} B`);
    }
    return {
      op: 'topic.create',
      streamId,
      id,
      name: settings.name,
      createdAtUs: nowUs(),
      partitionsCount: settings.partitionsCount,
      compression: settings.compression,
      messageExpiryUs: settings.messageExpiryUs === 0n ? toU64(defaults.message_expiry) : settings.messageExpiryUs,
      maxTopicSizeBytes: maxTopicSizeBytes === 0n ? toU64(defaults.max_size) : maxTopicSizeBytes,
      replicationFactor: settings.replicationFactor === 0 ? 1 : settings.replicationFactor,
    };
  }

  createTopic(streamId: Identifier, settings: TopicSettings): Promise<TopicInfo> {
    return this.#meta.run(async () => {
      checkPartitionsCount(settings.partitionsCount, 0);
      const stream = this.#catalog.stream(streamId);
      const probe = this.#topicRecord(stream.id, 0, settings);
      if (stream.topicsByName.has(settings.name)) throw IggyError.of('TopicNameAlreadyExists', `${settings.name} in stream ${stream.id}`);
      const id = stream.topicIds.allocate();
      const record = { ...probe, id };
      await this.#persistNew(record, stream.topicIds, id);
      await mkdir(join(topicDir(this.#root, stream.id, id), 'partitions'), { recursive: true });
      const partitions = await this.#createPartitions(stream.id, id, 0, settings.partitionsCount, record.createdAtUs);
      this.#catalog.apply(record);
      const topic = stream.topics.get(id)!;
      topic.partitions = partitions;
      return topicInfo(topic);
    });
  }

  updateTopic(streamId: Identifier, topicId: Identifier, settings: TopicSettings): Promise<void> {
    return this.#meta.run(async () => {
      const topic = this.#catalog.topic(streamId, topicId);
      const holder = this.#catalog.streams.get(topic.streamId)!.topicsByName.get(settings.name);
      if (holder !== undefined && holder !== topic.id) throw IggyError.of('TopicNameAlreadyExists', `${settings.name} in stream ${topic.streamId}`);
      await this.#commit({
        op: 'topic.update',
        streamId: topic.streamId,
        id: topic.id,
        name: settings.name,
        compression: settings.compression,
        messageExpiryUs: settings.messageExpiryUs,
        maxTopicSizeBytes: settings.maxTopicSizeBytes,
        replicationFactor: settings.replicationFactor === 0 ? 1 : settings.replicationFactor,
      });
    });
  }

  deleteTopic(streamId: Identifier, topicId: Identifier): Promise<void> {
    return this.#meta.run(async () => {
      const topic = this.#catalog.topic(streamId, topicId);
      await this.#commit({ op: 'topic.delete', streamId: topic.streamId, id: topic.id });
      for (const partition of topic.partitions) await partition.destroy();
      await rm(topicDir(this.#root, topic.streamId, topic.id), { recursive: true, force: true });
    });
  }

  purgeTopic(streamId: Identifier, topicId: Identifier): Promise<void> {
    return this.#meta.run(async () => {
      const topic = this.#catalog.topic(streamId, topicId);
      await Promise.all(topic.partitions.map((partition) => partition.purge()));
    });
  }

  async #createPartitions(streamId: number, topicId: number, first: number, count: number, createdAtUs: bigint): Promise<Partition[]> {
    const created: Partition[] = [];
    for (let id = first; id < first + count; id += 1) {
      created.push(await Partition.create(partitionDir(this.#root, streamId, topicId, id), id, createdAtUs, this.#settings));
    }
    return created;
  }

  createPartitions(streamId: Identifier, topicId: Identifier, count: number): Promise<void> {
    return this.#meta.run(async () => {
      checkPartitionsCount(count, 1);
      const topic = this.#catalog.topic(streamId, topicId);
      const record = { op: 'partitions.create', streamId: topic.streamId, topicId: topic.id, count, createdAtUs: nowUs() } as const;
      await this.#persist(record);
      const created = await this.#createPartitions(topic.streamId, topic.id, topic.partitions.length, count, record.createdAtUs);
      this.#catalog.apply(record);
      topic.partitions.push(...created);
    });
  }

  deletePartitions(streamId: Identifier, topicId: Identifier, count: number): Promise<void> {
    return this.#meta.run(async () => {
      checkPartitionsCount(count, 1);
      const topic = this.#catalog.topic(streamId, topicId);
      if (count > topic.partitions.length) {
        throw IggyError.of('InvalidPartitionsCount', `cannot delete ${count} of ${topic.partitions.length} partitions`);
      }
      await this.#commit({ op: 'partitions.delete', streamId: topic.streamId, topicId: topic.id, count });
      const removed = topic.partitions.splice(topic.partitions.length - count, count);
      for (const partition of removed) {
        await partition.destroy();
        await rm(partition.directory, { recursive: true, force: true });
      }
    });
  }

  createConsumerGroup(streamId: Identifier, topicId: Identifier, name: string): Promise<ConsumerGroupInfo> {
    return this.#meta.run(async () => {
      const topic = this.#catalog.topic(streamId, topicId);
      if (topic.groupsByName.has(name)) throw IggyError.of('ConsumerGroupNameAlreadyExists', `${name} in topic ${topic.id}`);
      const id = topic.groupIds.allocate();
      const record = { op: 'group.create', streamId: topic.streamId, topicId: topic.id, id, name } as const;
      await this.#persistNew(record, topic.groupIds, id);
      this.#catalog.apply(record);
      return groupInfo(topic, topic.groups.get(id)!);
    });
  }

  deleteConsumerGroup(streamId: Identifier, topicId: Identifier, groupId: Identifier): Promise<void> {
    return this.#meta.run(async () => {
      const topic = this.#catalog.topic(streamId, topicId);
      const group = this.#catalog.group(topic, groupId);
      await this.#commit({ op: 'group.delete', streamId: topic.streamId, topicId: topic.id, id: group.id });
      await Promise.all(topic.partitions.map((partition) => partition.deleteGroupOffset(group.id)));
    });
  }
}
