// The TCP transport against the real server (BINARY.md §2.1, §2.5): framing
// faults (length < 4, unknown code, truncated payload, oversize length,
// oversize control payload), in-order replies to pipelined requests,
// backpressure from a client that stops reading (nothing lost, others still
// served), the connection limit, an unexpected handler exception answered
// Error (1) without harm, and Disconnected (8) to idle clients on shutdown.
import { afterEach, describe, expect, it } from 'vitest';
import { getClusterMetadata } from '../../src/protocol/commands/system/get_cluster_metadata.js';
import { getSnapshot, SnapshotCompression, SnapshotType } from '../../src/protocol/commands/system/get_snapshot.js';
import { encodePayload } from '../../src/protocol/frame.js';
import type { CommandHandler } from '../../src/server/context.js';
import { ALL_HANDLERS } from '../../src/server/handlers/index.js';
import { connectRaw, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

// Shutdown tests set a grace period beyond the test timeout: a connection the
// server fails to close by itself (a half-closed socket whose FIN it never
// reads) then fails the test instead of being destroyed when grace runs out.
const NO_GRACE_TIMEOUT_MS = 10 * 60_000;

function frame(code: number, payload: Uint8Array = new Uint8Array(0)): Buffer {
  const out = Buffer.allocUnsafe(8 + payload.length);
  out.writeUInt32LE(4 + payload.length, 0);
  out.writeUInt32LE(code, 4);
  out.set(payload, 8);
  return out;
}

function u32(value: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32LE(value, 0);
  return out;
}

describe('framing', () => {
  it('answers length < 4 with InvalidCommand and reads on from the next header', async () => {
    server = await startTestServer();
    const client = await server.connect();
    const responses = await client.sendRaw(Buffer.concat([u32(0), u32(3), frame(1), u32(2), frame(1)]), 5);
    expect(responses.map((r) => r.status)).toEqual([3, 3, 0, 3, 0]);
  });

  it('answers an unknown code with InvalidCommand after reading its payload, staying in sync', async () => {
    server = await startTestServer();
    const client = await server.connect();
    const responses = await client.sendRaw(Buffer.concat([frame(9999, Buffer.from('garbage payload')), frame(0), frame(1)]), 3);
    expect(responses.map((r) => r.status)).toEqual([3, 3, 0]);
  });

  it('answers a truncated payload InvalidCommand and keeps the connection', async () => {
    server = await startTestServer();
    const client = await server.connect();
    await client.login('iggy', 'iggy');
    expect((await client.send(21, Buffer.from([1, 0]))).status).toBe(3); // GetClient needs a u32
    expect((await client.send(38, Buffer.from([4, 105]))).status).toBe(3); // LoginUser cut inside the username
    expect((await client.send(1)).status).toBe(0);
  });

  it('waits for a frame delivered a byte at a time', async () => {
    server = await startTestServer();
    const client = await server.connect();
    const bytes = Buffer.concat([frame(1), frame(9999, Buffer.from([1, 2, 3]))]);
    const replies = client.sendRaw(Buffer.alloc(0), 2);
    for (const byte of bytes) {
      client.socket.write(Buffer.from([byte]));
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect((await replies).map((r) => r.status)).toEqual([0, 3]);
  });

  it('answers a length above frame_size_max InvalidCommand and closes; others are unaffected', async () => {
    server = await startTestServer({ limits: { frame_size_max: 1024 } });
    const bad = await server.connect();
    const good = await server.connect();
    bad.socket.write(Buffer.concat([frame(1), u32(1025), u32(1)]));
    await bad.closed;
    expect(bad.ended).toBe(true);
    expect((await good.send(1)).status).toBe(0);
    expect((await good.send(9999, Buffer.alloc(1020))).status).toBe(3); // exactly 1024: read and answered
  });

  it('answers the 1st response of a connection closed for oversize in order', async () => {
    server = await startTestServer({ limits: { frame_size_max: 1024 } });
    const bad = await server.connect();
    const statuses: number[] = [];
    bad.socket.on('data', (chunk: Buffer) => {
      for (let at = 0; at + 8 <= chunk.length; at += 8) statuses.push(chunk.readUInt32LE(at));
    });
    bad.socket.write(Buffer.concat([frame(1), u32(0xffff_ffff)]));
    await bad.closed;
    expect(statuses).toEqual([0, 3]);
  });

  it('reads a control payload above 10 MiB in full and answers InvalidCommand in sync', async () => {
    server = await startTestServer();
    const client = await server.connect();
    const responses = await client.sendRaw(Buffer.concat([frame(1, Buffer.alloc(10 * 1024 * 1024 + 1)), frame(1)]), 2);
    expect(responses.map((r) => r.status)).toEqual([3, 0]);
  });
});

describe('pipelining and backpressure', () => {
  it('answers many pipelined requests in request order', async () => {
    server = await startTestServer({ limits: { pending_requests_per_connection_max: 4 } });
    const client = await server.connect();
    const frames: Buffer[] = [frame(38, Buffer.concat([Buffer.from([4]), Buffer.from('iggy'), Buffer.from([4]), Buffer.from('iggy'), Buffer.alloc(8)]))];
    const expected: number[] = [0];
    for (let i = 0; i < 600; i++) {
      const [code, status] = i % 3 === 0 ? [1, 0] : i % 3 === 1 ? [12, 0] : [4242, 3];
      frames.push(frame(code));
      expected.push(status);
    }
    const responses = await client.sendRaw(Buffer.concat(frames), frames.length);
    expect(responses.map((r) => r.status)).toEqual(expected);
    expect(responses[2]!.payload.length).toBeGreaterThan(8); // GetClusterMetadata's payload arrived intact
  });

  it('keeps reading with a response-bytes limit below the socket high-water mark', async () => {
    server = await startTestServer({ limits: { pending_response_bytes_per_connection_max: 16 } });
    const client = await server.connect();
    await client.login('iggy', 'iggy');
    const responses = await client.sendRaw(Buffer.concat(Array.from({ length: 300 }, () => frame(12))), 300);
    expect(responses.every((r) => r.status === 0 && r.payload.length > 0)).toBe(true);
  });

  it('pauses a client that stops reading without stalling others, and loses nothing', async () => {
    server = await startTestServer({
      limits: { pending_requests_per_connection_max: 8, pending_response_bytes_per_connection_max: 64 * 1024 },
    });
    const slow = await server.connect();
    await slow.login('iggy', 'iggy');
    const fast = await server.connect();
    await fast.login('iggy', 'iggy');
    const request = encodePayload(getSnapshot.request, { compression: SnapshotCompression.Stored, types: [SnapshotType.ServerConfig] });
    const count = 3000; // ~3 KiB each: far more than the socket buffers hold
    slow.socket.pause();
    const pending = slow.sendRaw(Buffer.concat(Array.from({ length: count }, () => frame(getSnapshot.code, request))), count);
    // While the slow client reads nothing, the fast one is served.
    for (let i = 0; i < 20; i++) expect((await fast.call(getClusterMetadata, undefined)).status).toBe(0);
    slow.socket.resume();
    const responses = await pending;
    expect(responses.length).toBe(count);
    // Same archive each time (only the ZIP's DOS timestamp may differ): same status and size, in order.
    expect(responses.every((r) => r.status === 0 && r.payload.length === responses[0]!.payload.length)).toBe(true);
    expect((await slow.send(1)).status).toBe(0);
  });
});

describe('connections and failures', () => {
  it('refuses connections beyond connections_max', async () => {
    server = await startTestServer({ limits: { connections_max: 2 } });
    const a = await server.connect();
    await server.connect();
    const refused = await connectRaw(server.port);
    await refused.closed;
    expect(refused.ended).toBe(true);
    expect((await a.send(1)).status).toBe(0);
    await a.close();
    await expect.poll(() => server!.server.ctx.clients.count).toBe(1);
    const again = await server.connect();
    expect((await again.send(1)).status).toBe(0);
  });

  it('answers an unexpected handler exception with Error (1) and keeps serving', async () => {
    const buggy: CommandHandler = {
      code: 9000,
      name: 'Buggy',
      requiresAuth: false,
      decode: () => undefined,
      handle: () => {
        throw new TypeError('a bug');
      },
    };
    const buggyAsync: CommandHandler = { ...buggy, code: 9001, handle: async () => Promise.reject(new RangeError('another bug')) };
    server = await startTestServer(undefined, { handlers: [...ALL_HANDLERS, buggy, buggyAsync] });
    const client = await server.connect();
    const responses = await client.sendRaw(Buffer.concat([frame(9000), frame(1), frame(9001), frame(1)]), 4);
    expect(responses.map((r) => [r.status, r.payload.length])).toEqual([
      [1, 0],
      [0, 0],
      [1, 0],
      [0, 0],
    ]);
  });

  it('lets an in-flight request finish on shutdown, then says Disconnected (8)', async () => {
    let entered!: () => void;
    const handlerEntered = new Promise<void>((resolve) => (entered = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow: CommandHandler = {
      code: 9002,
      name: 'Slow',
      requiresAuth: false,
      decode: () => undefined,
      handle: async () => {
        entered();
        await gate;
        return Buffer.from('done');
      },
    };
    const running = await startTestServer(undefined, { handlers: [...ALL_HANDLERS, slow], shutdownGraceMs: NO_GRACE_TIMEOUT_MS });
    const busy = await connectRaw(running.port);
    const reply = busy.send(9002);
    await handlerEntered;
    const closing = running.close();
    // Requests sent after shutdown began stay unread in the paused socket;
    // the server must still notice the client's FIN behind them.
    busy.socket.write(Buffer.concat([frame(1), frame(1), frame(1)]));
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    expect(await reply).toEqual({ status: 0, payload: Buffer.from('done') });
    await closing;
    await busy.closed;
    expect(busy.unsolicited).toEqual([{ status: 8, payload: Buffer.alloc(0) }]);
  });

  it('sends Disconnected (8) to idle connections on shutdown', async () => {
    const running = await startTestServer(undefined, { shutdownGraceMs: NO_GRACE_TIMEOUT_MS });
    const idle = await connectRaw(running.port); // not through running.connect(): close() would drop it first
    await idle.login('iggy', 'iggy');
    await running.close();
    await idle.closed;
    expect(idle.unsolicited).toEqual([{ status: 8, payload: Buffer.alloc(0) }]);
  });
});
