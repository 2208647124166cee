// Proves the ceiling sink is a faithful minimal server for the bench: frames
// split at every byte or packed together are each stored and acked once, in
// order, and a poll by offset returns the stored message bytes.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCeilingSink, type CeilingSink } from '../../bench/ceiling_sink.js';
import { pollMessagesFrame, readPollResponseHeader, sendMessagesFrame } from '../../bench/wire/commands.js';
import { Identifier, PollingKind } from '../../src/protocol/types.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function sink(): Promise<{ sink: CeilingSink; file: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'iggy-ts-sink-test-'));
  const file = path.join(dir, 'frames.log');
  const started = await startCeilingSink({ file });
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  cleanups.push(() => started.close());
  return { sink: started, file };
}

/** Collects response frames [status][length][payload] until `count` have arrived. */
function responses(socket: net.Socket, count: number): Promise<Array<{ status: number; payload: Buffer }>> {
  return new Promise((resolve) => {
    let buffered = Buffer.alloc(0);
    const out: Array<{ status: number; payload: Buffer }> = [];
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 8 && buffered.length >= 8 + buffered.readUInt32LE(4)) {
        const length = buffered.readUInt32LE(4);
        out.push({ status: buffered.readUInt32LE(0), payload: buffered.subarray(8, 8 + length) });
        buffered = buffered.subarray(8 + length);
      }
      if (out.length >= count) resolve(out);
    });
  });
}

async function connect(port: number): Promise<net.Socket> {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  cleanups.push(async () => void socket.destroy());
  return socket;
}

const send = (stream: number, fill: number) =>
  sendMessagesFrame({
    streamId: Identifier.numeric(stream),
    topicId: Identifier.numeric(0),
    partitioning: { kind: 2, partitionId: 0 },
    messagesCount: 3,
    messageSizeBytes: 5,
    fillPayload: (payload) => payload.fill(fill),
  });

describe('ceiling sink', () => {
  it('stores and acks frames split at every byte and packed together', async () => {
    const { sink: s, file } = await sink();
    const socket = await connect(s.port);
    const first = send(0, 1);
    const second = send(0, 2);
    const third = send(1, 3);
    const done = responses(socket, 3);
    for (const byte of first) socket.write(Uint8Array.of(byte));
    socket.write(Buffer.concat([second, third]));
    const acks = await done;
    expect(acks.map((a) => [a.status, a.payload.length])).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
    expect(s.stats.frames).toBe(3);
    await s.close(); // closes the file
    expect(await readFile(file)).toEqual(Buffer.concat([first, second, third]));
  });

  it('serves a poll by offset with the stored messages of that batch', async () => {
    const { sink: s } = await sink();
    const socket = await connect(s.port);
    const poll = (offset: number) =>
      pollMessagesFrame({
        consumer: { kind: 1, id: Identifier.numeric(1) },
        streamId: Identifier.numeric(0),
        topicId: Identifier.numeric(0),
        partitionId: 0,
        strategy: { kind: PollingKind.Offset, value: BigInt(offset) },
        count: 3,
        autoCommit: false,
      });
    const done = responses(socket, 4);
    socket.write(Buffer.concat([send(0, 7), send(0, 8), poll(3), poll(6)]));
    const [, , hit, miss] = await done;
    expect(hit!.status).toBe(0);
    expect(readPollResponseHeader(hit!.payload)).toEqual({ partitionId: 0, currentOffset: 5n, messagesCount: 3 });
    expect(hit!.payload.length).toBe(16 + 3 * (64 + 5));
    // The second batch's payloads (fill 8), each after its 64-byte header.
    for (let m = 0; m < 3; m++) expect([...hit!.payload.subarray(16 + m * 69 + 64, 16 + (m + 1) * 69)]).toEqual([8, 8, 8, 8, 8]);
    expect(readPollResponseHeader(miss!.payload).messagesCount).toBe(0);
  });
});
