// The WebSocket transport against the real server (BINARY.md §2.4): frames
// split over messages at every byte and many frames coalesced into one
// message, one reply per binary message, text ignored, Ping -> Pong, a client
// that stops reading not stalling others (and losing nothing), the shared
// connection limit, Disconnected (8) to idle clients on shutdown, and WSS
// with a certificate generated into the data dir.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getClusterMetadata } from '../../src/protocol/commands/system/get_cluster_metadata.js';
import { getSnapshot, SnapshotCompression, SnapshotType } from '../../src/protocol/commands/system/get_snapshot.js';
import { encodePayload } from '../../src/protocol/frame.js';
import { encodeLoginUser, startTestServer, type DeepPartial, type TestServer } from '../helpers/server.js';
import type { ServerConfig } from '../../src/config/config.js';
import { frame, WsRawClient } from './ws_raw_client.js';

let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const NO_GRACE_TIMEOUT_MS = 10 * 60_000;

async function startWs(overrides: DeepPartial<ServerConfig> = {}, shutdownGraceMs?: number): Promise<{ server: TestServer; url: string }> {
  const running = await startTestServer(
    { ...overrides, websocket: { enabled: true, address: '127.0.0.1:0', ...overrides.websocket } },
    shutdownGraceMs === undefined ? undefined : { shutdownGraceMs },
  );
  return { server: running, url: `ws://127.0.0.1:${running.server.ctx.runtime.ports.websocket}` };
}

describe('websocket framing', () => {
  it('reads a request split at every byte across messages', async () => {
    const started = await startWs();
    server = started.server;
    const client = await WsRawClient.connect(started.url);
    const bytes = Buffer.concat([frame(38, encodeLoginUser('iggy', 'iggy')), frame(1), frame(12)]);
    const responses = await client.exchange([...bytes].map((byte) => Uint8Array.of(byte)), 3);
    expect(responses.map((r) => r.status)).toEqual([0, 0, 0]);
    expect(responses[0]!.payload.readUInt32LE(0)).toBe(0); // root's user id
    expect(getClusterMetadata.response.decode(responses[2]!.payload).nodes.length).toBeGreaterThan(0);
  });

  it('answers many frames coalesced into one message with one message each, in order', async () => {
    const started = await startWs();
    server = started.server;
    const client = await WsRawClient.connect(started.url);
    const count = 500;
    const frames = [frame(38, encodeLoginUser('iggy', 'iggy'))];
    for (let i = 0; i < count; i++) frames.push(i % 2 === 0 ? frame(1) : frame(9999, Buffer.from('junk')));
    const responses = await client.exchange([Buffer.concat(frames)], count + 1);
    expect(responses.slice(1).map((r) => r.status)).toEqual(Array.from({ length: count }, (_, i) => (i % 2 === 0 ? 0 : 3)));
    expect(client.messages.length).toBe(count + 1);
  });

  it('ignores text messages and answers Ping with Pong', async () => {
    const started = await startWs();
    server = started.server;
    const client = await WsRawClient.connect(started.url);
    client.ws.send(Buffer.from(frame(1)).toString('latin1'), { binary: false });
    const pong = new Promise<Buffer>((resolve) => client.ws.once('pong', resolve));
    client.ws.ping(Buffer.from('hello'));
    expect((await pong).toString()).toBe('hello');
    expect((await client.send(1)).status).toBe(0);
    expect(client.messages.length).toBe(1); // the text message got no reply
  });

  it('closes a connection whose message exceeds max_message_size', async () => {
    const started = await startWs({ websocket: { max_message_size: 1024 } });
    server = started.server;
    const client = await WsRawClient.connect(started.url);
    client.ws.send(Buffer.alloc(2048), { binary: true });
    expect((await client.closed).code).not.toBe(1000);
  });
});

