// The QUIC transport against the real server (TRANSPORTS.md): a client with
// the wrong ALPN fails its handshake, a garbage datagram and a cut-off or
// oversized request frame are shrugged off, and the server serves on; a
// certificate comes from cert_file/key_file when self_signed is false; a
// client that leaves replies unread stalls no one; the connection limit is
// shared; shutdown ends idle connections.
import dgram from 'node:dgram';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import loggerModule from '@matrixai/logger';
import quicLib from '@matrixai/quic';
import { IggyClient } from '../../sdk/client.js';
import { QuicTransport } from '../../sdk/transport/quic/quic_transport.js';
import { generateSelfSigned } from '../../src/transport/self_signed.js';
import { encodeLoginUser, startTestServer, type DeepPartial, type TestServer } from '../helpers/server.js';
import { getSnapshot, SnapshotCompression, SnapshotType } from '../../src/protocol/commands/system/get_snapshot.js';
import { encodePayload } from '../../src/protocol/frame.js';
import type { ServerConfig } from '../../src/config/config.js';

let server: TestServer | undefined;
let dir: string | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

async function startQuic(quic: DeepPartial<ServerConfig['quic']> = {}, limits: DeepPartial<ServerConfig['limits']> = {}): Promise<number> {
  server = await startTestServer({ quic: { enabled: true, address: '127.0.0.1:0', ...quic }, limits });
  return server.server.ctx.runtime.ports.quic!;
}

async function pingOver(port: number): Promise<void> {
  const client = await IggyClient.connect({ transport: () => new QuicTransport({ port }), auth: { username: 'iggy', password: 'iggy' }, heartbeatIntervalMs: 0, reconnect: false });
  try {
    await client.system.ping();
  } finally {
    await client.close();
  }
}

// As in the transports: the CommonJS default differs between Node and Vite; 100 = SILENT.
type LoggerClass = typeof loggerModule.default;
const Logger: LoggerClass = 'default' in loggerModule ? loggerModule.default : (loggerModule as unknown as LoggerClass);
const logger = new Logger('test', 100);

const randomBytes = async (data: ArrayBuffer): Promise<void> => {
  crypto.getRandomValues(new Uint8Array(data));
};

type RawQuic = Awaited<ReturnType<typeof quicLib.QUICClient.createQUICClient>>;

async function rawConnect(port: number): Promise<RawQuic> {
  return quicLib.QUICClient.createQUICClient({
    host: '127.0.0.1',
    port,
    crypto: { ops: { randomBytes } },
    config: { verifyPeer: false, applicationProtos: ['iggy'] },
    logger,
  });
}

/** Opens a stream, writes `bytes` and finishes; `read()` returns everything the server sent back. */
async function openRequest(client: RawQuic, bytes: Uint8Array): Promise<{ read(): Promise<Buffer> }> {
  const stream = client.connection.newStream('bidi');
  const writer = stream.writable.getWriter();
  await writer.write(bytes);
  await writer.close();
  return {
    async read() {
      const chunks: Uint8Array[] = [];
      for await (const chunk of stream.readable) chunks.push(chunk);
      return Buffer.concat(chunks);
    },
  };
}

/** Raw exchange on a connection of its own. */
async function rawExchange(port: number, bytes: Uint8Array): Promise<Buffer> {
  const client = await rawConnect(port);
  try {
    return await (await openRequest(client, bytes)).read();
  } finally {
    await client.destroy({ force: true });
  }
}

function frame(code: number, payload: Uint8Array = new Uint8Array(0)): Buffer {
  const out = Buffer.allocUnsafe(8 + payload.length);
  out.writeUInt32LE(4 + payload.length, 0);
  out.writeUInt32LE(code, 4);
  out.set(payload, 8);
  return out;
}

