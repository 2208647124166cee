// Messages (100–102) over TCP against the real server: every partitioning
// and every polling strategy (with auto-commit and the stored offset it
// leaves), count 0 and the poll_messages_max cap, 1009 / 2010 / 3007, malformed
// SendMessages batches answered with their code and nothing written, send
// versus poll permissions, and that other clients keep being served.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { coreTs } from '../../src/core/core_ts.js';
import { getConsumerOffset } from '../../src/protocol/commands/consumer_offsets/get_consumer_offset.js';
import { flushUnsavedBuffer } from '../../src/protocol/commands/messages/flush_unsaved_buffer.js';
import { sendMessages, type SendMessagesRequest } from '../../src/protocol/commands/messages/send_messages.js';
import { getTopic } from '../../src/protocol/commands/topics/get_topic.js';
import { encodePayload } from '../../src/protocol/frame.js';
import type { Consumer } from '../../src/protocol/types.js';
import type { RawClient } from '../helpers/server.js';
import {
  balanced,
  type Fixture,
  id,
  makeStream,
  makeTopic,
  messagesKey,
  name,
  partitionId,
  permissions,
  poll,
  send,
  single,
  startFixture,
  strategy,
  userClient,
} from './data_plane_fixture.js';

let fx: Fixture;
const S = id(0);
const T = id(0);

beforeEach(async () => {
  fx = await startFixture();
  await makeStream(fx.root, 's');
  await makeTopic(fx.root, S, 't', 2);
});

afterEach(async () => {
  await fx.server.close();
});

async function storedOffset(client: RawClient, consumer: Consumer, partition: number): Promise<bigint | null> {
  const response = await client.call(getConsumerOffset, { consumer, streamId: S, topicId: T, partitionId: partition });
  expect(response.status).toBe(0);
  return response.value === null || response.value === undefined ? null : response.value.storedOffset;
}

async function messagesCount(): Promise<bigint> {
  return (await fx.root.call(getTopic, { streamId: S, topicId: T })).value!.topic.messagesCount;
}

describe('SendMessages partitioning', () => {
  it('sends to an explicit partition, round-robin per batch, and by key', async () => {
    expect(await send(fx.root, name('s'), name('t'), partitionId(1), ['p1-a', 'p1-b'])).toBe(0);
    for (const payload of ['b0', 'b1', 'b2', 'b3']) expect(await send(fx.root, S, T, balanced, [payload])).toBe(0);
    const p0 = await poll(fx.root, { streamId: S, topicId: T, partitionId: 0 });
    const p1 = await poll(fx.root, { streamId: S, topicId: T, partitionId: 1 });
    expect(p0.payloads).toEqual(['b0', 'b2']);
    expect(p1.payloads).toEqual(['p1-a', 'p1-b', 'b1', 'b3']);
    expect(p1.offsets).toEqual([0n, 1n, 2n, 3n]);

    const keyed = coreTs.xxh32(new TextEncoder().encode('user-7')) % 2;
    expect(await send(fx.root, S, T, messagesKey('user-7'), ['k1'])).toBe(0);
    expect(await send(fx.root, S, T, messagesKey('user-7'), ['k2'])).toBe(0);
    const onKeyed = await poll(fx.root, { streamId: S, topicId: T, partitionId: keyed });
    expect(onKeyed.payloads.slice(-2)).toEqual(['k1', 'k2']);
    expect(await messagesCount()).toBe(8n);
  });

  it('answers unknown stream, topic and partition with 1009, 2010, 3007 and writes nothing', async () => {
    expect(await send(fx.root, id(5), T, partitionId(0), ['x'])).toBe(1009);
    expect(await send(fx.root, S, name('nope'), partitionId(0), ['x'])).toBe(2010);
    expect(await send(fx.root, S, T, partitionId(2), ['x'])).toBe(3007);
    expect(await messagesCount()).toBe(0n);
  });
});

