// The storage engine (src/storage/types.ts `Storage`): streams → topics →
// partitions → segments under `system.path` (STORAGE.md §1). The catalogue
// (catalog.ts) is replayed from a checksummed append-only metadata log
// (metadata/metadata_log.ts) at start-up and changed through it
// (catalog_writer.ts); the user store of src/server/auth keeps its records in
// the same log. Retention and the periodic saver are retention.ts.
//
// Metadata changes run one at a time on the log's queue. Message traffic never
// waits on that queue: appends and polls resolve their target synchronously
// and go to the partition (partition/partition.ts).
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ServerConfig } from '../config/config.js';
import type { BatchLimits, Core } from '../core/core.js';
import { IggyError } from '../errors/iggy_error.js';
import { PROTOCOL } from '../limits.js';
import { log } from '../log.js';
import type { Identifier } from '../protocol/types.js';
import { Catalog, groupInfo, streamInfo, topicInfo } from './catalog.js';
import { CatalogWriter } from './catalog_writer.js';
import { partitionDir, reconcileDirectories } from './layout.js';
import { MetadataLog, type MetadataWriter, type RecordApplier } from './metadata/metadata_log.js';
import { MessageCache } from './partition/message_cache.js';
import { Partition, type PartitionSettings } from './partition/partition.js';
import { ReadBlocks } from './partition/read_blocks.js';
import { BLOCK_ARENA_BYTES, BlockBuffers } from './partition/block_buffers.js';
import { PayloadPool, arenaBytesFor } from './partition/payload_pool.js';
import { SlabPool } from './partition/slab_pool.js';
import { BackgroundJobs, type CleanerReport, Retention, toU64 } from './retention.js';
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

export type { CleanerReport } from './retention.js';

