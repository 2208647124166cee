// System operations called directly: GetMe describes the caller's connection
// and fails clearly without one (HTTP), GetClient(s) need read_servers,
// Ping refreshes only a session's heartbeat, and GetSnapshot returns a ZIP.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ERROR_CODE } from '../../../src/errors/iggy_error.js';
import { SnapshotCompression, SnapshotType } from '../../../src/protocol/commands/system/get_snapshot.js';
import { Transport } from '../../../src/protocol/types.js';
import type { Session } from '../../../src/server/context.js';
import { getClient } from '../../../src/server/ops/system/get_client.js';
import { getClients } from '../../../src/server/ops/system/get_clients.js';
import { getMe } from '../../../src/server/ops/system/get_me.js';
import { getSnapshot } from '../../../src/server/ops/system/get_snapshot.js';
import { getStats } from '../../../src/server/ops/system/get_stats.js';
import { ping } from '../../../src/server/ops/system/ping.js';
import { errorCode, startOpsFixture, userPrincipal, withSession, type OpsFixture } from './ops_fixture.js';

let fx: OpsFixture;
const opened: Session[] = [];

beforeEach(async () => {
  fx = await startOpsFixture();
});

afterEach(async () => {
  for (const session of opened.splice(0)) fx.ctx.clients.remove(session);
  await fx.server.close();
});

function connected(address: string) {
  const principal = withSession(fx.ctx, fx.root, address);
  opened.push(principal.session!);
  return principal;
}

describe('system operations', () => {
  it('GetMe returns the calling connection, and FeatureUnavailable without one', async () => {
    const me = connected('10.0.0.1:5000');
    const details = await getMe(fx.ctx, me, undefined);
    expect(details).toMatchObject({ clientId: me.session!.clientId, userId: fx.root.user.id, transport: Transport.Tcp, address: '10.0.0.1:5000', consumerGroups: [] });
    expect(await errorCode(() => getMe(fx.ctx, fx.root, undefined))).toBe(ERROR_CODE.FeatureUnavailable);
  });

  it('GetMe of a connection no longer registered is 100 and closes it', async () => {
    const me = connected('10.0.0.2:5000');
    fx.ctx.clients.remove(me.session!);
    expect(await errorCode(() => getMe(fx.ctx, me, undefined))).toBe(ERROR_CODE.ClientNotFound);
    expect(me.session!.closeAfterReply).toBe(true);
  });

  it('GetClient(s) need read_servers; client 0 is 101, an unknown one null', async () => {
    const me = connected('10.0.0.3:5000');
    expect(await getClient(fx.ctx, fx.root, { clientId: me.session!.clientId })).toMatchObject({ address: '10.0.0.3:5000' });
    expect(await getClient(fx.ctx, fx.root, { clientId: (me.session!.clientId + 1) >>> 0 })).toBeNull();
    expect(await errorCode(() => getClient(fx.ctx, fx.root, { clientId: 0 }))).toBe(ERROR_CODE.InvalidClientId);
    expect((await getClients(fx.ctx, fx.root, undefined)).map((c) => c.address)).toContain('10.0.0.3:5000');

    const nobody = await userPrincipal(fx.ctx, 'nobody', null);
    expect(await errorCode(() => getClients(fx.ctx, nobody, undefined))).toBe(ERROR_CODE.Unauthorized);
    expect(await errorCode(() => getStats(fx.ctx, nobody, undefined))).toBe(ERROR_CODE.Unauthorized);
  });

  it('Ping refreshes a session heartbeat and is a no-op without a session', () => {
    const me = connected('10.0.0.4:5000');
    me.session!.lastHeartbeatUs = 0n;
    ping(fx.ctx, me.session);
    expect(me.session!.lastHeartbeatUs).toBeGreaterThan(0n);
    expect(() => ping(fx.ctx, null)).not.toThrow();
  });

  it('GetSnapshot returns a ZIP archive', async () => {
    const zip = await getSnapshot(fx.ctx, fx.root, { compression: SnapshotCompression.Stored, types: [SnapshotType.Test] });
    expect(Buffer.from(zip.subarray(0, 4)).readUInt32LE(0)).toBe(0x04034b50);
    expect(Buffer.from(zip).includes('test.txt')).toBe(true);
  });
});
