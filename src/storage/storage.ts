// The storage engine (src/storage/types.ts `Storage`): streams → topics →
// partitions → segments under `system.path` (STORAGE.md §1), metadata in a
// checksummed append-only log (metadata/metadata_log.ts over state_log.ts)
// replayed at start-up; the user store of src/server/auth keeps its records
// in the same log.
//
// Metadata changes run one at a time on a queue: validate, append the record
// (fsynced), touch the directories, then apply the change in memory — so a
// kill -9 at any instant leaves the old or the new state, and start-up
// reconciles the directories with the replayed metadata (orphans removed,
// missing partitions recreated). Message traffic never waits on that queue:
// appends and polls resolve their target synchronously and go to the
// partition (partition/partition.ts).
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ServerConfig } from '../config/config.js';
import type { BatchLimits, Core } from '../core/core.js';
import { IggyError } from '../errors/iggy_error.js';
import { PROTOCOL } from '../limits.js';
import { log } from '../log.js';
import { Identifier, U64_MAX } from '../protocol/types.js';
import { nowUs } from './clock.js';
import { IdSlab } from './ids.js';
import type { StateRecord } from './metadata/records.js';
import { MetadataLog, type MetadataWriter, type RecordApplier } from './metadata/metadata_log.js';
import { MessageCache } from './partition/message_cache.js';
import { Partition, type PartitionSettings } from './partition/partition.js';
import { ReadBlocks } from './partition/read_blocks.js';
import { SlabPool } from './partition/slab_pool.js';
import type {
  ConsumerGroupInfo,
  ConsumerKey,
  ConsumerOffsetInfo,
  IncomingBatch,
  PartitionInfo,
  PartitionReader,
  Storage,
  StorageStats,
  StreamInfo,
  TopicInfo,
  TopicShape,
  TopicSettings,
} from './types.js';

export interface StorageOptions {
  /** Overrides config.limits.messages_per_batch_max and the protocol payload limits (tests). */
  batchLimits?: Partial<BatchLimits>;
  /** Keepers of records above storage (the user store), replayed into at start-up. */
  appliers?: readonly RecordApplier[];
}

/** What one retention pass removed. */
export interface CleanerReport {
  expiredSegments: number;
  oversizeSegments: number;
}

/** The Storage contract plus engine-level operations the server's timers and tests use. */
export interface StorageEngine extends Storage {
  /** One retention pass (message expiry and max topic size, STORAGE.md §2.6). */
  runMessageCleaner(): Promise<CleanerReport>;
  /** Writes every partition's journal (the periodic message saver's job). */
  flushAll(fsync: boolean): Promise<void>;
  /** Batch memory (partition/slab_pool.ts): slabs recycled so far and held free now (diagnostics, tests). */
  memoryStats(): { slabsRecycled: number; freeSlabs: number };
  /** The metadata log's queue and commit, for the stores that keep their records in it. */
  readonly metadata: MetadataWriter;
}

interface GroupModel {
  id: number;
  name: string;
}

interface TopicModel {
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
  /** Balanced partitioning: in-memory round-robin counter (BINARY.md §3.4). */
}

interface StreamModel {
  id: number;
  name: string;
  createdAtUs: bigint;
  topics: Map<number, TopicModel>;
  topicsByName: Map<string, number>;
  topicIds: IdSlab;
}

/** Written by close() once everything is on disk (state/clean_shutdown). */
const CLEAN_SHUTDOWN_MARKER = 'clean_shutdown';

function toU64(value: number): bigint {
  return Number.isFinite(value) ? BigInt(Math.round(value)) : U64_MAX;
}

export async function openStorage(config: ServerConfig, core: Core, options: StorageOptions = {}): Promise<StorageEngine> {
  const engine = new Engine(config, core, options);
  await engine.start();
  return engine;
}

class Engine implements StorageEngine {
  readonly #config: ServerConfig;
  readonly #core: Core;
  readonly #root: string;
  readonly #settings: PartitionSettings;
  readonly #meta: MetadataLog;
  readonly #streams = new Map<number, StreamModel>();
  readonly #streamsByName = new Map<string, number>();
  readonly #streamIds = new IdSlab();
  readonly #timers: NodeJS.Timeout[] = [];
  #saving: Promise<void> | null = null;
  #cleaning: Promise<CleanerReport> | null = null;
  #closed: Promise<void> | null = null;

  get metadata(): MetadataWriter {
    return this.#meta;
  }

