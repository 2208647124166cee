// Framing edges of BINARY.md §2.1 not pinned by tcp.test.ts: the 10 MiB cap
// is on non-SendMessages payloads only and is exclusive (exactly 10 MiB is
// served, one byte more is 3), SendMessages above 10 MiB is served, and
// frame errors happen before login (an unauthenticated client gets 3 for an
// unknown code and is closed for an oversize frame, others unaffected).
import { afterEach, describe, expect, it } from 'vitest';
import { sendMessages } from '../../src/protocol/commands/messages/send_messages.js';
import { encodePayload } from '../../src/protocol/frame.js';
import { PROTOCOL } from '../../src/limits.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { id, makeStream, makeTopic } from './data_plane_fixture.js';

let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const u32 = (value: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(value >>> 0, 0);
  return b;
};

describe('payload caps (BINARY.md §2.1)', () => {
  it('serves a control payload of exactly 10 MiB, answers 3 one byte above, and serves SendMessages above it', async () => {
    server = await startTestServer();
    const client = await server.connect();
    await client.login('iggy', 'iggy');
    // Ping ignores its payload: only the cap can refuse it.
    expect((await client.send(1, Buffer.alloc(PROTOCOL.controlPayloadBytesMax))).status).toBe(0);
    expect((await client.send(1, Buffer.alloc(PROTOCOL.controlPayloadBytesMax + 1))).status).toBe(3);
    expect((await client.send(1)).status).toBe(0);

    const stream = await makeStream(client, 'big');
    const topic = await makeTopic(client, id(stream.id), 'big');
    const payload = new Uint8Array(PROTOCOL.controlPayloadBytesMax + 1024).fill(7);
    const frame = encodePayload(sendMessages.request, { streamId: id(stream.id), topicId: id(topic.topic.id), partitioning: { kind: 2, partitionId: 0 }, messages: [{ payload }] });
    expect(frame.length).toBeGreaterThan(PROTOCOL.controlPayloadBytesMax);
    expect((await client.send(sendMessages.code, frame)).status).toBe(0);
  });
});

describe('frame errors come before login (BINARY.md §2.1, §2.5)', () => {
  it('answers an unknown code 3 to a logged-out client and keeps its connection usable', async () => {
    server = await startTestServer();
    const anon = await server.connect();
    expect((await anon.send(0xdead, Buffer.from([1, 2, 3]))).status).toBe(3);
    const [short, ping] = await anon.sendRaw(Buffer.concat([u32(2), u32(4), u32(1)]), 2);
    expect([short!.status, ping!.status]).toEqual([3, 0]);
    expect(await anon.login('iggy', 'iggy')).toBe(0);
  });

  it('closes a logged-out client sending an oversize frame; a logged-in one is unaffected', async () => {
    server = await startTestServer({ limits: { frame_size_max: 4096 } });
    const user = await server.connect();
    await user.login('iggy', 'iggy');
    const anon = await server.connect();
    anon.socket.write(Buffer.concat([u32(4097), u32(101)]));
    await anon.closed;
    expect(anon.ended).toBe(true);
    expect((await user.send(1)).status).toBe(0);
    expect((await user.send(20)).status).toBe(0); // GetMe: still logged in
  });
});
