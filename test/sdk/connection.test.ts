// Proves the client core's connection behaviour against a scripted peer (a
// plain TCP server in this file that speaks the frames of BINARY.md §2.1 and
// answers as each test tells it): a timed-out request's late response is
// matched and dropped so later callers get their own; a dropped connection
// rejects in-flight requests with Disconnected (8), reconnects, logs in again
// before anything else, and resends requests marked resendOnReconnect in
// order; exhausted reconnects close the client with a typed error.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { IggyClient } from '../../sdk/client.js';
import { tcp } from '../../sdk/transport/tcp/tcp_transport.js';
import { IggyError } from '../../src/errors/iggy_error.js';
import { createStream } from '../../src/protocol/commands/streams/create_stream.js';
import { loginUser } from '../../src/protocol/commands/users/login_user.js';
import { encodePayload } from '../../src/protocol/frame.js';

interface Frame {
  code: number;
  payload: Buffer;
  socket: net.Socket;
  connection: number;
}
type Reply = { status?: number; payload?: Uint8Array } | 'hold' | 'close';

/** A TCP peer that parses request frames and replies per `script`; held frames are answered by `release`. */
class ScriptedPeer {
  readonly frames: Frame[] = [];
  readonly held: Frame[] = [];
  readonly server: net.Server;
  readonly sockets = new Set<net.Socket>();
  connections = 0;
  constructor(public script: (frame: Frame) => Reply) {
    this.server = net.createServer((socket) => {
      const connection = ++this.connections;
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => {});
      let buffered = Buffer.alloc(0);
      socket.on('data', (chunk) => {
        buffered = Buffer.concat([buffered, chunk]);
        while (buffered.length >= 8 && buffered.length >= 4 + buffered.readUInt32LE(0)) {
          const length = buffered.readUInt32LE(0);
          const frame = { code: buffered.readUInt32LE(4), payload: buffered.subarray(8, 4 + length), socket, connection };
          buffered = buffered.subarray(4 + length);
          this.frames.push(frame);
          const reply = this.script(frame);
          if (reply === 'close') socket.destroy();
          else if (reply === 'hold') this.held.push(frame);
          else ScriptedPeer.reply(socket, reply.status ?? 0, reply.payload);
        }
      });
    });
  }
  static reply(socket: net.Socket, status: number, payload: Uint8Array = new Uint8Array(0)): void {
    const header = Buffer.alloc(8);
    header.writeUInt32LE(status, 0);
    header.writeUInt32LE(payload.length, 4);
    socket.write(Buffer.concat([header, payload]));
  }
  async listen(port = 0): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    return (this.server.address() as net.AddressInfo).port;
  }
  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    if (!this.server.listening) return;
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const streamRecord = (id: number, name: string) =>
  encodePayload(createStream.response, { id, name, createdAtUs: 1n, topicsCount: 0, sizeBytes: 0n, messagesCount: 0n });
const loginOk = () => encodePayload(loginUser.response, { userId: 0 });
const nameOf = (frame: Frame) => frame.payload.subarray(1, 1 + frame.payload[0]!).toString();

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function setup(script: (frame: Frame) => Reply, options: Partial<Parameters<typeof IggyClient.connect>[0]> = {}) {
  const peer = new ScriptedPeer(script);
  const port = await peer.listen();
  cleanup.push(() => peer.close());
  const client = await IggyClient.connect({
    transport: tcp({ port }),
    auth: { username: 'iggy', password: 'iggy' },
    heartbeatIntervalMs: 0,
    reconnect: { delayMsMin: 5, delayMsMax: 20 },
    ...options,
  });
  cleanup.push(() => client.close());
  return { peer, client, port };
}