  constructor(config: ServerConfig, core: Core, options: StorageOptions) {
    this.#config = config;
    this.#core = core;
    this.#root = config.system.path;
    const catalogue: RecordApplier = { owns: (op) => !op.startsWith('user.') && !op.startsWith('pat.'), apply: (record) => this.#apply(record) };
    this.#meta = new MetadataLog([catalogue, ...(options.appliers ?? [])]);
    const partition = config.system.partition;
    const dedup = config.system.message_deduplication;
    this.#settings = {
      core,
      cache: new MessageCache(Number.isFinite(config.system.cache.size) ? config.system.cache.size : Number.MAX_SAFE_INTEGER),
      slabs: new SlabPool(),
      readBlocks: new ReadBlocks(),
      segmentSizeBytes: config.system.segment.size,
      messagesRequiredToSave: partition.messages_required_to_save,
      sizeOfMessagesRequiredToSave: partition.size_of_messages_required_to_save,
      enforceFsync: partition.enforce_fsync,
      validateChecksum: partition.validate_checksum,
      cacheIndexes: config.system.segment.cache_indexes,
      batchLimits: {
        messagePayloadBytesMax: PROTOCOL.messagePayloadBytesMax,
        userHeadersBytesMax: PROTOCOL.userHeadersBytesMax,
        messagesCountMax: config.limits.messages_per_batch_max,
        ...options.batchLimits,
      },
      dedup: dedup.enabled ? { maxEntries: dedup.max_entries, expiryUs: toU64(dedup.expiry) } : null,
      counters: { readBytes: 0, writtenBytes: 0 },
    };
  }

  // ---- life cycle ----------------------------------------------------------

