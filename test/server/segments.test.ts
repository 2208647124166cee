// DeleteSegments (503) over TCP with a tiny segment size so appends seal
// segments: the oldest sealed ones go (never the active one), a stored
// consumer offset still inside a segment keeps it, deleting nothing is OK,
// and 1009 / 2010 / 3007 come before the permission check (41).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeConsumerOffset } from '../../src/protocol/commands/consumer_offsets/store_consumer_offset.js';
import { flushUnsavedBuffer } from '../../src/protocol/commands/messages/flush_unsaved_buffer.js';
import { deleteSegments } from '../../src/protocol/commands/segments/delete_segments.js';
import { getTopic } from '../../src/protocol/commands/topics/get_topic.js';
import { type Fixture, id, makeStream, makeTopic, partitionId, poll, send, single, startFixture, userClient } from './data_plane_fixture.js';

let fx: Fixture;

beforeEach(async () => {
  // A segment of 300 bytes holds about two of the 100-byte messages below.
  fx = await startFixture({ system: { segment: { size: 300 } } });
  await makeStream(fx.root, 's');
  await makeTopic(fx.root, id(0), 't', 1);
  for (let i = 0; i < 8; i++) expect(await send(fx.root, id(0), id(0), partitionId(0), [`message-${i}`.padEnd(36, '.')])).toBe(0);
  expect((await fx.root.call(flushUnsavedBuffer, { streamId: id(0), topicId: id(0), partitionId: 0, fsync: false })).status).toBe(0);
});

afterEach(async () => {
  await fx.server.close();
});

async function segmentsCount(): Promise<number> {
  return (await fx.root.call(getTopic, { streamId: id(0), topicId: id(0) })).value!.partitions[0]!.segmentsCount;
}

describe('DeleteSegments', () => {
  it('deletes the oldest sealed segments but never the active one', async () => {
    const before = await segmentsCount();
    expect(before).toBeGreaterThan(2);
    expect((await fx.root.call(deleteSegments, { streamId: id(0), topicId: id(0), partitionId: 0, segmentsCount: 1 })).status).toBe(0);
    expect(await segmentsCount()).toBe(before - 1);
    const first = await poll(fx.root, { streamId: id(0), topicId: id(0) });
    expect(first.offsets[0]).toBeGreaterThan(0n); // "first" now starts after the deleted segment
    expect(first.offsets.at(-1)).toBe(7n);

    expect((await fx.root.call(deleteSegments, { streamId: id(0), topicId: id(0), partitionId: 0, segmentsCount: 1000 })).status).toBe(0);
    expect(await segmentsCount()).toBe(1);
    // Nothing left to delete is still OK.
    expect((await fx.root.call(deleteSegments, { streamId: id(0), topicId: id(0), partitionId: 0, segmentsCount: 5 })).status).toBe(0);
    expect(await segmentsCount()).toBe(1);
  });

  it('keeps segments a stored consumer offset still needs', async () => {
    const before = await segmentsCount();
    expect((await fx.root.call(storeConsumerOffset, { consumer: single(1), streamId: id(0), topicId: id(0), partitionId: 0, offset: 0n })).status).toBe(0);
    expect((await fx.root.call(deleteSegments, { streamId: id(0), topicId: id(0), partitionId: 0, segmentsCount: 1000 })).status).toBe(0);
    expect(await segmentsCount()).toBe(before);
    expect((await poll(fx.root, { streamId: id(0), topicId: id(0) })).offsets[0]).toBe(0n);
  });

  it('answers 1009, 2010, 3007 before 41', async () => {
    const nobody = await userClient(fx, 'nobody', null);
    const request = { streamId: id(0), topicId: id(0), partitionId: 0, segmentsCount: 1 };
    expect((await nobody.call(deleteSegments, { ...request, streamId: id(4) })).status).toBe(1009);
    expect((await nobody.call(deleteSegments, { ...request, topicId: id(4) })).status).toBe(2010);
    expect((await nobody.call(deleteSegments, { ...request, partitionId: 1 })).status).toBe(3007);
    expect((await nobody.call(deleteSegments, request)).status).toBe(41);
    expect((await fx.root.call(deleteSegments, { ...request, partitionId: 1 })).status).toBe(3007);
  });
});
