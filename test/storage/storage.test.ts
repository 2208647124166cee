// The storage engine over real files in temp directories, under both cores:
// metadata and ids, restart persistence, every polling strategy across
// segment boundaries, roll-over, offsets, error codes with nothing written,
// deduplication, purge, users and tokens.
import { open as openFile, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../src/core/core.js';
import { IggyError } from '../../src/errors/iggy_error.js';
import { CompressionAlgorithm, Identifier, PollingKind, U64_MAX } from '../../src/protocol/types.js';
import { openStorage, type StorageEngine } from '../../src/storage/storage.js';
import type { ConsumerKey, TopicSettings } from '../../src/storage/types.js';
import { buildBatch, CORE_KINDS, coreFor, decodeMessages, pollStorage, storageConfig, tempDir, textBatch, type ConfigPatch } from './helpers.js';

const S = Identifier.numeric;
const N = Identifier.string;
const consumer = (id: number): ConsumerKey => ({ kind: 'consumer', id });
const group = (id: number): ConsumerKey => ({ kind: 'group', id });
const strategy = (kind: PollingKind, value = 0n) => ({ kind, value });

function topicSettings(name: string, partitionsCount = 1, extra: Partial<TopicSettings> = {}): TopicSettings {
  return {
    name,
    partitionsCount,
    compression: CompressionAlgorithm.None,
    messageExpiryUs: 0n,
    maxTopicSizeBytes: 0n,
    replicationFactor: 0,
    ...extra,
  };
}

async function expectCode(promise: Promise<unknown> | (() => unknown), code: number): Promise<void> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    expect(error).toBeInstanceOf(IggyError);
    expect((error as IggyError).code).toBe(code);
    return;
  }
  throw new Error(`expected IggyError ${code}`);
}