  async start(): Promise<void> {
    await mkdir(join(this.#root, 'streams'), { recursive: true });
    const records = await this.#meta.open(join(this.#root, 'state', 'log'), this.#core);
    // close() leaves this marker after writing and fsyncing everything; it
    // is removed before anything else changes, so only a crash skips it.
    const cleanMarker = join(this.#root, 'state', CLEAN_SHUTDOWN_MARKER);
    const cleanShutdown = await stat(cleanMarker).then(() => true, () => false);
    if (cleanShutdown) await rm(cleanMarker);
    await this.#reconcileDirectories();
    for (const stream of this.#streams.values()) {
      for (const topic of stream.topics.values()) {
        for (let id = 0; id < topic.partitionCreatedAt.length; id += 1) {
          const directory = this.#partitionDir(stream.id, topic.id, id);
          topic.partitions.push(await Partition.load(directory, id, topic.partitionCreatedAt[id]!, this.#settings, cleanShutdown));
        }
      }
    }
    log.info({ path: this.#root, records, streams: this.#streams.size, cleanShutdown }, 'storage opened');

    const saver = this.#config.message_saver;
    if (saver.enabled && Number.isFinite(saver.interval) && saver.interval > 0) {
      this.#timers.push(setInterval(() => void this.#periodicSave(), Math.max(1, saver.interval / 1000)).unref());
    }
    const cleaner = this.#config.data_maintenance.messages;
    if (cleaner.cleaner_enabled && Number.isFinite(cleaner.interval) && cleaner.interval > 0) {
      this.#timers.push(
        setInterval(() => {
          this.runMessageCleaner().catch((error: unknown) => log.error({ error }, 'message cleaner failed'));
        }, Math.max(1, cleaner.interval / 1000)).unref(),
      );
    }
  }

  /** Directories the metadata log no longer knows (a crash between record and rm) go. */
  async #reconcileDirectories(): Promise<void> {
    const children = async (path: string): Promise<string[]> => readdir(path).catch(() => []);
    const streamsDir = join(this.#root, 'streams');
    for (const name of await children(streamsDir)) {
      const stream = /^\d+$/.test(name) ? this.#streams.get(Number(name)) : undefined;
      if (stream === undefined) {
        log.warn({ path: join(streamsDir, name) }, 'start-up: removing a stream directory absent from the metadata');
        await rm(join(streamsDir, name), { recursive: true, force: true });
        continue;
      }
      const topicsDir = join(streamsDir, name, 'topics');
      for (const topicName of await children(topicsDir)) {
        const topic = /^\d+$/.test(topicName) ? stream.topics.get(Number(topicName)) : undefined;
        if (topic === undefined) {
          log.warn({ path: join(topicsDir, topicName) }, 'start-up: removing a topic directory absent from the metadata');
          await rm(join(topicsDir, topicName), { recursive: true, force: true });
          continue;
        }
        const partitionsDir = join(topicsDir, topicName, 'partitions');
        for (const partitionName of await children(partitionsDir)) {
          if (/^\d+$/.test(partitionName) && Number(partitionName) < topic.partitionCreatedAt.length) continue;
          log.warn({ path: join(partitionsDir, partitionName) }, 'start-up: removing a partition directory absent from the metadata');
          await rm(join(partitionsDir, partitionName), { recursive: true, force: true });
        }
      }
    }
  }

  close(): Promise<void> {
    this.#closed ??= (async () => {
      for (const timer of this.#timers) clearInterval(timer);
      this.#timers.length = 0;
      await this.#meta.drain();
      await this.#saving;
      await this.#cleaning?.catch(() => undefined);
      for (const partition of this.#allPartitions()) await partition.close();
      await this.#meta.close();
      await writeFile(join(this.#root, 'state', CLEAN_SHUTDOWN_MARKER), '', { flush: true });
    })();
    return this.#closed;
  }

  async #periodicSave(): Promise<void> {
    if (this.#saving !== null || this.#closed !== null) return;
    this.#saving = this.flushAll(false)
      .catch((error: unknown) => log.error({ error }, 'message saver failed'))
      .finally(() => {
        this.#saving = null;
      });
  }

  async flushAll(fsync: boolean): Promise<void> {
    const mode = fsync ? 'all' : this.#settings.enforceFsync ? 'log' : 'none';
    await Promise.all([...this.#allPartitions()].map((partition) => partition.flush(mode)));
  }

  memoryStats(): { slabsRecycled: number; freeSlabs: number } {
    return { slabsRecycled: this.#settings.slabs.recycled, freeSlabs: this.#settings.slabs.freeSlabs };
  }

  *#allPartitions(): IterableIterator<Partition> {
    for (const stream of this.#streams.values()) for (const topic of stream.topics.values()) yield* topic.partitions;
  }

  stats(): StorageStats {
    let topicsCount = 0;
    let partitionsCount = 0;
    let segmentsCount = 0;
    let messagesCount = 0n;
    let messagesSizeBytes = 0n;
    let consumerGroupsCount = 0;
    for (const stream of this.#streams.values()) {
      topicsCount += stream.topics.size;
      for (const topic of stream.topics.values()) {
        consumerGroupsCount += topic.groups.size;
        partitionsCount += topic.partitions.length;
        for (const partition of topic.partitions) {
          segmentsCount += partition.segments.length;
          messagesCount += partition.messagesCount;
          messagesSizeBytes += partition.sizeBytes;
        }
      }
    }
    return {
      streamsCount: this.#streams.size,
      topicsCount,
      partitionsCount,
      segmentsCount,
      messagesCount,
      messagesSizeBytes,
      consumerGroupsCount,
      readBytes: BigInt(this.#settings.counters.readBytes),
      writtenBytes: BigInt(this.#settings.counters.writtenBytes + this.#meta.writtenBytes),
    };
  }

  // ---- metadata log ----------------------------------------------------------

  /** Persists a record (fsynced) on the metadata queue's turn; callers apply it afterwards. */
  async #persist(record: StateRecord): Promise<void> {
    if (this.#closed !== null) throw IggyError.of('Error', 'storage is closed');
    await this.#meta.persist(record);
  }

  /** Applies a record to the in-memory tables (replay and live). Partitions are attached by the caller. */
  #apply(record: StateRecord): void {
    switch (record.op) {
      case 'stream.create': {
        this.#streamIds.take(record.id);
        this.#streams.set(record.id, {
          id: record.id,
          name: record.name,
          createdAtUs: record.createdAtUs,
          topics: new Map(),
          topicsByName: new Map(),
          topicIds: new IdSlab(),
        });
        this.#streamsByName.set(record.name, record.id);
        return;
      }
      case 'stream.update': {
        const stream = this.#streams.get(record.id);
        if (stream === undefined) return;
        this.#streamsByName.delete(stream.name);
        stream.name = record.name;
        this.#streamsByName.set(record.name, record.id);
        return;
      }
      case 'stream.delete': {
        const stream = this.#streams.get(record.id);
        if (stream === undefined) return;
        this.#streams.delete(record.id);
        this.#streamsByName.delete(stream.name);
        this.#streamIds.release(record.id);
        return;
      }
      case 'topic.create': {
        const stream = this.#streams.get(record.streamId);
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
        return;
      }
      case 'topic.update': {
        const stream = this.#streams.get(record.streamId);
        const topic = stream?.topics.get(record.id);
        if (stream === undefined || topic === undefined) return;
        stream.topicsByName.delete(topic.name);
        topic.name = record.name;
        topic.compression = record.compression;
        topic.messageExpiryUs = record.messageExpiryUs;
        topic.maxTopicSizeBytes = record.maxTopicSizeBytes;
        topic.replicationFactor = record.replicationFactor;
        stream.topicsByName.set(record.name, record.id);
        return;
      }
      case 'topic.delete': {
        const stream = this.#streams.get(record.streamId);
        const topic = stream?.topics.get(record.id);
        if (stream === undefined || topic === undefined) return;
        stream.topics.delete(record.id);
        stream.topicsByName.delete(topic.name);
        stream.topicIds.release(record.id);
        return;
      }
      case 'partitions.create': {
        const topic = this.#streams.get(record.streamId)?.topics.get(record.topicId);
        if (topic === undefined) return;
        for (let i = 0; i < record.count; i += 1) topic.partitionCreatedAt.push(record.createdAtUs);
        return;
      }
      case 'partitions.delete': {
        const topic = this.#streams.get(record.streamId)?.topics.get(record.topicId);
        if (topic === undefined) return;
        topic.partitionCreatedAt.length = Math.max(0, topic.partitionCreatedAt.length - record.count);
        return;
      }
      case 'group.create': {
        const topic = this.#streams.get(record.streamId)?.topics.get(record.topicId);
        if (topic === undefined) return;
        topic.groupIds.take(record.id);
        topic.groups.set(record.id, { id: record.id, name: record.name });
        topic.groupsByName.set(record.name, record.id);
        return;
      }
      case 'group.delete': {
        const topic = this.#streams.get(record.streamId)?.topics.get(record.topicId);
        const group = topic?.groups.get(record.id);
        if (topic === undefined || group === undefined) return;
        topic.groups.delete(record.id);
        topic.groupsByName.delete(group.name);
        topic.groupIds.release(record.id);
        return;
      }
    }
  }

  // ---- paths and lookups -----------------------------------------------------

  #streamDir(streamId: number): string {
    return join(this.#root, 'streams', String(streamId));
  }

  #topicDir(streamId: number, topicId: number): string {
    return join(this.#streamDir(streamId), 'topics', String(topicId));
  }

  #partitionDir(streamId: number, topicId: number, partitionId: number): string {
    return join(this.#topicDir(streamId, topicId), 'partitions', String(partitionId));
  }

  #findStream(id: Identifier): StreamModel | undefined {
    const numeric = id.kind === 'numeric' ? id.value : this.#streamsByName.get(id.value);
    return numeric === undefined ? undefined : this.#streams.get(numeric);
  }

  #stream(id: Identifier): StreamModel {
    const stream = this.#findStream(id);
    if (stream === undefined) throw IggyError.of('StreamIdNotFound', `stream ${Identifier.toString(id)}`);
    return stream;
  }

  #findTopic(stream: StreamModel, id: Identifier): TopicModel | undefined {
    const numeric = id.kind === 'numeric' ? id.value : stream.topicsByName.get(id.value);
    return numeric === undefined ? undefined : stream.topics.get(numeric);
  }

  #topic(streamId: Identifier, topicId: Identifier): TopicModel {
    const stream = this.#stream(streamId);
    const topic = this.#findTopic(stream, topicId);
    if (topic === undefined) {
      throw IggyError.of('TopicIdNotFound', `topic ${Identifier.toString(topicId)} in stream ${stream.id}`);
    }
    return topic;
  }

  #partition(topic: TopicModel, partitionId: number): Partition {
    const partition = topic.partitions[partitionId];
    if (partition === undefined) {
      throw IggyError.of('PartitionNotFound', `partition ${partitionId} in topic ${topic.id} of stream ${topic.streamId}`);
    }
    return partition;
  }

  #findGroup(topic: TopicModel, id: Identifier): GroupModel | undefined {
    const numeric = id.kind === 'numeric' ? id.value : topic.groupsByName.get(id.value);
    return numeric === undefined ? undefined : topic.groups.get(numeric);
  }

  #effectiveExpiryUs(topic: TopicModel): bigint {
    return topic.messageExpiryUs === 0n ? toU64(this.#config.system.topic.message_expiry) : topic.messageExpiryUs;
  }

  #effectiveMaxSizeBytes(topic: TopicModel): bigint {
    return topic.maxTopicSizeBytes === 0n ? toU64(this.#config.system.topic.max_size) : topic.maxTopicSizeBytes;
  }

  // ---- info records ----------------------------------------------------------

  #streamInfo(stream: StreamModel): StreamInfo {
    let sizeBytes = 0n;
    let messagesCount = 0n;
    for (const topic of stream.topics.values()) {
      for (const partition of topic.partitions) {
        sizeBytes += partition.sizeBytes;
        messagesCount += partition.messagesCount;
      }
    }
    return { id: stream.id, createdAtUs: stream.createdAtUs, name: stream.name, topicsCount: stream.topics.size, sizeBytes, messagesCount };
  }

  #topicInfo(topic: TopicModel): TopicInfo {
    let sizeBytes = 0n;
    let messagesCount = 0n;
    for (const partition of topic.partitions) {
      sizeBytes += partition.sizeBytes;
      messagesCount += partition.messagesCount;
    }
    return {
      id: topic.id,
      createdAtUs: topic.createdAtUs,
      name: topic.name,
      partitionsCount: topic.partitions.length,
      compression: topic.compression,
      messageExpiryUs: topic.messageExpiryUs,
      maxTopicSizeBytes: topic.maxTopicSizeBytes,
      replicationFactor: topic.replicationFactor,
      sizeBytes,
      messagesCount,
    };
  }

  #groupInfo(topic: TopicModel, group: GroupModel): ConsumerGroupInfo {
    return { id: group.id, name: group.name, streamId: topic.streamId, topicId: topic.id, partitionsCount: topic.partitions.length };
  }

  // ---- streams ---------------------------------------------------------------

  createStream(name: string): Promise<StreamInfo> {
    return this.#meta.run(async () => {
      if (this.#streamsByName.has(name)) throw IggyError.of('StreamNameAlreadyExists', name);
      const id = this.#streamIds.allocate();
      const record: StateRecord = { op: 'stream.create', id, name, createdAtUs: nowUs() };
      try {
        await this.#persist(record);
      } catch (error) {
        this.#streamIds.release(id);
        throw error;
      }
      await mkdir(join(this.#streamDir(id), 'topics'), { recursive: true });
      this.#apply(record);
      return this.#streamInfo(this.#streams.get(id)!);
    });
  }

  findStream(id: Identifier): StreamInfo | undefined {
    const stream = this.#findStream(id);
    return stream === undefined ? undefined : this.#streamInfo(stream);
  }

  getStream(id: Identifier): StreamInfo {
    return this.#streamInfo(this.#stream(id));
  }

  listStreams(): StreamInfo[] {
    return [...this.#streams.values()].sort((a, b) => a.id - b.id).map((stream) => this.#streamInfo(stream));
  }

  updateStream(id: Identifier, name: string): Promise<void> {
    return this.#meta.run(async () => {
      const stream = this.#stream(id);
      if (stream.name === name) return;
      if (this.#streamsByName.has(name)) throw IggyError.of('StreamNameAlreadyExists', name);
      const record: StateRecord = { op: 'stream.update', id: stream.id, name };
      await this.#persist(record);
      this.#apply(record);
    });
  }

  deleteStream(id: Identifier): Promise<void> {
    return this.#meta.run(async () => {
      const stream = this.#stream(id);
      await this.#persist({ op: 'stream.delete', id: stream.id });
      this.#apply({ op: 'stream.delete', id: stream.id });
      for (const topic of stream.topics.values()) for (const partition of topic.partitions) await partition.destroy();
      await rm(this.#streamDir(stream.id), { recursive: true, force: true });
    });
  }

  purgeStream(id: Identifier): Promise<void> {
    return this.#meta.run(async () => {
      const stream = this.#stream(id);
      for (const topic of stream.topics.values()) await Promise.all(topic.partitions.map((partition) => partition.purge()));
    });
  }

  // ---- topics ----------------------------------------------------------------

  createTopic(streamId: Identifier, settings: TopicSettings): Promise<TopicInfo> {
    return this.#meta.run(async () => {
      if (settings.partitionsCount > PROTOCOL.partitionsPerRequestMax) {
        throw IggyError.of('TooManyPartitions', `${settings.partitionsCount} > ${PROTOCOL.partitionsPerRequestMax}`);
      }
      const stream = this.#stream(streamId);
      const maxTopicSizeBytes = settings.maxTopicSizeBytes === 0n ? toU64(this.#config.system.topic.max_size) : settings.maxTopicSizeBytes;
      if (settings.maxTopicSizeBytes !== 0n && settings.maxTopicSizeBytes !== U64_MAX && settings.maxTopicSizeBytes < BigInt(this.#config.system.segment.size)) {
        throw IggyError.of('InvalidTopicSize', `${settings.maxTopicSizeBytes} B is below the segment size ${this.#config.system.segment.size} B`);
      }
      if (stream.topicsByName.has(settings.name)) throw IggyError.of('TopicNameAlreadyExists', `${settings.name} in stream ${stream.id}`);
      const id = stream.topicIds.allocate();
      const record: StateRecord = {
        op: 'topic.create',
        streamId: stream.id,
        id,
        name: settings.name,
        createdAtUs: nowUs(),
        partitionsCount: settings.partitionsCount,
        compression: settings.compression,
        messageExpiryUs: settings.messageExpiryUs === 0n ? toU64(this.#config.system.topic.message_expiry) : settings.messageExpiryUs,
        maxTopicSizeBytes,
        replicationFactor: settings.replicationFactor === 0 ? 1 : settings.replicationFactor,
      };
      try {
        await this.#persist(record);
      } catch (error) {
        stream.topicIds.release(id);
        throw error;
      }
      await mkdir(join(this.#topicDir(stream.id, id), 'partitions'), { recursive: true });
      const partitions: Partition[] = [];
      for (let p = 0; p < settings.partitionsCount; p += 1) {
        partitions.push(await Partition.create(this.#partitionDir(stream.id, id, p), p, record.createdAtUs, this.#settings));
      }
      this.#apply(record);
      const topic = stream.topics.get(id)!;
      topic.partitions = partitions;
      return this.#topicInfo(topic);
    });
  }

  findTopic(streamId: Identifier, topicId: Identifier): TopicInfo | undefined {
    const stream = this.#findStream(streamId);
    const topic = stream === undefined ? undefined : this.#findTopic(stream, topicId);
    return topic === undefined ? undefined : this.#topicInfo(topic);
  }

  getTopic(streamId: Identifier, topicId: Identifier): TopicInfo {
    return this.#topicInfo(this.#topic(streamId, topicId));
  }

  listTopics(streamId: Identifier): TopicInfo[] {
    return [...this.#stream(streamId).topics.values()].sort((a, b) => a.id - b.id).map((topic) => this.#topicInfo(topic));
  }

  listPartitions(streamId: Identifier, topicId: Identifier): PartitionInfo[] {
    return this.#topic(streamId, topicId).partitions.map((partition) => partition.info());
  }

  updateTopic(streamId: Identifier, topicId: Identifier, settings: TopicSettings): Promise<void> {
    return this.#meta.run(async () => {
      const topic = this.#topic(streamId, topicId);
      const stream = this.#streams.get(topic.streamId)!;
      const holder = stream.topicsByName.get(settings.name);
      if (holder !== undefined && holder !== topic.id) throw IggyError.of('TopicNameAlreadyExists', `${settings.name} in stream ${stream.id}`);
      const record: StateRecord = {
        op: 'topic.update',
        streamId: stream.id,
        id: topic.id,
        name: settings.name,
        compression: settings.compression,
        messageExpiryUs: settings.messageExpiryUs,
        maxTopicSizeBytes: settings.maxTopicSizeBytes,
        replicationFactor: settings.replicationFactor === 0 ? 1 : settings.replicationFactor,
      };
      await this.#persist(record);
      this.#apply(record);
    });
  }

  deleteTopic(streamId: Identifier, topicId: Identifier): Promise<void> {
    return this.#meta.run(async () => {
      const topic = this.#topic(streamId, topicId);
      const record: StateRecord = { op: 'topic.delete', streamId: topic.streamId, id: topic.id };
      await this.#persist(record);
      this.#apply(record);
      for (const partition of topic.partitions) await partition.destroy();
      await rm(this.#topicDir(topic.streamId, topic.id), { recursive: true, force: true });
    });
  }

  purgeTopic(streamId: Identifier, topicId: Identifier): Promise<void> {
    return this.#meta.run(async () => {
      const topic = this.#topic(streamId, topicId);
      await Promise.all(topic.partitions.map((partition) => partition.purge()));
    });
  }

  // ---- partitions and segments -------------------------------------------------

  createPartitions(streamId: Identifier, topicId: Identifier, count: number): Promise<void> {
    return this.#meta.run(async () => {
      if (count < 1 || count > PROTOCOL.partitionsPerRequestMax) {
        throw IggyError.of('TooManyPartitions', `${count} is not in 1..=${PROTOCOL.partitionsPerRequestMax}`);
      }
      const topic = this.#topic(streamId, topicId);
      const record: StateRecord = { op: 'partitions.create', streamId: topic.streamId, topicId: topic.id, count, createdAtUs: nowUs() };
      await this.#persist(record);
      const first = topic.partitions.length;
      const created: Partition[] = [];
      for (let id = first; id < first + count; id += 1) {
        created.push(await Partition.create(this.#partitionDir(topic.streamId, topic.id, id), id, record.createdAtUs, this.#settings));
      }
      this.#apply(record);
      topic.partitions.push(...created);
    });
  }

  deletePartitions(streamId: Identifier, topicId: Identifier, count: number): Promise<void> {
    return this.#meta.run(async () => {
      if (count < 1 || count > PROTOCOL.partitionsPerRequestMax) {
        throw IggyError.of('TooManyPartitions', `${count} is not in 1..=${PROTOCOL.partitionsPerRequestMax}`);
      }
      const topic = this.#topic(streamId, topicId);
      if (count > topic.partitions.length) {
        throw IggyError.of('InvalidPartitionsCount', `cannot delete ${count} of ${topic.partitions.length} partitions`);
      }
      const record: StateRecord = { op: 'partitions.delete', streamId: topic.streamId, topicId: topic.id, count };
      await this.#persist(record);
      this.#apply(record);
      const removed = topic.partitions.splice(topic.partitions.length - count, count);
      for (const partition of removed) {
        await partition.destroy();
        await rm(partition.directory, { recursive: true, force: true });
      }
    });
  }

  async deleteSegments(streamId: Identifier, topicId: Identifier, partitionId: number, count: number): Promise<void> {
    const partition = this.#partition(this.#topic(streamId, topicId), partitionId);
    await partition.removeOldestSegments(count);
  }

  // ---- messages ----------------------------------------------------------------

  #assertOpen(): void {
    if (this.#closed !== null) throw IggyError.of('Error', 'storage is closed');
  }

  async appendMessages(streamId: Identifier, topicId: Identifier, partitionId: number, batch: IncomingBatch): Promise<void> {
    this.#assertOpen();
    const partition = this.#partition(this.#topic(streamId, topicId), partitionId);
    const code = this.#core.validateBatch(batch.indexes, batch.messages, batch.count, this.#settings.batchLimits);
    if (code !== 0) throw IggyError.fromCode(code, `batch of ${batch.count} messages`);
    await partition.append(batch);
  }

  topicShape(streamId: Identifier, topicId: Identifier): TopicShape {
    const topic = this.#topic(streamId, topicId);
    return { streamId: topic.streamId, topicId: topic.id, createdAtUs: topic.createdAtUs, partitionsCount: topic.partitions.length };
  }

  partitionReader(streamId: Identifier, topicId: Identifier, partitionId: number): PartitionReader {
    this.#assertOpen();
    return this.#partition(this.#topic(streamId, topicId), partitionId);
  }

  async flushUnsavedBuffer(streamId: Identifier, topicId: Identifier, partitionId: number, fsync: boolean): Promise<void> {
    await this.#partition(this.#topic(streamId, topicId), partitionId).flush(fsync ? 'all' : this.#settings.enforceFsync ? 'log' : 'none');
  }

  // ---- consumer offsets ----------------------------------------------------------

  getConsumerOffset(streamId: Identifier, topicId: Identifier, partitionId: number, consumer: ConsumerKey): ConsumerOffsetInfo | undefined {
    const partition = this.#partition(this.#topic(streamId, topicId), partitionId);
    const stored = partition.getOffset(consumer);
    return stored === undefined ? undefined : { partitionId, currentOffset: partition.currentOffset, storedOffset: stored };
  }

  async storeConsumerOffset(streamId: Identifier, topicId: Identifier, partitionId: number, consumer: ConsumerKey, offset: bigint): Promise<void> {
    await this.#partition(this.#topic(streamId, topicId), partitionId).storeOffset(consumer, offset);
  }

  async deleteConsumerOffset(streamId: Identifier, topicId: Identifier, partitionId: number, consumer: ConsumerKey): Promise<void> {
    await this.#partition(this.#topic(streamId, topicId), partitionId).deleteOffset(consumer);
  }

  // ---- consumer groups -------------------------------------------------------------

  createConsumerGroup(streamId: Identifier, topicId: Identifier, name: string): Promise<ConsumerGroupInfo> {
    return this.#meta.run(async () => {
      const topic = this.#topic(streamId, topicId);
      if (topic.groupsByName.has(name)) throw IggyError.of('ConsumerGroupNameAlreadyExists', `${name} in topic ${topic.id}`);
      const id = topic.groupIds.allocate();
      const record: StateRecord = { op: 'group.create', streamId: topic.streamId, topicId: topic.id, id, name };
      try {
        await this.#persist(record);
      } catch (error) {
        topic.groupIds.release(id);
        throw error;
      }
      this.#apply(record);
      return this.#groupInfo(topic, topic.groups.get(id)!);
    });
  }

  findConsumerGroup(streamId: Identifier, topicId: Identifier, groupId: Identifier): ConsumerGroupInfo | undefined {
    const stream = this.#findStream(streamId);
    const topic = stream === undefined ? undefined : this.#findTopic(stream, topicId);
    const group = topic === undefined ? undefined : this.#findGroup(topic, groupId);
    return topic === undefined || group === undefined ? undefined : this.#groupInfo(topic, group);
  }

  getConsumerGroup(streamId: Identifier, topicId: Identifier, groupId: Identifier): ConsumerGroupInfo {
    const topic = this.#topic(streamId, topicId);
    const group = this.#findGroup(topic, groupId);
    if (group === undefined) throw IggyError.of('ConsumerGroupIdNotFound', `group ${Identifier.toString(groupId)} in topic ${topic.id}`);
    return this.#groupInfo(topic, group);
  }

  listConsumerGroups(streamId: Identifier, topicId: Identifier): ConsumerGroupInfo[] {
    const topic = this.#topic(streamId, topicId);
    return [...topic.groups.values()].sort((a, b) => a.id - b.id).map((group) => this.#groupInfo(topic, group));
  }

  deleteConsumerGroup(streamId: Identifier, topicId: Identifier, groupId: Identifier): Promise<void> {
    return this.#meta.run(async () => {
      const topic = this.#topic(streamId, topicId);
      const group = this.#findGroup(topic, groupId);
      if (group === undefined) throw IggyError.of('ConsumerGroupIdNotFound', `group ${Identifier.toString(groupId)} in topic ${topic.id}`);
      const record: StateRecord = { op: 'group.delete', streamId: topic.streamId, topicId: topic.id, id: group.id };
      await this.#persist(record);
      this.#apply(record);
      await Promise.all(topic.partitions.map((partition) => partition.deleteGroupOffset(group.id)));
    });
  }

  // ---- retention ------------------------------------------------------------------

  runMessageCleaner(): Promise<CleanerReport> {
    this.#cleaning ??= this.#clean().finally(() => {
      this.#cleaning = null;
    });
    return this.#cleaning;
  }

  async #clean(): Promise<CleanerReport> {
    const report: CleanerReport = { expiredSegments: 0, oversizeSegments: 0 };
    const now = nowUs();
    for (const stream of [...this.#streams.values()]) {
      for (const topic of [...stream.topics.values()]) {
        const expiryUs = this.#effectiveExpiryUs(topic);
        if (expiryUs !== U64_MAX) {
          for (const partition of topic.partitions) {
            report.expiredSegments += await partition.removeOldestSegments(
              Number.MAX_SAFE_INTEGER,
              (segment) => segment.lastTimestamp + expiryUs <= now,
            );
          }
        }
        const maxSizeBytes = this.#effectiveMaxSizeBytes(topic);
        if (maxSizeBytes !== U64_MAX) report.oversizeSegments += await this.#shrinkTopic(topic, maxSizeBytes);
      }
    }
    if (report.expiredSegments + report.oversizeSegments > 0) log.info({ ...report }, 'message cleaner removed segments');
    return report;
  }

  /** Once a topic reaches 90 % of its maximum, oldest sealed segments (across partitions) go until it is below. */
  async #shrinkTopic(topic: TopicModel, maxSizeBytes: bigint): Promise<number> {
    const threshold = (maxSizeBytes * 9n) / 10n;
    const topicSize = (): bigint => topic.partitions.reduce((sum, partition) => sum + partition.sizeBytes, 0n);
    if (topicSize() < threshold) return 0;
    let removed = 0;
    const stuck = new Set<Partition>();
    while (topicSize() >= threshold) {
      let oldest: { partition: Partition; timestamp: bigint } | null = null;
      for (const partition of topic.partitions) {
        if (stuck.has(partition) || partition.segments.length < 2) continue;
        const timestamp = partition.segments[0]!.firstTimestamp;
        if (oldest === null || timestamp < oldest.timestamp) oldest = { partition, timestamp };
      }
      if (oldest === null) break;
      const target = oldest.partition.segments[0]!;
      const count = await oldest.partition.removeOldestSegments(1, (segment) => segment === target);
      if (count === 0) stuck.add(oldest.partition);
      removed += count;
    }
    return removed;
  }
}