describe('quic', () => {
  it('fails a handshake with the wrong ALPN and serves on', async () => {
    const port = await startQuic();
    const wrong = quicLib.QUICClient.createQUICClient(
      { host: '127.0.0.1', port, crypto: { ops: { randomBytes } }, config: { verifyPeer: false, applicationProtos: ['h3'] }, logger },
      { timer: 5000 },
    );
    await expect(wrong).rejects.toThrow();
    await pingOver(port);
  });

  it('ignores a garbage datagram and serves on', async () => {
    const port = await startQuic();
    const socket = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => socket.send(Buffer.from('not a QUIC packet at all'), port, '127.0.0.1', () => resolve()));
    await new Promise<void>((resolve) => socket.send(Buffer.alloc(1200, 0xff), port, '127.0.0.1', () => resolve()));
    socket.close();
    await pingOver(port);
  });

  it('answers a cut-off or oversized frame InvalidCommand (3) and a ping OK', async () => {
    const port = await startQuic();
    const ping = Buffer.from([4, 0, 0, 0, 1, 0, 0, 0]);
    expect([...(await rawExchange(port, ping))]).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect((await rawExchange(port, ping.subarray(0, 5))).readUInt32LE(0)).toBe(3);
    const huge = Buffer.from([0xff, 0xff, 0xff, 0x7f, 1, 0, 0, 0]);
    expect((await rawExchange(port, huge)).readUInt32LE(0)).toBe(3);
    await pingOver(port);
  });

  it('reads cert_file and key_file when self_signed is false, naming a missing file', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'iggy-ts-quic-'));
    const pair = generateSelfSigned();
    const certFile = path.join(dir, 'cert.pem');
    const keyFile = path.join(dir, 'key.pem');
    await writeFile(certFile, pair.cert);
    await writeFile(keyFile, pair.key);
    const port = await startQuic({ certificate: { self_signed: false, cert_file: certFile, key_file: keyFile } });
    await pingOver(port);
    await server!.close();
    server = undefined;
    await expect(startQuic({ certificate: { self_signed: false, cert_file: path.join(dir, 'none.pem'), key_file: keyFile } })).rejects.toThrow(
      /quic\.certificate\.cert_file = ".*none\.pem" cannot be read/,
    );
  });

  it('serves others while a client leaves its replies unread, and loses nothing', async () => {
    const port = await startQuic({}, { pending_requests_per_connection_max: 4 }); // 50 requests queue for 4 slots
    const slow = await rawConnect(port);
    try {
      expect((await (await openRequest(slow, frame(38, encodeLoginUser('iggy', 'iggy')))).read()).readUInt32LE(0)).toBe(0);
      const request = frame(getSnapshot.code, encodePayload(getSnapshot.request, { compression: SnapshotCompression.Stored, types: [SnapshotType.ServerConfig] }));
      const unread = await Promise.all(Array.from({ length: 50 }, () => openRequest(slow, request)));
      await pingOver(port);
      const replies = await Promise.all(unread.map((r) => r.read()));
      expect(replies.every((reply) => reply.readUInt32LE(0) === 0 && reply.length === 8 + reply.readUInt32LE(4))).toBe(true);
    } finally {
      await slow.destroy({ force: true });
    }
  });

  it('shares connections_max with TCP', async () => {
    server = await startTestServer({ quic: { enabled: true, address: '127.0.0.1:0' }, limits: { connections_max: 1 } });
    await server.connect();
    const port = server.server.ctx.runtime.ports.quic!;
    const refused = IggyClient.connect({ transport: () => new QuicTransport({ port }), auth: { username: 'iggy', password: 'iggy' }, heartbeatIntervalMs: 0, reconnect: false });
    await expect(refused).rejects.toThrow();
  });

  it('ends idle connections on shutdown, so the SDK sees Disconnected', async () => {
    const port = await startQuic();
    const client = await IggyClient.connect({ transport: () => new QuicTransport({ port }), auth: { username: 'iggy', password: 'iggy' }, heartbeatIntervalMs: 0, reconnect: false });
    const disconnected = new Promise<unknown>((resolve) => client.on('disconnect', resolve));
    await server!.close();
    server = undefined;
    expect(await disconnected).toMatchObject({ code: 8 });
    await client.close();
  });
});
