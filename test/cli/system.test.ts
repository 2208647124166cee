// Proves ping, me, stats, snapshot, client, cluster metadata, consumer-group
// and consumer-offset through the built CLI, and the three failures every
// command can meet: a wrong password, an unreachable server and an
// unknown transport, each one line with the Iggy name and code.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getMe } from '../../src/protocol/commands/system/get_me.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { assertBuilt, cliFor, type CliHome, makeHome, runCli } from './cli_harness.js';

describe('iggy system, groups and offsets', () => {
  let server: TestServer;
  let home: CliHome;
  let iggy: ReturnType<typeof cliFor>;

  beforeAll(assertBuilt);
  beforeEach(async () => {
    server = await startTestServer();
    home = await makeHome();
    iggy = cliFor(() => server.port, home);
  });
  afterEach(async () => {
    await server.close();
    await home.close();
  });

  it('pings, without logging in', async () => {
    const ping = await iggy(['-u', 'nobody', '-p', 'wrong', 'ping', '-c', '2']);
    expect(ping).toMatchObject({ code: 0, stderr: '' });
    expect(ping.stdout).toMatch(/Ping 1: [\d.]+ ms\nPing 2: [\d.]+ ms\nPing: 2 sent, average/);
    expect(JSON.parse((await iggy(['-o', 'json', 'ping'])).stdout)).toMatchObject({ count: 1 });
  });

  it('shows me, stats, clients and cluster metadata', async () => {
    const me = JSON.parse((await iggy(['-o', 'json', 'me'])).stdout);
    expect(me).toMatchObject({ userId: 0, transport: 'tcp' });
    const stats = JSON.parse((await iggy(['-o', 'json', 'stats'])).stdout);
    expect(stats).toMatchObject({ streamsCount: 0, clientsCount: 1 });
    expect(typeof stats.hostname).toBe('string');
    // A client that stays connected while the CLI processes come and go.
    const raw = await server.connect();
    await raw.login('iggy', 'iggy');
    const rawId = (await raw.call(getMe, undefined)).value!.clientId;
    const clients = JSON.parse((await iggy(['-o', 'json', 'client', 'list'])).stdout);
    expect(clients.map((c: { clientId: number }) => c.clientId)).toContain(rawId);
    const one = JSON.parse((await iggy(['-o', 'json', 'c', 'g', String(rawId)])).stdout);
    expect(one).toMatchObject({ clientId: rawId, userId: 0, transport: 'tcp' });
    expect((await iggy(['client', 'get', '4'])).stderr).toMatch(/^error: ClientNotFound \(100\)/);
    const metadata = JSON.parse((await iggy(['-o', 'json', 'cluster', 'metadata'])).stdout);
    expect(metadata[0]).toMatchObject({ tcp: server.port });
    expect((await iggy(['cl', 'm'])).code).toBe(0);
  });

  it('prints N frames of top without a terminal, rates from the second on', async () => {
    await iggy(['stream', 'create', 'dev']);
    const top = await iggy(['top', '-i', '2']);
    expect(top).toMatchObject({ code: 0, stderr: '' });
    const frames = top.stdout.split(/^(?=iggy top )/m);
    expect(frames).toHaveLength(2);
    expect(frames[0]).toContain('send -  poll -');
    expect(frames[1]).toMatch(/send [\d.]+ msg\/s .*poll /);
    expect(frames[1]).toMatch(/^dev \(0\) +0 +0 B$/m);
    expect(top.stdout).not.toContain('\x1b[2J'); // no screen clearing off a terminal
  });

  it('downloads a snapshot into --out-dir', async () => {
    const result = await iggy(['snapshot', '-o', home.dir, '-c', 'stored', '-s', 'test']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const zip = readdirSync(home.dir).find((f) => f.startsWith('snapshot_') && f.endsWith('.zip'));
    expect(zip).toBeDefined();
    expect(statSync(path.join(home.dir, zip!)).size).toBeGreaterThan(0);
    expect((await iggy(['snapshot', '-c', 'rar'])).stderr).toMatch(/^error: InvalidFormat \(4\).*compression/);
  });

  it('creates, lists, gets and deletes consumer groups; sets, gets and deletes offsets', async () => {
    await iggy(['stream', 'create', 'dev']);
    await iggy(['topic', 'create', 'dev', 'events', '2']);
    const created = await iggy(['consumer-group', 'create', 'dev', 'events', 'workers']);
    expect(created.stdout).toContain('Consumer group workers created with ID 0');
    expect(JSON.parse((await iggy(['-o', 'json', 'g', 'l', 'dev', 'events'])).stdout)).toMatchObject([{ id: 0, name: 'workers', partitionsCount: 2, membersCount: 0 }]);
    expect(JSON.parse((await iggy(['-o', 'json', 'g', 'g', 'dev', 'events', 'workers'])).stdout)).toMatchObject({ name: 'workers', members: '' });
    expect((await iggy(['g', 'g', 'dev', 'events', '9'])).stderr).toMatch(/^error: ConsumerGroupIdNotFound \(5000\)/);

    await iggy(['message', 'send', 'dev', 'events', '-p', '1', 'a', 'b', 'c']);
    expect((await iggy(['consumer-offset', 'set', '3', 'dev', 'events', '1', '2'])).code).toBe(0);
    expect(JSON.parse((await iggy(['-o', 'json', 'o', 'g', '3', 'dev', 'events', '1'])).stdout)).toMatchObject({ storedOffset: 2, currentOffset: 2 });
    // A group's offset belongs to its members; a one-shot CLI connection is none.
    const group = await iggy(['o', 's', 'workers', 'dev', 'events', '1', '1', '-k', 'consumer-group']);
    expect(group.stderr).toMatch(/^error: ConsumerGroupMemberNotFound \(5006\)/);
    expect((await iggy(['o', 's', '3', 'dev', 'events', '1', '9'])).stderr).toMatch(/^error: InvalidOffset \(4100\)/);
    expect((await iggy(['o', 'd', '3', 'dev', 'events', '1'])).code).toBe(0);
    expect((await iggy(['o', 'g', '3', 'dev', 'events', '1'])).stderr).toMatch(/^error: ConsumerOffsetNotFound \(3021\)/);

    expect((await iggy(['g', 'd', 'dev', 'events', 'workers'])).stdout).toContain('deleted');
    expect(JSON.parse((await iggy(['-o', 'json', 'g', 'l', 'dev', 'events'])).stdout)).toEqual([]);
  });

  it('reports a wrong password, an unreachable server and an unknown transport in one line each', async () => {
    const wrong = await iggy(['-u', 'iggy', '-p', 'nope', 'stream', 'list']);
    expect(wrong).toMatchObject({ code: 1, stdout: '' });
    expect(wrong.stderr).toMatch(/^error: InvalidCredentials \(42\) in "stream list"[^\n]*\n$/);

    const unreachable = await runCli(['--tcp-server-address', '127.0.0.1:1', 'stream', 'list'], { env: home.env });
    expect(unreachable).toMatchObject({ code: 1, stdout: '' });
    expect(unreachable.stderr).toMatch(/^error: CannotEstablishConnection \(9\) in "stream list": .*ECONNREFUSED[^\n]*\n$/);

    // Every transport is served now (test/cli/transports.test.ts); one the CLI does not know is refused.
    const unknown = await iggy(['--transport', 'smoke', 'me']);
    expect(unknown.stderr).toMatch(/^error: InvalidConfiguration \(2\).*not one of tcp, quic, http, ws/);
    const badOption = await iggy(['--frobnicate', 'me']);
    expect(badOption.stderr).toMatch(/^error: InvalidCommand \(3\).*unknown option --frobnicate/);
    for (const r of [wrong, unreachable, unknown, badOption]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