describe('Connection', () => {
  it('drops the late response of a timed-out request and gives later callers their own', async () => {
    const { peer, client } = await setup((frame) => {
      if (frame.code === 38) return { payload: loginOk() };
      if (frame.code === 202 && nameOf(frame) === 'slow') return 'hold';
      if (frame.code === 202) return 'hold';
      return {};
    });
    const slow = client.send(createStream, { name: 'slow' }, { timeoutMs: 30 });
    await expect(slow).rejects.toMatchObject({ code: IggyError.of('TaskTimeout', '').code });
    const fast = client.streams.create('fast');
    while (peer.held.length < 2) await new Promise((r) => setTimeout(r, 5));
    // Answer both in request order, as a server does: the first answer belongs to the timed-out call.
    for (const frame of peer.held.splice(0)) ScriptedPeer.reply(frame.socket, 0, streamRecord(frame === peer.frames[1] ? 1 : 2, nameOf(frame)));
    expect((await fast).name).toBe('fast');
    await client.system.ping();
  });

  it('rejects in-flight requests with Disconnected, reconnects, logs in first and resends marked requests in order', async () => {
    let dropped = false;
    const { peer, client } = await setup((frame) => {
      if (frame.code === 38) return { payload: loginOk() };
      if (frame.code === 202 && nameOf(frame) === 'c' && !dropped) {
        dropped = true;
        return 'close';
      }
      if (frame.code === 202) return { payload: streamRecord(0, nameOf(frame)) };
      return {};
    });
    const reconnected = new Promise((resolve) => client.on('reconnect', resolve));
    const results = await Promise.allSettled([
      client.send(createStream, { name: 'a' }, { resendOnReconnect: true }),
      client.send(createStream, { name: 'b' }),
      client.send(createStream, { name: 'c' }, { resendOnReconnect: true }),
      client.send(createStream, { name: 'd' }, { resendOnReconnect: true }),
    ]);
    await reconnected;
    expect(results[0]).toMatchObject({ status: 'fulfilled', value: { name: 'a' } });
    expect(results[1]).toMatchObject({ status: 'fulfilled', value: { name: 'b' } });
    expect(results[2]).toMatchObject({ status: 'fulfilled', value: { name: 'c' } });
    expect(results[3]).toMatchObject({ status: 'fulfilled', value: { name: 'd' } });
    const second = peer.frames.filter((f) => f.connection === 2);
    expect(second[0]!.code).toBe(38); // login before anything else
    // 'd' may have been answered on the first connection or resent; 'c' must precede it either way.
    const names = second.slice(1).map(nameOf);
    expect(names[0]).toBe('c');
    expect(peer.frames.filter((f) => f.code === 202 && nameOf(f) === 'b')).toHaveLength(1);
  });

  it('rejects an unmarked in-flight request with Disconnected (8)', async () => {
    const { client } = await setup((frame) => (frame.code === 38 ? { payload: loginOk() } : frame.code === 202 ? 'close' : {}));
    await expect(client.streams.create('x')).rejects.toMatchObject({ code: 8, errorName: 'Disconnected' });
    await client.system.ping(); // after the reconnect
  });

  it('closes the client with a typed error once reconnect attempts run out', async () => {
    const { peer, client } = await setup((frame) => (frame.code === 38 ? { payload: loginOk() } : {}), {
      reconnect: { delayMsMin: 1, delayMsMax: 2, attemptsMax: 2 },
    });
    const failed = new Promise<Error>((resolve) => client.on('error', resolve));
    await peer.close();
    const error = await failed;
    expect(error).toBeInstanceOf(IggyError);
    expect((error as IggyError).errorName).toBe('CannotEstablishConnection');
    expect(client.state).toBe('closed');
    await expect(client.system.ping()).rejects.toMatchObject({ errorName: 'ClientShutdown' });
  });

  it('stops reconnecting when the server refuses the re-login', async () => {
    let logins = 0;
    const { peer, client } = await setup((frame) => {
      if (frame.code === 38) return ++logins === 1 ? { payload: loginOk() } : { status: 42 };
      return 'close';
    });
    const failed = new Promise<Error>((resolve) => client.on('error', resolve));
    await expect(client.system.ping()).rejects.toMatchObject({ errorName: 'Disconnected' });
    expect(await failed).toMatchObject({ code: 42 });
    expect(client.state).toBe('closed');
    expect(peer.connections).toBe(2);
  });

  it('keeps at most inFlightRequestsMax requests written and refuses beyond queuedRequestsMax', async () => {
    const { peer, client } = await setup((frame) => (frame.code === 38 ? { payload: loginOk() } : frame.code === 202 ? 'hold' : {}), {
      inFlightRequestsMax: 3,
      queuedRequestsMax: 5,
    });
    const calls = Array.from({ length: 8 }, (_, i) => client.streams.create(`s${i}`));
    const overflow = await client.streams.create('one-too-many').catch((e: unknown) => e);
    expect(overflow).toMatchObject({ code: 4055, errorName: 'BackgroundSendBufferOverflow' });
    while (peer.held.length < 3) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 20)); // room for a buggy client to write more
    expect(peer.held.map(nameOf)).toEqual(['s0', 's1', 's2']); // the window is full: nothing more was written
    // Answer in order; each answer frees a slot for the next queued request.
    let id = 0;
    while (id < 8) {
      while (peer.held.length === 0) await new Promise((r) => setTimeout(r, 5));
      const frame = peer.held.shift()!;
      ScriptedPeer.reply(frame.socket, 0, streamRecord(id++, nameOf(frame)));
    }
    expect((await Promise.all(calls)).map((s) => s.name)).toEqual(Array.from({ length: 8 }, (_, i) => `s${i}`));
  });

  it('fails the first connect fast with CannotEstablishConnection (9) when nothing listens', async () => {
    const peer = new ScriptedPeer(() => ({}));
    const port = await peer.listen();
    await peer.close(); // the port is free again: connecting is refused
    const error = await IggyClient.connect({ transport: tcp({ port }), heartbeatIntervalMs: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IggyError);
    expect((error as IggyError).code).toBe(9);
  });

  it('closes at once while reconnecting and rejects queued requests with ClientShutdown (63)', async () => {
    const { peer, client } = await setup((frame) => (frame.code === 38 ? { payload: loginOk() } : 'close'), {
      reconnect: { delayMsMin: 5, delayMsMax: 10 },
    });
    peer.server.close(); // stop accepting (its callback waits for open connections, so do not await it)
    const disconnected = new Promise((resolve) => client.on('disconnect', resolve));
    const first = client.system.ping().catch((e: unknown) => e);
    await disconnected;
    const queued = client.system.ping().catch((e: unknown) => e);
    await client.close();
    expect(await first).toMatchObject({ code: 8 });
    expect(await queued).toMatchObject({ code: 63, errorName: 'ClientShutdown' });
    expect(client.state).toBe('closed');
  });

  it('waits for in-flight requests on close', async () => {
    const { peer, client } = await setup((frame) => (frame.code === 38 ? { payload: loginOk() } : frame.code === 202 ? 'hold' : {}));
    const pending = client.streams.create('late');
    while (peer.held.length < 1) await new Promise((r) => setTimeout(r, 5));
    const closed = client.close();
    ScriptedPeer.reply(peer.held[0]!.socket, 0, streamRecord(3, 'late'));
    expect((await pending).id).toBe(3);
    await closed;
    expect(client.state).toBe('closed');
  });
});