describe('SendMessages validation', () => {
  // Layout with numeric stream/topic ids and a partition-id partitioning:
  // [M u32 = 22][stream 6][topic 6][partitioning 6][count u32] = 26 bytes,
  // then 16-byte index entries, then the messages (BINARY.md §4.4).
  const INDEXES = 26;
  function batch(payloads: string[]): Buffer {
    const request: SendMessagesRequest = { streamId: S, topicId: T, partitioning: partitionId(0), messages: payloads.map((p) => ({ payload: new TextEncoder().encode(p) })) };
    return Buffer.from(encodePayload(sendMessages.request, request));
  }
  const messagesStart = (count: number) => INDEXES + 16 * count;

  it('rejects malformed batches with their codes and appends nothing', async () => {
    const cases: Array<[string, Buffer, number]> = [];
    let b = batch(['hello']);
    b.writeUInt32LE(b.length + 1, 0); // metadata longer than the payload
    cases.push(['metadata length', b, 3]);
    b = batch(['hello']);
    b[4] = 7; // stream identifier kind
    cases.push(['identifier kind', b, 6]);
    b = batch(['hello']);
    b[4 + 6 + 6] = 9; // partitioning kind
    cases.push(['partitioning kind', b, 3]);
    b = batch(['hello']);
    b.writeUInt32LE(0, 22); // messages count
    cases.push(['zero count', b, 4009]);
    b = batch(['hello', 'world']);
    b.writeUInt32LE(1, INDEXES); // index offset field must be 0
    cases.push(['non-zero index offset', b, 4031]);
    b = batch(['hello', 'world']);
    b.writeBigUInt64LE(1n, INDEXES + 8); // index timestamp field must be 0
    cases.push(['non-zero index timestamp', b, 4032]);
    b = batch(['hello', 'world']);
    b.writeUInt32LE(10, INDEXES + 4); // first span shorter than a header
    cases.push(['short span', b, 4033]);
    b = batch(['hello']);
    b.writeUInt32LE(4, messagesStart(1) + 52); // payload_length 4 instead of 5: sizes no longer add up
    cases.push(['sizes', b, 4036]);

    for (const [what, payload, code] of cases) {
      const response = await fx.root.send(sendMessages.code, payload);
      expect({ what, status: response.status }).toEqual({ what, status: code });
    }
    expect(await messagesCount()).toBe(0n);
    expect((await poll(fx.root, { streamId: S, topicId: T })).payloads).toEqual([]);
    // The connection and another client are still served.
    expect(await send(fx.root, S, T, partitionId(0), ['fine'])).toBe(0);
    const other = await fx.server.connect();
    await other.login('iggy', 'iggy');
    expect((await poll(other, { streamId: S, topicId: T })).payloads).toEqual(['fine']);
  });
});