describe.each(CORE_KINDS)('storage engine (%s core)', (kind) => {
  let core: Core;
  let dir: { path: string; remove: () => Promise<void> };
  const open: StorageEngine[] = [];

  beforeAll(async () => {
    core = await coreFor(kind);
  });

  async function start(patch?: ConfigPatch): Promise<StorageEngine> {
    dir ??= await tempDir();
    const storage = await openStorage(storageConfig(dir.path, patch), core);
    open.push(storage);
    return storage;
  }

  async function restart(storage: StorageEngine, patch?: ConfigPatch): Promise<StorageEngine> {
    await storage.close();
    return start(patch);
  }

  afterEach(async () => {
    for (const storage of open.splice(0)) await storage.close();
    await dir?.remove();
    dir = undefined as never;
  });

  async function pollTexts(storage: StorageEngine, partitionId: number, kindOf: PollingKind, value: bigint, count: number, who = consumer(1), autoCommit = false) {
    const result = await pollStorage(storage, S(0), S(0), partitionId, who, strategy(kindOf, value), count, autoCommit);
    const messages = decodeMessages(result.chunks);
    expect(messages.length).toBe(result.count);
    return { result, messages, texts: messages.map((m) => m.text), offsets: messages.map((m) => m.offset) };
  }

  it('creates streams, topics and groups with Iggy ids and names, and keeps them across a restart', async () => {
    let storage = await start();
    const a = await storage.createStream('alpha');
    const b = await storage.createStream('beta');
    expect([a.id, b.id]).toEqual([0, 1]);
    await expectCode(storage.createStream('alpha'), 1012);
    const topic = await storage.createTopic(N('beta'), topicSettings('orders', 3));
    expect(topic).toMatchObject({ id: 0, partitionsCount: 3, messageExpiryUs: U64_MAX, maxTopicSizeBytes: U64_MAX, replicationFactor: 1 });
    await expectCode(storage.createTopic(S(1), topicSettings('orders')), 2013);
    await expectCode(storage.createTopic(S(9), topicSettings('x')), 1009);
    await expectCode(storage.createTopic(S(1), topicSettings('x', 1001)), 2015);
    await expectCode(storage.createTopic(S(1), topicSettings('x', 1, { maxTopicSizeBytes: 1000n })), 1019);
    const g = await storage.createConsumerGroup(S(1), N('orders'), 'workers');
    expect(g).toMatchObject({ id: 0, streamId: 1, topicId: 0, partitionsCount: 3 });
    await expectCode(storage.createConsumerGroup(S(1), S(0), 'workers'), 5004);

    // Most recently freed id first (BINARY.md §7).
    await storage.createStream('gamma');
    await storage.deleteStream(S(0));
    await storage.deleteStream(N('gamma'));
    expect((await storage.createStream('delta')).id).toBe(2);
    expect((await storage.createStream('epsilon')).id).toBe(0);
    await storage.updateStream(N('delta'), 'delta2');
    await expectCode(storage.updateStream(S(2), 'beta'), 1012);
    await storage.createPartitions(S(1), S(0), 2);
    await storage.deletePartitions(S(1), S(0), 1);
    await expectCode(storage.deletePartitions(S(1), S(0), 5), 2019);
    await storage.updateTopic(S(1), S(0), topicSettings('orders2', 0, { messageExpiryUs: 5_000_000n }));
    const partitionsDir = join(dir.path, 'streams', '1', 'topics', '0', 'partitions');
    expect((await readdir(partitionsDir)).sort()).toEqual(['0', '1', '2', '3']);
    expect((await readdir(join(partitionsDir, '0'))).sort()).toEqual(['00000000000000000000.index', '00000000000000000000.log', 'offsets']);

    storage = await restart(storage);
    expect(storage.listStreams().map((s) => [s.id, s.name])).toEqual([
      [0, 'epsilon'],
      [1, 'beta'],
      [2, 'delta2'],
    ]);
    const reloaded = storage.getTopic(S(1), N('orders2'));
    expect(reloaded).toMatchObject({ id: 0, partitionsCount: 4, messageExpiryUs: 5_000_000n, createdAtUs: topic.createdAtUs });
    expect(storage.listPartitions(S(1), S(0)).map((p) => p.id)).toEqual([0, 1, 2, 3]);
    expect(storage.getConsumerGroup(S(1), S(0), N('workers')).partitionsCount).toBe(4);
    expect(storage.findStream(N('alpha'))).toBeUndefined();
    await expectCode(() => storage.getStream(N('gamma')), 1009);
    expect((await storage.createStream('zeta')).id).toBe(3);
    expect(storage.stats()).toMatchObject({ streamsCount: 4, topicsCount: 1, partitionsCount: 4, consumerGroupsCount: 1 });
    await storage.deleteConsumerGroup(S(1), S(0), S(0));
    await expectCode(storage.deleteConsumerGroup(S(1), S(0), S(0)), 5000);
    await storage.deleteTopic(S(1), S(0));
    await expectCode(() => storage.getTopic(S(1), S(0)), 2010);
    expect(await readdir(join(dir.path, 'streams', '1', 'topics'))).toEqual([]);
  });

  it('polls by offset, timestamp, first, last and next across segment boundaries, before and after a restart', async () => {
    // Tiny segments (each batch of 5 text messages is 340 bytes) so polls span many segments.
    const patch: ConfigPatch = (config) => {
      config.system.segment.size = 600;
      config.system.partition.messages_required_to_save = 7;
    };
    let storage = await start(patch);
    await storage.createStream('s');
    await storage.createTopic(S(0), topicSettings('t', 1));
    const timestamps: bigint[] = [];
    for (let b = 0; b < 10; b += 1) {
      await storage.appendMessages(S(0), S(0), 0, textBatch(`b${b}`, 5));
      const last = await pollTexts(storage, 0, PollingKind.Last, 0n, 1);
      timestamps.push(last.messages[0]!.timestamp);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const all = Array.from({ length: 50 }, (_, i) => `b${Math.floor(i / 5)}-${i % 5}`);
    const [partition] = storage.listPartitions(S(0), S(0));
    expect(partition).toMatchObject({ currentOffset: 49n, messagesCount: 50n });
    expect(partition!.segmentsCount).toBeGreaterThanOrEqual(5);

    const check = async (engine: StorageEngine) => {
      expect((await pollTexts(engine, 0, PollingKind.Offset, 0n, 50)).texts).toEqual(all);
      expect((await pollTexts(engine, 0, PollingKind.Offset, 7n, 20)).texts).toEqual(all.slice(7, 27));
      expect((await pollTexts(engine, 0, PollingKind.Offset, 7n, 20)).offsets).toEqual(Array.from({ length: 20 }, (_, i) => BigInt(7 + i)));
      expect((await pollTexts(engine, 0, PollingKind.Offset, 48n, 20)).texts).toEqual(all.slice(48));
      expect((await pollTexts(engine, 0, PollingKind.Offset, 50n, 20)).texts).toEqual([]);
      expect((await pollTexts(engine, 0, PollingKind.First, 0n, 3)).texts).toEqual(all.slice(0, 3));
      expect((await pollTexts(engine, 0, PollingKind.Last, 0n, 12)).texts).toEqual(all.slice(38));
      expect((await pollTexts(engine, 0, PollingKind.Last, 0n, 500)).texts).toEqual(all);
      expect((await pollTexts(engine, 0, PollingKind.Timestamp, timestamps[3]!, 7)).texts).toEqual(all.slice(15, 22));
      expect((await pollTexts(engine, 0, PollingKind.Timestamp, timestamps[3]! + 1n, 5)).texts).toEqual(all.slice(20, 25));
      expect((await pollTexts(engine, 0, PollingKind.Timestamp, 0n, 2)).texts).toEqual(all.slice(0, 2));
      expect((await pollTexts(engine, 0, PollingKind.Timestamp, timestamps[9]! + 1n, 5)).texts).toEqual([]);
      const zero = await pollTexts(engine, 0, PollingKind.Offset, 0n, 0);
      expect(zero.result).toMatchObject({ count: 0, currentOffset: 49n, partitionId: 0 });
      for (const message of (await pollTexts(engine, 0, PollingKind.First, 0n, 50)).messages) {
        expect(message.checksum).toBe(core.xxh3_64(message.raw.subarray(8)));
        expect(message.id).not.toBe(0n); // ids assigned for id 0
      }
    };
    await check(storage);
    // Next + auto-commit walks the partition once per consumer.
    const seen: string[] = [];
    for (;;) {
      const next = await pollTexts(storage, 0, PollingKind.Next, 0n, 8, consumer(42), true);
      if (next.result.count === 0) break;
      seen.push(...next.texts);
    }
    expect(seen).toEqual(all);
    expect(storage.getConsumerOffset(S(0), S(0), 0, consumer(42))?.storedOffset).toBe(49n);

    storage = await restart(storage, (config) => {
      patch(config);
      config.system.cache.size = 0; // every read from the segment files
      config.system.segment.cache_indexes = 'none'; // and every sealed index loaded on demand
    });
    await check(storage);
    expect(storage.stats().readBytes).toBeGreaterThan(0n);
    expect(storage.getConsumerOffset(S(0), S(0), 0, consumer(42))?.storedOffset).toBe(49n);
    expect((await pollTexts(storage, 0, PollingKind.Next, 0n, 8, consumer(42), true)).texts).toEqual([]);
    // Appending after the restart continues the offsets.
    await storage.appendMessages(S(0), S(0), 0, textBatch('after', 2));
    expect((await pollTexts(storage, 0, PollingKind.Next, 0n, 8, consumer(42), true)).offsets).toEqual([50n, 51n]);
  });

  it('gives concurrent Next + auto-commit polls of one consumer disjoint messages', async () => {
    let storage = await start((config) => {
      config.system.cache.size = 0; // reads await the disk, so the polls really overlap
    });
    await storage.createStream('s');
    await storage.createTopic(S(0), topicSettings('t', 1));
    for (let b = 0; b < 10; b += 1) await storage.appendMessages(S(0), S(0), 0, textBatch(`n${b}`, 10));
    storage = await restart(storage, (config) => {
      config.system.cache.size = 0;
    });
    const polls = await Promise.all(
      Array.from({ length: 12 }, () => pollStorage(storage, S(0), S(0), 0, group(3), strategy(PollingKind.Next), 9, true)),
    );
    const offsets = polls.flatMap((poll) => decodeMessages(poll.chunks).map((m) => m.offset));
    expect(offsets).toEqual(Array.from({ length: 100 }, (_, i) => BigInt(i)));
    expect(storage.getConsumerOffset(S(0), S(0), 0, group(3))?.storedOffset).toBe(99n);
    storage = await restart(storage);
    expect(storage.getConsumerOffset(S(0), S(0), 0, group(3))?.storedOffset).toBe(99n);
  });

  it('rolls segments over at the configured size and names them by start offset', async () => {
    const storage = await start((config) => {
      config.system.segment.size = 1000;
      config.system.segment.cache_indexes = 'all';
    });
    await storage.createStream('s');
    await storage.createTopic(S(0), topicSettings('t', 1));
    for (let b = 0; b < 6; b += 1) {
      await storage.appendMessages(S(0), S(0), 0, buildBatch([{ payload: new Uint8Array(436) }])); // 500-byte messages
    }
    await storage.flushUnsavedBuffer(S(0), S(0), 0, true);
    const dirPath = join(dir.path, 'streams', '0', 'topics', '0', 'partitions', '0');
    const logs = (await readdir(dirPath)).filter((name) => name.endsWith('.log')).sort();
    expect(logs).toEqual(['00000000000000000000.log', '00000000000000000002.log', '00000000000000000004.log', '00000000000000000006.log']);
    expect((await stat(join(dirPath, logs[0]!))).size).toBe(1000);
    expect((await stat(join(dirPath, '00000000000000000002.index'))).size).toBe(32);
    const index = await readFile(join(dirPath, '00000000000000000002.index'));
    expect([index.readUInt32LE(0), index.readUInt32LE(4), index.readUInt32LE(16), index.readUInt32LE(20)]).toEqual([0, 500, 1, 1000]);
    expect(storage.listPartitions(S(0), S(0))[0]).toMatchObject({ segmentsCount: 4, messagesCount: 6n, sizeBytes: 3000n });
  });

  it('appends to the partition asked for and rejects missing targets', async () => {
    const storage = await start();
    await storage.createStream('s');
    await storage.createTopic(S(0), topicSettings('t', 3));
    await storage.appendMessages(S(0), N('t'), 2, textBatch('p', 1));
    expect(storage.listPartitions(S(0), S(0)).map((p) => p.messagesCount)).toEqual([0n, 0n, 1n]);
    expect(storage.topicShape(S(0), N('t'))).toMatchObject({ streamId: 0, topicId: 0, partitionsCount: 3 });
    await expectCode(storage.appendMessages(S(0), S(0), 3, textBatch('p', 1)), 3007);
    await expectCode(storage.appendMessages(S(5), S(0), 0, textBatch('p', 1)), 1009);
    await expectCode(storage.appendMessages(S(0), S(7), 0, textBatch('p', 1)), 2010);
    expect(() => storage.topicShape(S(0), S(7))).toThrow(expect.objectContaining({ code: 2010 }));
    await expectCode(pollStorage(storage, S(0), S(0), 9, consumer(1), strategy(PollingKind.First), 1, false), 3007);
  });

  it('rejects bad batches with their code and writes nothing', async () => {
    const storage = await start((config) => {
      config.system.partition.enforce_fsync = true;
    });
    await storage.createStream('s');
    await storage.createTopic(S(0), topicSettings('t', 1));
    await storage.appendMessages(S(0), S(0), 0, textBatch('ok', 2));

    const oversize = buildBatch([{ payload: new Uint8Array(10) }, { payload: new Uint8Array(64_000_001) }]);
    await expectCode(storage.appendMessages(S(0), S(0), 0, oversize), 4022);
    const headers = buildBatch([{ payload: new Uint8Array(1), userHeaders: new Uint8Array(100_001) }]);
    await expectCode(storage.appendMessages(S(0), S(0), 0, headers), 4017);
    const corrupt = textBatch('bad', 3);
    new DataView(corrupt.messages.buffer).setUint32(52, 9999, true); // first payload length lies
    await expectCode(storage.appendMessages(S(0), S(0), 0, corrupt), 4033);
    const badIndex = textBatch('bad', 2);
    new DataView(badIndex.indexes.buffer).setUint32(0, 5, true);
    await expectCode(storage.appendMessages(S(0), S(0), 0, badIndex), 4031);
    await expectCode(storage.appendMessages(S(0), S(0), 0, { count: 0, indexes: new Uint8Array(0), messages: new Uint8Array(0) }), 4009);

    expect(storage.listPartitions(S(0), S(0))[0]).toMatchObject({ currentOffset: 1n, messagesCount: 2n });
    const file = join(dir.path, 'streams', '0', 'topics', '0', 'partitions', '0', '00000000000000000000.log');
    expect((await stat(file)).size).toBe(Number(storage.listPartitions(S(0), S(0))[0]!.sizeBytes));
    expect((await pollTexts(storage, 0, PollingKind.First, 0n, 10)).texts).toEqual(['ok-0', 'ok-1']);
  });

  it('keeps an owned copy: reusing the request buffer after append changes nothing', async () => {
    const storage = await start();
    await storage.createStream('s');
    await storage.createTopic(S(0), topicSettings('t', 1));
    const batch = textBatch('orig', 2);
    await storage.appendMessages(S(0), S(0), 0, batch);
    batch.messages.fill(0x41);
    expect((await pollTexts(storage, 0, PollingKind.First, 0n, 10)).texts).toEqual(['orig-0', 'orig-1']);
  });

  it('keeps a batch read into a payload buffer where it is, stamped in place', async () => {
    const storage = await start();
    await storage.createStream('s');
    await storage.createTopic(S(0), topicSettings('t', 1));
    const built = textBatch('given', 2);
    const lent = storage.payloadBuffer(built.messages.length);
    lent.set(built.messages);
    const batch = { ...built, messages: lent };
    await storage.appendMessages(S(0), S(0), 0, batch);
    const view = new DataView(batch.messages.buffer, batch.messages.byteOffset);
    expect(view.getBigUint64(64 + 7 + 24, true)).toBe(1n); // the second message's offset, stamped in the request's bytes
    expect((await pollTexts(storage, 0, PollingKind.First, 0n, 10)).texts).toEqual(['given-0', 'given-1']);
  });

  it('stores, reads, deletes and persists consumer offsets with the right errors', async () => {
    let storage = await start();
    await storage.createStream('s');
    await storage.createTopic(S(0), topicSettings('t', 2));
    await storage.createConsumerGroup(S(0), S(0), 'g');
    await expectCode(storage.storeConsumerOffset(S(0), S(0), 0, consumer(1), 0n), 4100); // never held a message
    await storage.appendMessages(S(0), S(0), 0, textBatch('m', 5));
    await expectCode(storage.storeConsumerOffset(S(0), S(0), 0, consumer(1), 5n), 4100);
    await expectCode(storage.storeConsumerOffset(S(0), S(0), 2, consumer(1), 0n), 3007);
    await storage.storeConsumerOffset(S(0), S(0), 0, consumer(1), 3n);
    await storage.storeConsumerOffset(S(0), S(0), 0, consumer(1), 2n); // may move backwards
    await storage.storeConsumerOffset(S(0), S(0), 0, group(0), 4n);
    expect(storage.getConsumerOffset(S(0), S(0), 0, consumer(1))).toEqual({ partitionId: 0, currentOffset: 4n, storedOffset: 2n });
    expect(storage.getConsumerOffset(S(0), S(0), 1, consumer(1))).toBeUndefined();
    await expectCode(storage.deleteConsumerOffset(S(0), S(0), 1, consumer(1)), 3021);
    const offsetsDir = join(dir.path, 'streams', '0', 'topics', '0', 'partitions', '0', 'offsets');
    expect((await readFile(join(offsetsDir, 'consumers', '1'))).readBigUInt64LE(0)).toBe(2n);
    expect((await readFile(join(offsetsDir, 'groups', '0'))).readBigUInt64LE(0)).toBe(4n);
    expect((await pollTexts(storage, 0, PollingKind.Next, 0n, 10, consumer(1))).texts).toEqual(['m-3', 'm-4']);

    storage = await restart(storage);
    expect(storage.getConsumerOffset(S(0), S(0), 0, consumer(1))?.storedOffset).toBe(2n);
    expect(storage.getConsumerOffset(S(0), S(0), 0, group(0))?.storedOffset).toBe(4n);
    await storage.deleteConsumerOffset(S(0), S(0), 0, consumer(1));
    expect(storage.getConsumerOffset(S(0), S(0), 0, consumer(1))).toBeUndefined();
    await storage.deleteConsumerGroup(S(0), S(0), S(0));
    expect(storage.getConsumerOffset(S(0), S(0), 0, group(0))).toBeUndefined();
    storage = await restart(storage);
    expect(storage.getConsumerOffset(S(0), S(0), 0, consumer(1))).toBeUndefined();
    expect(storage.getConsumerOffset(S(0), S(0), 0, group(0))).toBeUndefined();
    expect(await readdir(join(offsetsDir, 'groups'))).toEqual([]);
  });

  it('purges a topic: fresh empty segment at offset 0, offsets gone, appends start over', async () => {
    let storage = await start((config) => {
      config.system.segment.size = 300;
    });
    await storage.createStream('s');
    await storage.createTopic(S(0), topicSettings('t', 1));
    for (let b = 0; b < 4; b += 1) await storage.appendMessages(S(0), S(0), 0, textBatch(`old${b}`, 3));
    await storage.storeConsumerOffset(S(0), S(0), 0, consumer(9), 5n);
    await storage.purgeTopic(S(0), S(0));
    expect(storage.listPartitions(S(0), S(0))[0]).toMatchObject({ currentOffset: 0n, messagesCount: 0n, segmentsCount: 1, sizeBytes: 0n });
    expect(storage.getConsumerOffset(S(0), S(0), 0, consumer(9))).toBeUndefined();
    expect((await pollTexts(storage, 0, PollingKind.First, 0n, 10)).texts).toEqual([]);
    await storage.appendMessages(S(0), S(0), 0, textBatch('new', 2));
    expect((await pollTexts(storage, 0, PollingKind.First, 0n, 10)).offsets).toEqual([0n, 1n]);
    storage = await restart(storage);
    expect((await pollTexts(storage, 0, PollingKind.First, 0n, 10)).texts).toEqual(['new-0', 'new-1']);
    await storage.purgeStream(S(0));
    storage = await restart(storage);
    expect(storage.listPartitions(S(0), S(0))[0]).toMatchObject({ messagesCount: 0n, segmentsCount: 1 });
    const partitionDir = join(dir.path, 'streams', '0', 'topics', '0', 'partitions', '0');
    expect((await readdir(partitionDir)).sort()).toEqual(['00000000000000000000.index', '00000000000000000000.log', 'offsets']);
  });

  it('drops duplicate message ids when deduplication is on, keeping offsets contiguous', async () => {
    const storage = await start((config) => {
      config.system.message_deduplication.enabled = true;
    });
    await storage.createStream('s');
    await storage.createTopic(S(0), topicSettings('t', 1));
    await storage.appendMessages(S(0), S(0), 0, textBatch('a', 3, [1n, 2n, 3n]));
    await storage.appendMessages(S(0), S(0), 0, textBatch('b', 4, [2n, 4n, 4n, 0n]));
    await storage.appendMessages(S(0), S(0), 0, textBatch('c', 2, [1n, 3n]));
    // Kept messages in runs: two, a duplicate, one more.
    await storage.appendMessages(S(0), S(0), 0, textBatch('d', 4, [5n, 6n, 1n, 7n]));
    const { messages } = await pollTexts(storage, 0, PollingKind.First, 0n, 20);
    expect(messages.map((m) => [m.offset, m.text])).toEqual([
      [0n, 'a-0'],
      [1n, 'a-1'],
      [2n, 'a-2'],
      [3n, 'b-1'],
      [4n, 'b-3'],
      [5n, 'd-0'],
      [6n, 'd-1'],
      [7n, 'd-3'],
    ]);
    expect(messages[3]!.id).toBe(4n);
    expect(messages[4]!.id).not.toBe(0n);
  });

  it('deletes sealed segments by age and by topic size, never the active one nor past stored offsets', async () => {
    const storage = await start((config) => {
      config.system.segment.size = 500;
    });
    await storage.createStream('s');
    await storage.createTopic(S(0), topicSettings('aged', 1, { messageExpiryUs: 1_000n }));
    await storage.createTopic(S(0), topicSettings('sized', 2, { maxTopicSizeBytes: 2_000n }));
    const fill = async (topic: number, partitionId: number, batches: number) => {
      for (let b = 0; b < batches; b += 1) {
        await storage.appendMessages(S(0), S(topic), partitionId, buildBatch([{ payload: new Uint8Array(186) }])); // 250 B
      }
    };
    await fill(0, 0, 7); // segments of 2 messages: [0,1] [2,3] [4,5] [6]
    await storage.storeConsumerOffset(S(0), S(0), 0, consumer(1), 2n); // holds [2,3] and later back
    await new Promise((resolve) => setTimeout(resolve, 5));
    let report = await storage.runMessageCleaner();
    expect(report.expiredSegments).toBe(1);
    expect(storage.listPartitions(S(0), S(0))[0]).toMatchObject({ segmentsCount: 3, messagesCount: 5n, currentOffset: 6n });
    expect((await pollTexts(storage, 0, PollingKind.First, 0n, 1)).offsets).toEqual([2n]);
    expect((await pollStorage(storage, S(0), S(0), 0, consumer(2), strategy(PollingKind.Offset, 0n), 1, false)).lastOffset).toBe(2n);
    await storage.storeConsumerOffset(S(0), S(0), 0, consumer(1), 6n);
    report = await storage.runMessageCleaner();
    expect(report.expiredSegments).toBe(2);
    expect(storage.listPartitions(S(0), S(0))[0]).toMatchObject({ segmentsCount: 1, messagesCount: 1n });

    await fill(1, 0, 6); // 1500 B in partition 0
    await fill(1, 1, 2); // 500 B in partition 1: topic 2000 B ≥ 90 % of 2000
    report = await storage.runMessageCleaner();
    expect(report.oversizeSegments).toBeGreaterThan(0);
    const sizes = storage.listPartitions(S(0), S(1)).map((p) => p.sizeBytes);
    expect(sizes.reduce((a, b) => a + b, 0n)).toBeLessThan(1800n);
    expect(storage.listPartitions(S(0), S(1)).every((p) => p.segmentsCount >= 1)).toBe(true);
  });

  it('deletes the oldest sealed segments on request', async () => {
    const storage = await start((config) => {
      config.system.segment.size = 250;
    });
    await storage.createStream('s');
    await storage.createTopic(S(0), topicSettings('t', 1));
    for (let b = 0; b < 4; b += 1) await storage.appendMessages(S(0), S(0), 0, buildBatch([{ payload: new Uint8Array(186) }]));
    expect(storage.listPartitions(S(0), S(0))[0]!.segmentsCount).toBe(5);
    await storage.deleteSegments(S(0), S(0), 0, 2);
    expect(storage.listPartitions(S(0), S(0))[0]).toMatchObject({ segmentsCount: 3, messagesCount: 2n });
    await storage.deleteSegments(S(0), S(0), 0, 10);
    expect(storage.listPartitions(S(0), S(0))[0]).toMatchObject({ segmentsCount: 1, messagesCount: 0n, currentOffset: 3n });
    expect((await pollTexts(storage, 0, PollingKind.First, 0n, 5)).texts).toEqual([]);
    await storage.appendMessages(S(0), S(0), 0, textBatch('z', 1));
    expect((await pollTexts(storage, 0, PollingKind.First, 0n, 5)).offsets).toEqual([4n]);
    await expectCode(storage.deleteSegments(S(0), S(0), 1, 1), 3007);
  });

  it('serves a corrupted segment byte as InvalidMessageChecksum, never as data', async () => {
    let storage = await start((config) => {
      config.system.cache.size = 0;
    });
    await storage.createStream('s');
    await storage.createTopic(S(0), topicSettings('t', 1));
    await storage.appendMessages(S(0), S(0), 0, textBatch('m', 4));
    storage = await restart(storage, (config) => {
      config.system.cache.size = 0;
    });
    const file = join(dir.path, 'streams', '0', 'topics', '0', 'partitions', '0', '00000000000000000000.log');
    const bytes = await readFile(file);
    // Flip a payload byte of message 1 only (the tail check at start-up ran already).
    const second = 64 + 3 + 64 + 1;
    bytes[second] = bytes[second]! ^ 0xff;
    await writeFile(file, bytes);
    await expectCode(pollStorage(storage, S(0), S(0), 0, consumer(1), strategy(PollingKind.First), 4, false), 4027);
    expect((await pollTexts(storage, 0, PollingKind.Offset, 2n, 2)).texts).toEqual(['m-2', 'm-3']);
  });

  it('enforce_fsync: appends resolve after the batch is on disk', async () => {
    const storage = await start((config) => {
      config.system.partition.enforce_fsync = true;
    });
    await storage.createStream('s');
    await storage.createTopic(S(0), topicSettings('t', 1));
    const file = join(dir.path, 'streams', '0', 'topics', '0', 'partitions', '0', '00000000000000000000.log');
    let expected = 0;
    for (let b = 0; b < 5; b += 1) {
      const batch = textBatch(`f${b}`, 3);
      await storage.appendMessages(S(0), S(0), 0, batch);
      expected += batch.messages.length;
      expect((await stat(file)).size).toBe(expected);
    }
    // Concurrent appends (group commit) all land, in order, and those that
    // queued behind the first write share one fdatasync.
    const handle = await openFile(file, 'r');
    const fileHandle = Object.getPrototypeOf(handle) as { datasync: () => Promise<void> };
    await handle.close();
    const datasync = vi.spyOn(fileHandle, 'datasync');
    await Promise.all(Array.from({ length: 20 }, (_, i) => storage.appendMessages(S(0), S(0), 0, textBatch(`c${i}`, 1))));
    expect(datasync.mock.calls.length).toBeGreaterThanOrEqual(1);
    expect(datasync.mock.calls.length).toBeLessThanOrEqual(2);
    datasync.mockRestore();
    const { texts } = await pollTexts(storage, 0, PollingKind.Offset, 15n, 100);
    expect(texts).toEqual(Array.from({ length: 20 }, (_, i) => `c${i}-0`));
    expect((await stat(file)).size).toBe(Number(storage.listPartitions(S(0), S(0))[0]!.sizeBytes));
  });

  it('runs the message saver and the message cleaner on their timers', async () => {
    const storage = await start((config) => {
      config.message_saver.enabled = true;
      config.message_saver.interval = 20_000; // µs
      config.data_maintenance.messages.cleaner_enabled = true;
      config.data_maintenance.messages.interval = 20_000;
      config.system.segment.size = 300;
    });
    await storage.createStream('s');
    await storage.createTopic(S(0), topicSettings('t', 1, { messageExpiryUs: 1n }));
    const file = join(dir.path, 'streams', '0', 'topics', '0', 'partitions', '0', '00000000000000000000.log');
    await storage.appendMessages(S(0), S(0), 0, textBatch('saved', 2));
    // The journal reaches the file with no flush call and no threshold: the saver wrote it.
    await vi.waitFor(async () => expect((await stat(file)).size).toBeGreaterThan(0), { timeout: 10_000, interval: 10 });
    for (let b = 0; b < 4; b += 1) await storage.appendMessages(S(0), S(0), 0, textBatch(`x${b}`, 3));
    // Expired sealed segments go without a runMessageCleaner call.
    await vi.waitFor(() => expect(storage.listPartitions(S(0), S(0))[0]!.segmentsCount).toBe(1), { timeout: 10_000, interval: 10 });
    expect(storage.listPartitions(S(0), S(0))[0]!.currentOffset).toBe(13n);
  });

  it('without fsync, the journal is written by threshold, by flush and on close', async () => {
    let storage = await start((config) => {
      config.system.partition.messages_required_to_save = 10;
    });
    await storage.createStream('s');
    await storage.createTopic(S(0), topicSettings('t', 1));
    const file = join(dir.path, 'streams', '0', 'topics', '0', 'partitions', '0', '00000000000000000000.log');
    await storage.appendMessages(S(0), S(0), 0, textBatch('a', 4));
    expect((await stat(file)).size).toBe(0); // journal only, yet visible:
    expect((await pollTexts(storage, 0, PollingKind.First, 0n, 10)).texts).toHaveLength(4);
    await storage.appendMessages(S(0), S(0), 0, textBatch('b', 6)); // reaches 10
    const afterThreshold = (await stat(file)).size;
    expect(afterThreshold).toBeGreaterThan(0);
    await storage.appendMessages(S(0), S(0), 0, textBatch('c', 1));
    expect((await stat(file)).size).toBe(afterThreshold);
    await storage.flushUnsavedBuffer(S(0), S(0), 0, false);
    expect((await stat(file)).size).toBeGreaterThan(afterThreshold);
    await storage.appendMessages(S(0), S(0), 0, textBatch('d', 1));
    storage = await restart(storage);
    expect((await pollTexts(storage, 0, PollingKind.First, 0n, 100)).texts).toHaveLength(12);
    expect(storage.stats()).toMatchObject({ messagesCount: 12n });
  });

  it('recycles batch memory without touching journaled, cached or polled bytes', async () => {
    // ≈ 42 MB through 8 MiB slabs with a 1 MiB cache: slabs are recycled many
    // times while the journal, the cache and earlier poll results still hold
    // views of other batches. Every message's text is unique, so a slab reused
    // too early shows up as a wrong text (memory) or checksum (disk).
    const storage = await start((config) => {
      config.system.cache.size = 1024 * 1024;
    });
    await storage.createStream('s');
    await storage.createTopic(S(0), topicSettings('t', 1));
    const BATCHES = 400;
    const PER_BATCH = 100;
    const text = (b: number, i: number): string => `${b}:${i}:`.padEnd(1000, String.fromCharCode(97 + ((b + i) % 26)));
    const encoder = new TextEncoder();
    const held: { chunks: Uint8Array[]; copy: Uint8Array[]; first: bigint }[] = [];
    for (let b = 0; b < BATCHES; b += 1) {
      const batch = buildBatch(Array.from({ length: PER_BATCH }, (_, i) => ({ payload: encoder.encode(text(b, i)) })));
      await storage.appendMessages(S(0), S(0), 0, batch);
      if (b === 100 || b === 300) {
        // A tail poll served from memory (journal and cache): its views must stay intact.
        const { result } = await pollTexts(storage, 0, PollingKind.Last, 0n, 3 * PER_BATCH);
        held.push({ chunks: result.chunks, copy: result.chunks.map((c) => Uint8Array.from(c)), first: BigInt((b - 2) * PER_BATCH) });
      }
      if (b % 50 === 49) {
        // An older range, read from the segment file.
        const { texts } = await pollTexts(storage, 0, PollingKind.Offset, BigInt((b - 40) * PER_BATCH), PER_BATCH);
        expect(texts).toEqual(Array.from({ length: PER_BATCH }, (_, i) => text(b - 40, i)));
      }
    }
    for (const { chunks, copy, first } of held) {
      chunks.forEach((chunk, i) => expect(Buffer.compare(chunk, copy[i]!)).toBe(0));
      expect(decodeMessages(chunks).map((m) => m.offset)).toEqual(Array.from({ length: 3 * PER_BATCH }, (_, i) => first + BigInt(i)));
    }
    expect(storage.memoryStats().slabsRecycled).toBeGreaterThan(0);
    for (let b = 0; b < BATCHES; b += 10) {
      const { texts, offsets } = await pollTexts(storage, 0, PollingKind.Offset, BigInt(b * PER_BATCH), 10 * PER_BATCH);
      expect(offsets[0]).toBe(BigInt(b * PER_BATCH));
      expect(texts).toEqual(Array.from({ length: 10 * PER_BATCH }, (_, i) => text(b + Math.floor(i / PER_BATCH), i % PER_BATCH)));
    }
  });

  it('reads ahead for a forward consumer, yet fails only the polls that include a corrupt message', async () => {
    const patch: ConfigPatch = (config) => {
      config.system.cache.size = 0;
    };
    let storage = await start(patch);
    await storage.createStream('s');
    await storage.createTopic(S(0), topicSettings('t', 1));
    for (let b = 0; b < 30; b += 1) await storage.appendMessages(S(0), S(0), 0, textBatch(`b${b}`, 10));
    storage = await restart(storage, patch);
    const file = join(dir.path, 'streams', '0', 'topics', '0', 'partitions', '0', '00000000000000000000.log');
    const bytes = await readFile(file);
    // Corrupt the payload of message 205 (every message is 64 + 5 or 6 bytes: find it by walking).
    let position = 0;
    for (let i = 0; i < 205; i += 1) position += 64 + bytes.readUInt32LE(position + 52);
    bytes[position + 64] = bytes[position + 64]! ^ 0xff;
    await writeFile(file, bytes);
    // A consumer moving forward 10 at a time: the second poll on starts read-ahead blocks
    // that span the corrupt message; only the poll that includes it fails.
    for (let b = 0; b < 30; b += 1) {
      const poll = pollStorage(storage, S(0), S(0), 0, consumer(1), strategy(PollingKind.Offset, BigInt(b * 10)), 10, false);
      if (b === 20) {
        await expectCode(poll, 4027);
        continue;
      }
      expect(decodeMessages((await poll).chunks).map((m) => m.text)).toEqual(Array.from({ length: 10 }, (_, i) => `b${b}-${i}`));
    }
    expect((await pollTexts(storage, 0, PollingKind.Offset, 206n, 3)).texts).toEqual(['b20-6', 'b20-7', 'b20-8']);
    await expectCode(pollStorage(storage, S(0), S(0), 0, consumer(1), strategy(PollingKind.Offset, 200n), 100, false), 4027);
  });

  it('never serves bytes read before a purge or segment deletion', async () => {
    const storage = await start((config) => {
      config.system.cache.size = 0;
      config.system.segment.size = 1000;
    });
    await storage.createStream('s');
    await storage.createTopic(S(0), topicSettings('t', 1));
    const fill = async (prefix: string): Promise<void> => {
      for (let b = 0; b < 10; b += 1) await storage.appendMessages(S(0), S(0), 0, textBatch(`${prefix}${b}`, 5));
      await storage.flushUnsavedBuffer(S(0), S(0), 0, false);
    };
    const readAll = async (): Promise<string[]> => {
      const texts: string[] = [];
      for (let offset = 0n; ; ) {
        const page = await pollTexts(storage, 0, PollingKind.Offset, offset, 7);
        if (page.result.count === 0) return texts;
        texts.push(...page.texts);
        offset = page.result.lastOffset + 1n;
      }
    };
    await fill('a');
    expect(await readAll()).toHaveLength(50);
    await storage.purgeTopic(S(0), S(0));
    // Same sizes, same positions in files of the same names: only new bytes may come back.
    await fill('z');
    expect(await readAll()).toEqual(Array.from({ length: 50 }, (_, i) => `z${Math.floor(i / 5)}-${i % 5}`));
    const segments = storage.listPartitions(S(0), S(0))[0]!.segmentsCount;
    expect(segments).toBeGreaterThan(2);
    await storage.deleteSegments(S(0), S(0), 0, 1);
    const rest = await readAll();
    expect(rest.length).toBeLessThan(50);
    expect(rest.at(-1)).toBe('z9-4');
  });

  it('reads a forward consumer\'s segment once, in blocks, whatever its poll size', async () => {
    const patch: ConfigPatch = (config) => {
      config.system.cache.size = 0;
    };
    let storage = await start(patch);
    await storage.createStream('s');
    await storage.createTopic(S(0), topicSettings('t', 1));
    const encoder = new TextEncoder();
    const text = (i: number): string => `${i}:`.padEnd(1000, '.');
    for (let b = 0; b < 25; b += 1) {
      await storage.appendMessages(S(0), S(0), 0, buildBatch(Array.from({ length: 100 }, (_, i) => ({ payload: encoder.encode(text(b * 100 + i)) }))));
    }
    storage = await restart(storage, patch); // nothing left in memory
    const before = storage.stats().readBytes;
    let next = 0n;
    for (;;) {
      // 7 messages a poll: polls straddle the 1 MiB read-ahead blocks.
      const { result, texts, offsets } = await pollTexts(storage, 0, PollingKind.Offset, next, 7);
      if (result.count === 0) break;
      expect(offsets[0]).toBe(next);
      expect(texts).toEqual(offsets.map((o) => text(Number(o))));
      next = result.lastOffset + 1n;
    }
    expect(next).toBe(2500n);
    // Every byte came from the file exactly once: no block re-read, nothing read past the end.
    expect(storage.stats().readBytes - before).toBe(storage.listPartitions(S(0), S(0))[0]!.sizeBytes);
  });

  it('enforce_fsync: the index lags the fsynced log by a bounded amount and is whole after flush, close and recovery', async () => {
    const patch: ConfigPatch = (config) => {
      config.system.partition.enforce_fsync = true;
    };
    let storage = await start(patch);
    await storage.createStream('s');
    await storage.createTopic(S(0), topicSettings('t', 1));
    const base = join(dir.path, 'streams', '0', 'topics', '0', 'partitions', '0', '00000000000000000000');
    const size = async (ext: string): Promise<number> => (await stat(`${base}.${ext}`)).size;
    let logBytes = 0;
    for (let b = 0; b < 5; b += 1) {
      const batch = textBatch(`f${b}`, 3);
      await storage.appendMessages(S(0), S(0), 0, batch);
      logBytes += batch.messages.length;
    }
    expect(await size('log')).toBe(logBytes); // durable: the log is the truth…
    expect(await size('index')).toBe(0); // …and the index waits
    await storage.flushUnsavedBuffer(S(0), S(0), 0, true);
    expect(await size('index')).toBe(15 * 16);
    // The lag is bounded (1024 entries): the 11th batch of 100 brings the index up to date, the 12th waits again.
    for (let b = 0; b < 12; b += 1) await storage.appendMessages(S(0), S(0), 0, textBatch(`g${b}`, 100));
    expect(await size('index')).toBe((15 + 1100) * 16);
    storage = await restart(storage, patch); // a clean close writes the rest
    expect(await size('index')).toBe((15 + 1200) * 16);
    await storage.appendMessages(S(0), S(0), 0, textBatch('h', 2));
    const { texts, offsets } = await pollTexts(storage, 0, PollingKind.Offset, 1210n, 10);
    expect(texts).toEqual(['g11-95', 'g11-96', 'g11-97', 'g11-98', 'g11-99', 'h-0', 'h-1']);
    expect(offsets[0]).toBe(1210n);
  });
});
