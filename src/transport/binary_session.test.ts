// The binary session with no network: the real server (openServer on a temp
// data dir, real dispatch and handlers) behind an in-memory ByteSink. Proves
// that replies do not depend on how the bytes were split (every offset, byte
// by byte, many frames in one chunk), that they leave in request order even
// behind a slow handler, that both pending limits pause reading and resume
// it, that a full sink stops dispatch until drained, and the fatal-frame,
// shutdown and close paths.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import { setLogLevel } from '../log.js';
import { Transport } from '../protocol/types.js';
import { setPasswordHashParams } from '../server/auth/password.js';
import { openSession } from '../server/clients.js';
import type { CommandHandler, Reply } from '../server/context.js';
import { ALL_HANDLERS } from '../server/handlers/index.js';
import { openServer, type Server } from '../server/server.js';
import { BinarySession, type BinarySessionLimits, type ByteSink } from './binary_session.js';

const PING = 1;
const UNKNOWN = 9999;
const ECHO = 9001; // OK reply = the payload, split in two chunks
const SLOW = 9002; // OK reply once the test opens the gate

let gate: { open(): void; opened: Promise<void> } = newGate();
function newGate(): typeof gate {
  let open = (): void => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

const echo: CommandHandler<Uint8Array> = {
  code: ECHO,
  name: 'Echo',
  requiresAuth: false,
  decode: (payload) => payload,
  handle: (_ctx, _session, payload): Reply => [payload.subarray(0, 1), payload.subarray(1)],
};
const slow: CommandHandler<void> = {
  code: SLOW,
  name: 'Slow',
  requiresAuth: false,
  decode: () => undefined,
  handle: async () => {
    await gate.opened;
    return new Uint8Array([7]);
  },
};

/** Collects what the session writes; `queuedBytes` grows until flush(), as a socket's write queue does. */
class MemorySink implements ByteSink {
  readonly bytes: Buffer[] = [];
  readonly bodies: Reply[] = [];
  queuedBytes = 0;
  paused = false;
  ended = false;

  /** write() returns false at this many queued bytes, like a socket's high-water mark. */
  constructor(readonly highWaterMarkBytes = Infinity) {}

  write(header: Uint8Array, body: Reply): boolean {
    const chunks = body instanceof Uint8Array ? [body] : body;
    this.bodies.push(body);
    for (const chunk of [header, ...chunks]) {
      this.bytes.push(Buffer.from(chunk));
      this.queuedBytes += chunk.length;
    }
    return this.queuedBytes < this.highWaterMarkBytes;
  }
  pause(): void {
    this.paused = true;
  }
  resume(): void {
    this.paused = false;
  }
  end(): void {
    this.ended = true;
  }
  flush(): void {
    this.queuedBytes = 0;
  }

  /** The responses written so far (BINARY.md §2.1: [status:u32][length:u32][payload]). */
  responses(): Array<{ status: number; payload: number[] }> {
    const all = Buffer.concat(this.bytes);
    const out: Array<{ status: number; payload: number[] }> = [];
    for (let at = 0; at < all.length; ) {
      const length = all.readUInt32LE(at + 4);
      out.push({ status: all.readUInt32LE(at), payload: [...all.subarray(at + 8, at + 8 + length)] });
      at += 8 + length;
    }
    return out;
  }
}

function frame(code: number, payload: number[] = []): Buffer {
  const out = Buffer.alloc(8 + payload.length);
  out.writeUInt32LE(4 + payload.length, 0);
  out.writeUInt32LE(code, 4);
  out.set(payload, 8);
  return out;
}

/** A frame whose length field is below 4: only its 4 length bytes are consumed. */
function shortLength(): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32LE(2, 0);
  return out;
}

const LIMITS: BinarySessionLimits = { frameSizeBytesMax: 1024, pendingRequestsMax: 64, pendingResponseBytesMax: 1 << 20 };
let server: Server;
let dataDir: string;

beforeAll(async () => {
  if (process.env.IGGY_LOG_LEVEL === undefined) setLogLevel('warn');
  setPasswordHashParams({ ln: 10, r: 8, p: 1 });
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'iggy-ts-binary-session-'));
  const base = loadConfig({ env: {}, withDefaultRootCredentials: true });
  const config = { ...base, system: { ...base.system, path: dataDir } };
  server = await openServer(config, { handlers: [...ALL_HANDLERS, echo, slow], printRootPassword: () => undefined });
});

afterAll(async () => {
  await server?.close();
  await rm(dataDir, { recursive: true, force: true });
});

function newSession(sink: MemorySink, limits: Partial<BinarySessionLimits> = {}): BinarySession {
  const session = openSession(server.ctx, Transport.Tcp, '127.0.0.1:1');
  return new BinarySession(server.ctx, server.dispatch, session, sink, { ...LIMITS, ...limits });
}

const MIXED = Buffer.concat([frame(PING), frame(UNKNOWN, [1, 2]), shortLength(), frame(ECHO, [5, 6, 7]), frame(PING)]);
const MIXED_REPLIES = [
  { status: 0, payload: [] },
  { status: 3, payload: [] },
  { status: 3, payload: [] },
  { status: 0, payload: [5, 6, 7] },
  { status: 0, payload: [] },
];

