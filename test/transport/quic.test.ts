// The QUIC transport against the real server (TRANSPORTS.md): a client with
// the wrong ALPN fails its handshake, a garbage datagram and a cut-off or
// oversized request frame are shrugged off, and the server serves on; a
// certificate comes from cert_file/key_file when self_signed is false.
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
import { startTestServer, type DeepPartial, type TestServer } from '../helpers/server.js';
import type { ServerConfig } from '../../src/config/config.js';

let server: TestServer | undefined;
let dir: string | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

async function startQuic(quic: DeepPartial<ServerConfig['quic']> = {}): Promise<number> {
  server = await startTestServer({ quic: { enabled: true, address: '127.0.0.1:0', ...quic } });
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

/** Raw stream exchange: write `bytes`, finish, read everything back. */
async function rawExchange(port: number, bytes: Uint8Array): Promise<Buffer> {
  const client = await quicLib.QUICClient.createQUICClient({
    host: '127.0.0.1',
    port,
    crypto: { ops: { randomBytes } },
    config: { verifyPeer: false, applicationProtos: ['iggy'] },
    logger,
  });
  try {
    const stream = client.connection.newStream('bidi');
    const writer = stream.writable.getWriter();
    await writer.write(bytes);
    await writer.close();
    const chunks: Uint8Array[] = [];
    for await (const chunk of stream.readable) chunks.push(chunk);
    return Buffer.concat(chunks);
  } finally {
    await client.destroy({ force: true });
  }
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
});