describe('websocket connections', () => {
  it('serves others while a client stops reading, and loses nothing', async () => {
    const started = await startWs({ limits: { pending_requests_per_connection_max: 8 }, websocket: { write_buffer_size: 64 * 1024 } });
    server = started.server;
    const login = frame(38, encodeLoginUser('iggy', 'iggy'));
    const slow = await WsRawClient.connect(started.url);
    const fast = await WsRawClient.connect(started.url);
    await slow.exchange([login], 1);
    await fast.exchange([login], 1);
    const request = frame(getSnapshot.code, encodePayload(getSnapshot.request, { compression: SnapshotCompression.Stored, types: [SnapshotType.ServerConfig] }));
    const count = 2000; // ~3 KiB replies each: far more than socket buffers hold
    slow.ws.pause();
    const pending = slow.exchange([Buffer.concat(Array.from({ length: count }, () => request))], count);
    for (let i = 0; i < 20; i++) expect((await fast.send(getClusterMetadata.code)).status).toBe(0);
    slow.ws.resume();
    const responses = await pending;
    expect(responses.every((r) => r.status === 0 && r.payload.length === responses[0]!.payload.length)).toBe(true);
    expect((await slow.send(1)).status).toBe(0);
  });

  it('cuts off a client that keeps sending while it reads no replies (1008)', async () => {
    const started = await startWs({ limits: { frame_size_max: 64 * 1024 }, websocket: { max_message_size: 64 * 1024, write_buffer_size: 64 * 1024 } });
    server = started.server;
    const client = await WsRawClient.connect(started.url);
    await client.exchange([frame(38, encodeLoginUser('iggy', 'iggy'))], 1);
    const request = frame(getSnapshot.code, encodePayload(getSnapshot.request, { compression: SnapshotCompression.Stored, types: [SnapshotType.ServerConfig] }));
    const message = Buffer.concat(Array.from({ length: Math.floor(60_000 / request.length) }, () => request));
    client.ws.pause();
    for (let i = 0; i < 40; i++) client.ws.send(message, { binary: true }); // ~2.4 MB of requests, ~300 MB of replies
    client.ws.resume();
    expect((await client.closed).code).toBe(1008);
  });

  it('shares connections_max with TCP', async () => {
    const started = await startWs({ limits: { connections_max: 1 } });
    server = started.server;
    await server.connect();
    const refused = await WsRawClient.connect(started.url);
    expect((await refused.closed).code).toBe(1013);
  });

  it('removes the client when the socket closes', async () => {
    const started = await startWs();
    server = started.server;
    const client = await WsRawClient.connect(started.url);
    await client.exchange([frame(38, encodeLoginUser('iggy', 'iggy'))], 1);
    expect(server.server.ctx.clients.count).toBe(1);
    await client.close();
    await expect.poll(() => server!.server.ctx.clients.count).toBe(0);
  });

  it('sends Disconnected (8) to idle clients on shutdown', async () => {
    const started = await startWs({}, NO_GRACE_TIMEOUT_MS);
    const idle = await WsRawClient.connect(started.url);
    await idle.exchange([frame(38, encodeLoginUser('iggy', 'iggy'))], 1);
    await started.server.close();
    await idle.closed;
    expect(idle.messages.slice(1).map((m) => [m.readUInt32LE(0), m.readUInt32LE(4), m.length])).toEqual([[8, 0, 8]]);
  });
});

describe('websocket over TLS (wss)', () => {
  it('generates a self-signed certificate into the data dir once and serves wss:// with it', async () => {
    const started = await startWs({ websocket: { tls: { enabled: true, self_signed: true } } });
    server = started.server;
    const certFile = path.join(server.dataDir, 'websocket_cert.pem');
    const ca = await readFile(certFile, 'utf8');
    const url = started.url.replace('ws://', 'wss://');
    const client = await WsRawClient.connect(url, { ca });
    expect((await client.send(1)).status).toBe(0);
    await client.close();
    await expect(WsRawClient.connect(url)).rejects.toThrow(/self-signed|certificate/i); // not trusted without the CA
    await server.restart();
    expect(await readFile(certFile, 'utf8')).toBe(ca); // kept: generated only when missing
  });

  it('refuses to start when cert_file is missing and self_signed is false', async () => {
    await expect(startWs({ websocket: { tls: { enabled: true, self_signed: false, cert_file: '/nonexistent/cert.pem' } } })).rejects.toThrow(
      /websocket\.tls\.cert_file = "\/nonexistent\/cert\.pem" does not exist and websocket\.tls\.self_signed is false/,
    );
  });
});