describe('PollMessages strategies', () => {
  beforeEach(async () => {
    // Three batches on partition 1: offsets 0..5, three distinct append times.
    expect(await send(fx.root, S, T, partitionId(1), ['m0', 'm1'])).toBe(0);
    expect(await send(fx.root, S, T, partitionId(1), ['m2', 'm3'])).toBe(0);
    expect(await send(fx.root, S, T, partitionId(1), ['m4', 'm5'])).toBe(0);
  });

  it('offset: from the given offset; past the end is empty; auto-commit stores the last offset', async () => {
    const c = single(11);
    const r = await poll(fx.root, { streamId: S, topicId: T, partitionId: 1, consumer: c, strategy: strategy.offset(2n), count: 3, autoCommit: true });
    expect(r.value).toMatchObject({ partitionId: 1, currentOffset: 5n, count: 3 });
    expect(r.payloads).toEqual(['m2', 'm3', 'm4']);
    expect(await storedOffset(fx.root, c, 1)).toBe(4n);
    const past = await poll(fx.root, { streamId: S, topicId: T, partitionId: 1, consumer: c, strategy: strategy.offset(6n), autoCommit: true });
    expect(past.value).toMatchObject({ partitionId: 1, currentOffset: 5n, count: 0 });
    expect(await storedOffset(fx.root, c, 1)).toBe(4n); // an empty result commits nothing
  });

  it('timestamp: from the first message appended at or after the value', async () => {
    const all = await poll(fx.root, { streamId: S, topicId: T, partitionId: 1 });
    const stamps = all.value!.messages.map((m) => m.header.timestamp);
    const value = stamps[3]!;
    const expectedStart = stamps.findIndex((t) => t >= value);
    const c = single('by-time');
    const r = await poll(fx.root, { streamId: S, topicId: T, partitionId: 1, consumer: c, strategy: strategy.timestamp(value), autoCommit: true });
    expect(r.offsets[0]).toBe(BigInt(expectedStart));
    expect(r.offsets.at(-1)).toBe(5n);
    expect(await storedOffset(fx.root, c, 1)).toBe(5n);
  });

  it('first and last: the oldest messages, and the last `count` ones', async () => {
    const c = single(12);
    const first = await poll(fx.root, { streamId: S, topicId: T, partitionId: 1, consumer: c, strategy: strategy.first(), count: 2, autoCommit: true });
    expect(first.payloads).toEqual(['m0', 'm1']);
    expect(await storedOffset(fx.root, c, 1)).toBe(1n);
    const last = await poll(fx.root, { streamId: S, topicId: T, partitionId: 1, consumer: c, strategy: strategy.last(), count: 2, autoCommit: true });
    expect(last.payloads).toEqual(['m4', 'm5']);
    expect(await storedOffset(fx.root, c, 1)).toBe(5n);
    const more = await poll(fx.root, { streamId: S, topicId: T, partitionId: 1, strategy: strategy.last(), count: 50 });
    expect(more.offsets).toEqual([0n, 1n, 2n, 3n, 4n, 5n]);
  });

  it('next: continues after the stored offset, each message once with auto-commit', async () => {
    const c = single('reader');
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await poll(fx.root, { streamId: S, topicId: T, partitionId: 1, consumer: c, strategy: strategy.next(), count: 4, autoCommit: true });
      seen.push(...r.payloads);
    }
    expect(seen).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5']);
    expect(await storedOffset(fx.root, c, 1)).toBe(5n);
    // A string consumer id is its XXH32: the numeric id sees the same offset.
    expect(await storedOffset(fx.root, single(coreTs.xxh32(new TextEncoder().encode('reader'))), 1)).toBe(5n);
    // Without auto-commit nothing moves.
    const other = single(13);
    await poll(fx.root, { streamId: S, topicId: T, partitionId: 1, consumer: other, strategy: strategy.next(), count: 2 });
    expect(await storedOffset(fx.root, other, 1)).toBeNull();
  });

  it('count 0 returns the header only; an empty partition has current offset 0; absent partition means 0', async () => {
    const zero = await poll(fx.root, { streamId: S, topicId: T, partitionId: 1, count: 0 });
    expect(zero.value).toEqual({ partitionId: 1, currentOffset: 5n, count: 0, messages: [] });
    const empty = await poll(fx.root, { streamId: S, topicId: T, partitionId: null });
    expect(empty.value).toEqual({ partitionId: 0, currentOffset: 0n, count: 0, messages: [] });
  });

  it('answers 1009, 2010, 3007 and keeps serving', async () => {
    expect((await poll(fx.root, { streamId: id(3), topicId: T })).status).toBe(1009);
    expect((await poll(fx.root, { streamId: S, topicId: id(3) })).status).toBe(2010);
    expect((await poll(fx.root, { streamId: S, topicId: T, partitionId: 2 })).status).toBe(3007);
    expect((await poll(fx.root, { streamId: S, topicId: T, partitionId: 1 })).payloads).toHaveLength(6);
  });
});

