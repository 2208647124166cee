// System commands over real TCP (BINARY.md §8.1–8.7): Ping, GetStats with
// real process figures, GetSnapshot (a readable ZIP), GetClusterMetadata with
// the bound port, GetMe/GetClient/GetClients with client ids = XXH32 of the
// address and consumer-group membership, permission denials, the heartbeat
// (stale sessions get 30 and are closed), and leaving groups on disconnect.
import { inflateRawSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { getClient } from '../../src/protocol/commands/system/get_client.js';
import { getClients } from '../../src/protocol/commands/system/get_clients.js';
import { getClusterMetadata } from '../../src/protocol/commands/system/get_cluster_metadata.js';
import { getMe } from '../../src/protocol/commands/system/get_me.js';
import { getSnapshot, SnapshotCompression, SnapshotType } from '../../src/protocol/commands/system/get_snapshot.js';
import { getStats } from '../../src/protocol/commands/system/get_stats.js';
import { createUser } from '../../src/protocol/commands/users/create_user.js';
import { Transport, UserStatus } from '../../src/protocol/types.js';
import { nowUs } from '../../src/server/clients.js';
import { startTestServer, type RawClient, type TestServer } from '../helpers/server.js';

let server: TestServer;

afterEach(async () => {
  await server.close();
});

function clientIdOf(client: RawClient): number {
  const address = `${client.socket.localAddress}:${client.socket.localPort}`;
  return server.server.ctx.core.xxh32(new TextEncoder().encode(address));
}

async function rootClient(): Promise<RawClient> {
  const client = await server.connect();
  await client.login('iggy', 'iggy');
  return client;
}

async function plainClient(): Promise<RawClient> {
  const root = await rootClient();
  const created = await root.call(createUser, { username: 'plain', password: 'secret', status: UserStatus.Active, permissions: null });
  expect(created.status).toBe(0);
  const plain = await server.connect();
  await plain.login('plain', 'secret');
  return plain;
}

/** Entry names and contents of a ZIP, read through its central directory. */
function unzip(zip: Buffer): Map<string, string> {
  const end = zip.length - 22;
  expect(zip.readUInt32LE(end)).toBe(0x06054b50);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString();
    const dataAt = local + 30 + zip.readUInt16LE(local + 26);
    const raw = zip.subarray(dataAt, dataAt + size);
    files.set(name, (method === 8 ? inflateRawSync(raw) : raw).toString());
    at += 46 + nameLength;
  }
  return files;
}

describe('Ping and GetStats', () => {
  it('answers Ping without login and ignores its payload', async () => {
    server = await startTestServer();
    const anon = await server.connect();
    expect(await anon.send(1)).toEqual({ status: 0, payload: Buffer.alloc(0) });
    expect((await anon.send(1, Buffer.from([1, 2, 3]))).status).toBe(0);
  });

  it('reports real process, host and server figures', async () => {
    server = await startTestServer();
    const root = await rootClient();
    await server.connect(); // a second client
    const stats = (await root.call(getStats, undefined)).value!;
    expect(stats.processId).toBe(process.pid); // the test runs the server in-process
    expect(stats.iggyServerVersion).toBe('0.8.0');
    expect(stats.iggyServerSemver).toBe(8000);
    expect(stats.clientsCount).toBe(2);
    expect(stats.streamsCount).toBe(0);
    expect(stats.messagesCount).toBe(0n);
    expect(stats.memoryUsageBytes > 0n && stats.memoryUsageBytes < stats.totalMemoryBytes).toBe(true);
    expect(stats.availableMemoryBytes <= stats.totalMemoryBytes).toBe(true);
    expect(stats.startTimeUs).toBe(server.server.ctx.startedAtUs);
    expect(stats.runTimeUs >= 0n).toBe(true);
    expect(stats.cpuUsage).toBeGreaterThanOrEqual(0);
    expect(stats.totalCpuUsage).toBeGreaterThanOrEqual(0);
    expect(stats.totalCpuUsage).toBeLessThanOrEqual(100);
    expect(stats.threadsCount).toBeGreaterThanOrEqual(1);
    expect(stats.totalDiskSpaceBytes > 0n && stats.freeDiskSpaceBytes <= stats.totalDiskSpaceBytes).toBe(true);
    expect(stats.hostname.length).toBeGreaterThan(0);
    expect(stats.kernelVersion.length).toBeGreaterThan(0);
  });
});