export interface StorageOptions {
  /** Overrides config.limits.messages_per_batch_max and the protocol payload limits (tests). */
  batchLimits?: Partial<BatchLimits>;
  /** Keepers of records above storage (the user store), replayed into at start-up. */
  appliers?: readonly RecordApplier[];
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

/** Written by close() once everything is on disk (state/clean_shutdown). */
const CLEAN_SHUTDOWN_MARKER = 'clean_shutdown';

export async function openStorage(config: ServerConfig, core: Core, options: StorageOptions = {}): Promise<StorageEngine> {
  const engine = new Engine(config, core, options);
  await engine.start();
  return engine;
}

/** Memory the core works on in place if it has such memory and can spare it, else plain memory. */
function hostBuffer(core: Core, sizeBytes: number): Buffer {
  let memory: Uint8Array | null = null;
  try {
    memory = core.hostMemory(sizeBytes);
  } catch (error) {
    log.warn({ sizeBytes, error: String(error) }, 'the core cannot spare memory for the payload arena; using plain memory');
  }
  return memory === null ? Buffer.allocUnsafeSlow(sizeBytes) : Buffer.from(memory.buffer, memory.byteOffset, memory.byteLength);
}

function partitionSettings(config: ServerConfig, core: Core, options: StorageOptions): PartitionSettings {
  const partition = config.system.partition;
  const dedup = config.system.message_deduplication;
  const cacheBytes = Number.isFinite(config.system.cache.size) ? config.system.cache.size : Number.MAX_SAFE_INTEGER;
  return {
    core,
    cache: new MessageCache(cacheBytes),
    slabs: new SlabPool(),
    payloads: new PayloadPool(arenaBytesFor(cacheBytes), (sizeBytes) => hostBuffer(core, sizeBytes)),
    readBlocks: new ReadBlocks(new BlockBuffers(BLOCK_ARENA_BYTES, (sizeBytes) => hostBuffer(core, sizeBytes))),
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

class Engine implements StorageEngine {
  readonly #config: ServerConfig;
  readonly #core: Core;
  readonly #root: string;
  readonly #settings: PartitionSettings;
  readonly #catalog = new Catalog();
  readonly #meta: MetadataLog;
  readonly #writer: CatalogWriter;
  readonly #retention: Retention;
  #jobs: BackgroundJobs | null = null;
  #closed: Promise<void> | null = null;

  get metadata(): MetadataWriter {
    return this.#meta;
  }

  constructor(config: ServerConfig, core: Core, options: StorageOptions) {
    this.#config = config;
    this.#core = core;
    this.#root = config.system.path;
    this.#meta = new MetadataLog([this.#catalog.applier, ...(options.appliers ?? [])]);
    this.#settings = partitionSettings(config, core, options);
    const assertOpen = (): void => this.#assertOpen();
    this.#writer = new CatalogWriter({ catalog: this.#catalog, meta: this.#meta, settings: this.#settings, config, assertOpen });
    this.#retention = new Retention(this.#catalog, config);
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
    await reconcileDirectories(this.#root, this.#catalog);
    for (const topic of this.#catalog.topics()) {
      for (let id = 0; id < topic.partitionCreatedAt.length; id += 1) {
        const directory = partitionDir(this.#root, topic.streamId, topic.id, id);
        topic.partitions.push(await Partition.load(directory, id, topic.partitionCreatedAt[id]!, this.#settings, cleanShutdown));
      }
    }
    log.info({ path: this.#root, records, streams: this.#catalog.streams.size, cleanShutdown }, 'storage opened');
    this.#jobs = new BackgroundJobs(this.#config, () => this.flushAll(false), this.#retention);
  }

  close(): Promise<void> {
    this.#closed ??= (async () => {
      await this.#jobs?.stop();
      await this.#meta.drain();
      await this.#retention.idle();
      for (const partition of this.#catalog.partitions()) await partition.close();
      await this.#meta.close();
      await writeFile(join(this.#root, 'state', CLEAN_SHUTDOWN_MARKER), '', { flush: true });
    })();
    return this.#closed;
  }

  #assertOpen(): void {
    if (this.#closed !== null) throw IggyError.of('Error', 'storage is closed');
  }

  /** A flush asked with or without fsync; enforce_fsync already keeps the .log files synced. */
  #flushMode(fsync: boolean): 'all' | 'log' | 'none' {
    return fsync ? 'all' : this.#settings.enforceFsync ? 'log' : 'none';
  }

  async flushAll(fsync: boolean): Promise<void> {
    const mode = this.#flushMode(fsync);
    await Promise.all([...this.#catalog.partitions()].map((partition) => partition.flush(mode)));
  }

  runMessageCleaner(): Promise<CleanerReport> {
    return this.#retention.run();
  }

  memoryStats(): { slabsRecycled: number; freeSlabs: number } {
    return { slabsRecycled: this.#settings.slabs.recycled, freeSlabs: this.#settings.slabs.freeSlabs };
  }

  stats(): StorageStats {
    return {
      ...this.#catalog.stats(),
      readBytes: BigInt(this.#settings.counters.readBytes),
      writtenBytes: BigInt(this.#settings.counters.writtenBytes + this.#meta.writtenBytes),
    };
  }

  // ---- streams, topics, partitions, segments ----------------------------------

  createStream(name: string): Promise<StreamInfo> {
    return this.#writer.createStream(name);
  }

  findStream(id: Identifier): StreamInfo | undefined {
    const stream = this.#catalog.findStream(id);
    return stream === undefined ? undefined : streamInfo(stream);
  }

  getStream(id: Identifier): StreamInfo {
    return streamInfo(this.#catalog.stream(id));
  }

  listStreams(): StreamInfo[] {
    return [...this.#catalog.streams.values()].sort((a, b) => a.id - b.id).map(streamInfo);
  }

  updateStream(id: Identifier, name: string): Promise<void> {
    return this.#writer.updateStream(id, name);
  }

  deleteStream(id: Identifier): Promise<void> {
    return this.#writer.deleteStream(id);
  }

  purgeStream(id: Identifier): Promise<void> {
    return this.#writer.purgeStream(id);
  }

  createTopic(streamId: Identifier, settings: TopicSettings): Promise<TopicInfo> {
    return this.#writer.createTopic(streamId, settings);
  }

  findTopic(streamId: Identifier, topicId: Identifier): TopicInfo | undefined {
    const topic = this.#catalog.findTopic(streamId, topicId);
    return topic === undefined ? undefined : topicInfo(topic);
  }

  getTopic(streamId: Identifier, topicId: Identifier): TopicInfo {
    return topicInfo(this.#catalog.topic(streamId, topicId));
  }

  listTopics(streamId: Identifier): TopicInfo[] {
    return [...this.#catalog.stream(streamId).topics.values()].sort((a, b) => a.id - b.id).map(topicInfo);
  }

  listPartitions(streamId: Identifier, topicId: Identifier): PartitionInfo[] {
    return this.#catalog.topic(streamId, topicId).partitions.map((partition) => partition.info());
  }

  updateTopic(streamId: Identifier, topicId: Identifier, settings: TopicSettings): Promise<void> {
    return this.#writer.updateTopic(streamId, topicId, settings);
  }

  deleteTopic(streamId: Identifier, topicId: Identifier): Promise<void> {
    return this.#writer.deleteTopic(streamId, topicId);
  }

  purgeTopic(streamId: Identifier, topicId: Identifier): Promise<void> {
    return this.#writer.purgeTopic(streamId, topicId);
  }

  createPartitions(streamId: Identifier, topicId: Identifier, count: number): Promise<void> {
    return this.#writer.createPartitions(streamId, topicId, count);
  }

  deletePartitions(streamId: Identifier, topicId: Identifier, count: number): Promise<void> {
    return this.#writer.deletePartitions(streamId, topicId, count);
  }

  async deleteSegments(streamId: Identifier, topicId: Identifier, partitionId: number, count: number): Promise<void> {
    await this.#catalog.partition(streamId, topicId, partitionId).removeOldestSegments(count);
  }

  // ---- messages ----------------------------------------------------------------

  async appendMessages(streamId: Identifier, topicId: Identifier, partitionId: number, batch: IncomingBatch): Promise<void> {
    this.#assertOpen();
    const partition = this.#catalog.partition(streamId, topicId, partitionId);
    const code = this.#core.validateBatch(batch.indexes, batch.messages, batch.count, this.#settings.batchLimits);
    if (code !== 0) throw IggyError.fromCode(code, `batch of ${batch.count} messages`);
    await partition.append(batch);
  }

  /** Makes the payload arena resident now (PayloadPool.reserveArena): the server does this before it listens. */
  reservePayloadArena(): void {
    this.#settings.payloads.reserveArena();
  }

  payloadBuffer(sizeBytes: number): Buffer {
    return this.#settings.payloads.take(sizeBytes);
  }

  returnBytes(chunks: readonly Uint8Array[]): void {
    for (const chunk of chunks) {
      this.#settings.readBlocks.returned(chunk);
      this.#settings.slabs.returned(chunk);
      this.#settings.payloads.returned(chunk);
    }
  }

  topicShape(streamId: Identifier, topicId: Identifier): TopicShape {
    const topic = this.#catalog.topic(streamId, topicId);
    return { streamId: topic.streamId, topicId: topic.id, createdAtUs: topic.createdAtUs, partitionsCount: topic.partitions.length };
  }

  partitionReader(streamId: Identifier, topicId: Identifier, partitionId: number): PartitionReader {
    this.#assertOpen();
    return this.#catalog.partition(streamId, topicId, partitionId);
  }

  async flushUnsavedBuffer(streamId: Identifier, topicId: Identifier, partitionId: number, fsync: boolean): Promise<void> {
    await this.#catalog.partition(streamId, topicId, partitionId).flush(this.#flushMode(fsync));
  }

  // ---- consumer offsets ----------------------------------------------------------

  getConsumerOffset(streamId: Identifier, topicId: Identifier, partitionId: number, consumer: ConsumerKey): ConsumerOffsetInfo | undefined {
    const partition = this.#catalog.partition(streamId, topicId, partitionId);
    const stored = partition.getOffset(consumer);
    return stored === undefined ? undefined : { partitionId, currentOffset: partition.currentOffset, storedOffset: stored };
  }

  async storeConsumerOffset(streamId: Identifier, topicId: Identifier, partitionId: number, consumer: ConsumerKey, offset: bigint): Promise<void> {
    await this.#catalog.partition(streamId, topicId, partitionId).storeOffset(consumer, offset);
  }

  async deleteConsumerOffset(streamId: Identifier, topicId: Identifier, partitionId: number, consumer: ConsumerKey): Promise<void> {
    await this.#catalog.partition(streamId, topicId, partitionId).deleteOffset(consumer);
  }

  // ---- consumer groups -------------------------------------------------------------

  createConsumerGroup(streamId: Identifier, topicId: Identifier, name: string): Promise<ConsumerGroupInfo> {
    return this.#writer.createConsumerGroup(streamId, topicId, name);
  }

  findConsumerGroup(streamId: Identifier, topicId: Identifier, groupId: Identifier): ConsumerGroupInfo | undefined {
    const topic = this.#catalog.findTopic(streamId, topicId);
    const group = topic === undefined ? undefined : this.#catalog.findGroup(topic, groupId);
    return topic === undefined || group === undefined ? undefined : groupInfo(topic, group);
  }

  getConsumerGroup(streamId: Identifier, topicId: Identifier, groupId: Identifier): ConsumerGroupInfo {
    const topic = this.#catalog.topic(streamId, topicId);
    return groupInfo(topic, this.#catalog.group(topic, groupId));
  }

  listConsumerGroups(streamId: Identifier, topicId: Identifier): ConsumerGroupInfo[] {
    const topic = this.#catalog.topic(streamId, topicId);
    return [...topic.groups.values()].sort((a, b) => a.id - b.id).map((group) => groupInfo(topic, group));
  }

  deleteConsumerGroup(streamId: Identifier, topicId: Identifier, groupId: Identifier): Promise<void> {
    return this.#writer.deleteConsumerGroup(streamId, topicId, groupId);
  }
}