describe('poll_messages_max', () => {
  it('caps the number of messages a poll returns', async () => {
    const capped = await startFixture({ limits: { poll_messages_max: 3 } });
    try {
      await makeStream(capped.root, 's');
      await makeTopic(capped.root, S, 't', 1);
      expect(await send(capped.root, S, T, partitionId(0), ['a', 'b', 'c', 'd', 'e'])).toBe(0);
      const r = await poll(capped.root, { streamId: S, topicId: T, count: 100 });
      expect(r.payloads).toEqual(['a', 'b', 'c']);
    } finally {
      await capped.server.close();
    }
  });
});

describe('FlushUnsavedBuffer', () => {
  it('flushes a partition, with and without fsync; unknown targets are 1009 / 2010 / 3007', async () => {
    expect(await send(fx.root, S, T, partitionId(0), ['a'])).toBe(0);
    expect((await fx.root.call(flushUnsavedBuffer, { streamId: S, topicId: T, partitionId: 0, fsync: true })).status).toBe(0);
    expect((await fx.root.call(flushUnsavedBuffer, { streamId: S, topicId: T, partitionId: 1, fsync: false })).status).toBe(0);
    expect((await fx.root.call(flushUnsavedBuffer, { streamId: id(2), topicId: T, partitionId: 0, fsync: false })).status).toBe(1009);
    expect((await fx.root.call(flushUnsavedBuffer, { streamId: S, topicId: id(2), partitionId: 0, fsync: false })).status).toBe(2010);
    expect((await fx.root.call(flushUnsavedBuffer, { streamId: S, topicId: T, partitionId: 9, fsync: false })).status).toBe(3007);
    // Flushed messages survive a restart.
    await fx.server.restart();
    const again = await fx.server.connect();
    await again.login('iggy', 'iggy');
    expect((await poll(again, { streamId: S, topicId: T })).payloads).toEqual(['a']);
  });
});

describe('message permissions', () => {
  it('separates send and poll rights (41) and writes nothing on a denied send', async () => {
    expect(await send(fx.root, S, T, partitionId(0), ['seed'])).toBe(0);
    const nobody = await userClient(fx, 'nobody', null);
    expect(await send(nobody, S, T, partitionId(0), ['x'])).toBe(41);
    expect((await poll(nobody, { streamId: S, topicId: T })).status).toBe(41);
    expect((await nobody.call(flushUnsavedBuffer, { streamId: S, topicId: T, partitionId: 0, fsync: false })).status).toBe(41);
    expect(await send(nobody, id(9), T, partitionId(0), ['x'])).toBe(1009); // not found before 41

    const poller = await userClient(fx, 'poller', permissions({}, { 0: { topics: { 0: { pollMessages: true } } } }));
    expect((await poll(poller, { streamId: S, topicId: T })).payloads).toEqual(['seed']);
    expect(await send(poller, S, T, partitionId(0), ['x'])).toBe(41);

    const sender = await userClient(fx, 'sender', permissions({}, { 0: { flags: { sendMessages: true } } }));
    expect(await send(sender, S, T, partitionId(0), ['from-sender'])).toBe(0);
    // Names resolve to the ids the permissions are keyed by.
    expect(await send(sender, name('s'), name('t'), partitionId(1), ['by-name'])).toBe(0);
    await makeStream(fx.root, 'other');
    await makeTopic(fx.root, name('other'), 't', 1);
    expect(await send(sender, name('other'), name('t'), partitionId(0), ['x'])).toBe(41);
    expect(await send(sender, id(1), id(0), partitionId(0), ['x'])).toBe(41);
    expect(await send(sender, id(1), id(5), partitionId(0), ['x'])).toBe(2010);
    expect((await poll(sender, { streamId: S, topicId: T })).status).toBe(41);
    expect((await sender.call(flushUnsavedBuffer, { streamId: S, topicId: T, partitionId: 0, fsync: false })).status).toBe(0);

    expect((await poll(fx.root, { streamId: S, topicId: T })).payloads).toEqual(['seed', 'from-sender']);
  });
});