describe('GetMe, GetClient, GetClients', () => {
  it('identifies clients by XXH32 of their address, with user id and transport', async () => {
    server = await startTestServer();
    const root = await rootClient();
    const anon = await server.connect();
    const me = (await root.call(getMe, undefined)).value!;
    expect(me).toEqual({
      clientId: clientIdOf(root),
      userId: 0,
      transport: Transport.Tcp,
      address: `127.0.0.1:${root.socket.localPort}`,
      consumerGroupsCount: 0,
      consumerGroups: [],
    });
    const other = (await root.call(getClient, { clientId: clientIdOf(anon) })).value!;
    expect(other).toMatchObject({ clientId: clientIdOf(anon), userId: null });
    const all = (await root.call(getClients, undefined)).value!;
    expect(all.map((c) => c.clientId)).toEqual([clientIdOf(root), clientIdOf(anon)].sort((a, b) => a - b));

    expect((await root.call(getClient, { clientId: 0 })).status).toBe(101);
    const unknown = await root.call(getClient, { clientId: (clientIdOf(root) ^ 1) >>> 0 });
    expect([unknown.status, unknown.payload.length]).toEqual([0, 0]);

    await anon.close();
    await expect.poll(async () => (await root.call(getClients, undefined)).value!.length).toBe(1);
  });

  it('formats IPv6 client addresses as [addr]:port', async () => {
    server = await startTestServer({ tcp: { address: '[::1]:0' } });
    const client = await server.connect({ host: '::1' });
    await client.login('iggy', 'iggy');
    const me = (await client.call(getMe, undefined)).value!;
    const address = `[::1]:${client.socket.localPort}`;
    expect(me.address).toBe(address);
    expect(me.clientId).toBe(server.server.ctx.core.xxh32(new TextEncoder().encode(address)));
    const metadata = (await client.call(getClusterMetadata, undefined)).value!;
    expect(metadata.nodes[0]!.ip).toBe('::1');
  });

  it('shows consumer-group membership and leaves groups on disconnect', async () => {
    server = await startTestServer();
    const root = await rootClient();
    const member = await server.connect();
    const groups = server.server.ctx.groups;
    const key = { streamId: 1, topicId: 2, groupId: 3 };
    groups.addGroup(key, 2);
    groups.join(key, clientIdOf(member));
    const details = (await root.call(getClient, { clientId: clientIdOf(member) })).value!;
    expect(details.consumerGroups).toEqual([key]);
    expect((await root.call(getClients, undefined)).value!.find((c) => c.clientId === clientIdOf(member))?.consumerGroupsCount).toBe(1);
    member.destroy();
    await expect.poll(() => groups.isMember(key, clientIdOf(member))).toBe(false);
  });

  it('needs read_servers for GetStats/GetClient(s) (41) and login for all (40)', async () => {
    server = await startTestServer();
    const plain = await plainClient();
    expect((await plain.call(getStats, undefined)).status).toBe(41);
    expect((await plain.call(getClients, undefined)).status).toBe(41);
    expect((await plain.call(getClient, { clientId: 1 })).status).toBe(41);
    expect((await plain.call(getMe, undefined)).value?.userId).toBe(1);
    expect((await plain.call(getClusterMetadata, undefined)).status).toBe(0);
    const anon = await server.connect();
    for (const code of [10, 11, 12, 20, 21, 22]) expect((await anon.send(code, Buffer.from([1, 1, 4, 0]))).status).toBe(40);
    expect((await anon.send(21, Buffer.from([1, 2]))).status).toBe(3); // decode error before the login check
  });
});

describe('GetClusterMetadata and GetSnapshot', () => {
  it('describes one healthy leader node with the bound TCP port', async () => {
    server = await startTestServer();
    const root = await rootClient();
    expect((await root.call(getClusterMetadata, undefined)).value).toEqual({
      name: 'single-node',
      nodes: [{ name: 'iggy-node', ip: '127.0.0.1', endpoints: { tcp: server.port, quic: 0, http: 0, websocket: 0 }, role: 0, status: 0 }],
    });
  });

  it('returns a ZIP with the requested diagnostics, stored or deflated', async () => {
    server = await startTestServer();
    const root = await rootClient();
    const stored = await root.call(getSnapshot, { compression: SnapshotCompression.Stored, types: [SnapshotType.Test, SnapshotType.ServerConfig] });
    const files = unzip(stored.payload);
    expect([...files.keys()]).toEqual(['test.txt', 'server_config.txt']);
    expect(files.get('test.txt')).toBe('test\n');
    expect(files.get('server_config.txt')).toContain('"address": "127.0.0.1:0"');
    expect(files.get('server_config.txt')).not.toContain('"password": "iggy"');

    const all = unzip((await root.call(getSnapshot, { compression: SnapshotCompression.Deflated, types: [SnapshotType.All] })).payload);
    expect([...all.keys()].sort()).toEqual(
      ['filesystem_overview.txt', 'process_list.txt', 'resource_usage.txt', 'server_config.txt', 'server_logs.txt', 'test.txt'].sort(),
    );
    expect(all.get('process_list.txt')).toContain(String(process.pid));
    expect(all.get('filesystem_overview.txt')).toContain(server.dataDir);

    expect((await root.send(11, Buffer.from([7, 1, 4]))).status).toBe(3); // unknown compression
    expect((await root.send(11, Buffer.from([1, 1, 9]))).status).toBe(3); // unknown type
    expect((await root.send(11, Buffer.from([1, 2, 100, 4]))).status).toBe(3); // all + another
  });
});

describe('heartbeat', () => {
  it('answers a stale session StaleClient (30), closes it, and keeps serving others', async () => {
    server = await startTestServer({ heartbeat: { enabled: true, interval: 3_600_000_000 } });
    const stale = await rootClient();
    const clients = server.server.ctx.clients;
    // Sweep as if 1.2 × interval had passed since the last Ping (no waiting in tests).
    expect(clients.sweep(nowUs() + 3_600_000_000n * 2n)).toBe(1);
    expect((await stale.send(1)).status).toBe(30);
    await stale.closed;
    const fresh = await rootClient();
    expect((await fresh.send(1)).status).toBe(0);
    // A Ping refreshes the heartbeat: a sweep at "now" keeps the fresh session.
    expect(clients.sweep(nowUs())).toBe(0);
  });
});