describe('BinarySession framing', () => {
  it('answers several frames in one chunk, one reply each, in order', () => {
    const sink = new MemorySink();
    newSession(sink).push(MIXED);
    expect(sink.responses()).toEqual(MIXED_REPLIES);
  });

  it('answers the same whatever offset the bytes are split at', () => {
    for (let at = 0; at <= MIXED.length; at++) {
      const sink = new MemorySink();
      const binary = newSession(sink);
      binary.push(MIXED.subarray(0, at));
      binary.push(MIXED.subarray(at));
      expect(sink.responses(), `split at ${at}`).toEqual(MIXED_REPLIES);
    }
  });

  it('answers the same when fed byte by byte', () => {
    const sink = new MemorySink();
    const binary = newSession(sink);
    for (let at = 0; at < MIXED.length; at++) binary.push(MIXED.subarray(at, at + 1));
    expect(sink.responses()).toEqual(MIXED_REPLIES);
  });

  it("hands a reply's chunks to the sink as they are, the header counting them all", () => {
    const sink = new MemorySink();
    newSession(sink).push(frame(ECHO, [1, 2, 3]));
    expect(sink.bodies).toHaveLength(1);
    expect(Array.isArray(sink.bodies[0])).toBe(true);
    expect(sink.responses()).toEqual([{ status: 0, payload: [1, 2, 3] }]);
  });

  it('answers a length beyond the frame limit InvalidCommand after earlier replies, then ends and reads no more', () => {
    const sink = new MemorySink();
    const binary = newSession(sink, { frameSizeBytesMax: 64 });
    const tooLong = Buffer.alloc(8);
    tooLong.writeUInt32LE(65, 0);
    binary.push(Buffer.concat([frame(PING), tooLong]));
    expect(sink.responses()).toEqual([
      { status: 0, payload: [] },
      { status: 3, payload: [] },
    ]);
    expect(sink.ended).toBe(true);
    binary.push(frame(PING));
    expect(sink.responses()).toHaveLength(2);
  });
});

describe('BinarySession ordering and limits', () => {
  it('keeps request order behind a slow handler', async () => {
    gate = newGate();
    const sink = new MemorySink();
    const binary = newSession(sink);
    binary.push(Buffer.concat([frame(SLOW), frame(PING), frame(ECHO, [9, 9])]));
    expect(sink.responses()).toEqual([]);
    expect(binary.idle).toBe(false);
    gate.open();
    await expect.poll(() => sink.responses()).toEqual([
      { status: 0, payload: [7] },
      { status: 0, payload: [] },
      { status: 0, payload: [9, 9] },
    ]);
    expect(binary.idle).toBe(true);
  });

  it('pauses reading at pendingRequestsMax and resumes once the pipeline drained', async () => {
    gate = newGate();
    const sink = new MemorySink();
    const binary = newSession(sink, { pendingRequestsMax: 2 });
    binary.push(Buffer.concat([frame(SLOW), frame(PING), frame(PING), frame(PING), frame(PING)]));
    expect(sink.paused).toBe(true);
    gate.open();
    await expect.poll(() => sink.responses().length).toBe(5);
    expect(sink.paused).toBe(false);
  });

  it('pauses reading at pendingResponseBytesMax queued in the sink and resumes on drain', () => {
    const sink = new MemorySink(16);
    const binary = newSession(sink, { pendingResponseBytesMax: 16 });
    binary.push(Buffer.concat([frame(PING), frame(PING), frame(PING), frame(PING)]));
    expect(sink.responses()).toHaveLength(2); // 2 × 8-byte replies fill the 16 bytes
    expect(sink.paused).toBe(true);
    sink.flush();
    binary.drained();
    expect(sink.responses()).toHaveLength(4);
    expect(sink.paused).toBe(true); // the last two replies filled it again
    sink.flush();
    binary.drained();
    expect(sink.paused).toBe(false);
  });

  it('stops dispatching when the sink says it is full, one reply per drain', () => {
    const sink = new MemorySink(8);
    const binary = newSession(sink);
    binary.push(Buffer.concat([frame(PING), frame(PING), frame(PING)]));
    expect(sink.responses()).toHaveLength(1);
    for (const expected of [2, 3]) {
      sink.flush();
      binary.drained();
      expect(sink.responses()).toHaveLength(expected);
    }
  });
});

describe('BinarySession shutdown and close', () => {
  it('answers an idle session Disconnected (8) on shutdown and ends it', () => {
    const sink = new MemorySink();
    const binary = newSession(sink);
    binary.shutdown();
    expect(sink.responses()).toEqual([{ status: 8, payload: [] }]);
    expect(sink.ended).toBe(true);
    expect(sink.paused).toBe(true);
  });

  it('finishes the request in flight before Disconnected, and reads nothing new', async () => {
    gate = newGate();
    const sink = new MemorySink();
    const binary = newSession(sink);
    binary.push(frame(SLOW));
    binary.shutdown();
    binary.push(frame(PING));
    expect(sink.responses()).toEqual([]);
    gate.open();
    await expect.poll(() => sink.responses()).toEqual([
      { status: 0, payload: [7] },
      { status: 8, payload: [] },
    ]);
    expect(sink.ended).toBe(true);
  });

  it('writes nothing once the connection closed, not even a late reply', async () => {
    gate = newGate();
    const sink = new MemorySink();
    const binary = newSession(sink);
    binary.push(Buffer.concat([frame(SLOW), frame(PING)]));
    binary.closed();
    gate.open();
    await gate.opened;
    await new Promise((resolve) => setImmediate(resolve));
    expect(sink.responses()).toEqual([]);
  });
});
