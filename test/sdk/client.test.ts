// Proves the system, user and token methods of IggyClient round-trip against
// the real server over every binary transport (TCP, WebSocket) (data_plane.test.ts covers the rest of the 47
// commands), and that logins by password and by personal access token work
// and fail with a typed InvalidCredentials (42) while the connection serves on.
import { describe, expect, it } from 'vitest';
import { IggyClient, U64_MAX } from '../../sdk/client.js';
import { SnapshotCompression, SnapshotType } from '../../src/protocol/commands/system/get_snapshot.js';
import { allGlobalPermissions } from '../../src/protocol/permissions.js';
import { UserStatus } from '../../src/protocol/types.js';
import { expectIggyError, SDK_TRANSPORTS, useClientFixture } from './client_fixture.js';

describe.each(SDK_TRANSPORTS)('IggyClient over %s: system, users and tokens', (transport) => {
  const fixture = useClientFixture(transport);
  const connect = fixture.connect.bind(fixture);

    it('round-trips ping, stats, snapshot, cluster metadata, me, client and clients', async () => {
      const client = await connect();
      await client.system.ping();
      const stats = await client.system.stats();
      expect(stats.clientsCount).toBeGreaterThanOrEqual(1);
      expect(stats.iggyServerVersion).toBe('0.8.0');
      const zip = await client.system.snapshot({ compression: SnapshotCompression.Stored, types: [SnapshotType.Test] });
      expect([...zip.subarray(0, 2)]).toEqual([0x50, 0x4b]); // "PK": a ZIP archive
      const metadata = await client.system.clusterMetadata();
      expect(metadata.nodes).toHaveLength(1);
      expect(metadata.nodes[0]!.endpoints.tcp).toBe(fixture.server.port);
      const me = await client.system.me();
      expect(me.userId).toBe(0);
      const byId = await client.system.client(me.clientId);
      expect(byId?.address).toBe(me.address);
      const all = await client.system.clients();
      expect(all.map((c) => c.clientId)).toContain(me.clientId);
      expect(await client.system.client(me.clientId + 1)).toBeNull();
    });

    it('round-trips the user commands and logs in, out and in again', async () => {
      const client = await connect();
      const created = await client.users.create({ username: 'alice', password: 'secret1', permissions: allGlobalPermissions() });
      expect(created.username).toBe('alice');
      expect(created.permissions?.global.readStreams).toBe(true);
      expect((await client.users.get('alice'))?.id).toBe(created.id);
      expect(await client.users.get('nobody')).toBeNull();
      expect((await client.users.list()).map((u) => u.username).sort()).toEqual(['alice', 'iggy']);
      await client.users.update('alice', { username: 'alice2', status: UserStatus.Active });
      const noPermissions = { ...allGlobalPermissions(), global: { ...allGlobalPermissions().global, manageUsers: false } };
      await client.users.updatePermissions(created.id, noPermissions);
      expect((await client.users.get(created.id))?.permissions?.global.manageUsers).toBe(false);
      await client.users.changePassword('alice2', 'secret1', 'secret2');

      const alice = await connect({ username: 'alice2', password: 'secret2' });
      expect((await alice.system.me()).userId).toBe(created.id);
      await expectIggyError(alice.users.create({ username: 'mallory', password: 'xxxxx' }), 'Unauthorized', 41);
      await alice.logout();
      await expectIggyError(alice.system.me(), 'Unauthenticated', 40);
      expect(await alice.login('alice2', 'secret2')).toBe(created.id);
      expect((await alice.system.me()).userId).toBe(created.id);

      await client.users.delete('alice2');
      expect(await client.users.get(created.id)).toBeNull();
    });

    it('round-trips personal access tokens and logs in with one', async () => {
      const client = await connect();
      const token = await client.tokens.create('ci-token', U64_MAX);
      expect(token.length).toBe(68);
      await client.tokens.create('short-lived', 3_600_000_000n);
      expect((await client.tokens.list()).map((t) => t.name).sort()).toEqual(['ci-token', 'short-lived']);
      const viaToken = await connect({ token });
      expect((await viaToken.system.me()).userId).toBe(0);
      await client.tokens.delete('short-lived');
      expect((await client.tokens.list()).map((t) => t.name)).toEqual(['ci-token']);
      const anonymous = await connect(undefined);
      await expectIggyError(anonymous.loginWithToken('not-a-token'), 'ResourceNotFound', 20);
      expect(await anonymous.loginWithToken(token)).toBe(0);
    });

    it('rejects wrong credentials with InvalidCredentials (42), at connect and on login', async () => {
      const error = await expectIggyError(
        IggyClient.connect({ transport: fixture.transport(), auth: { username: 'iggy', password: 'wrong' }, heartbeatIntervalMs: 0 }),
        'InvalidCredentials',
        42,
      );
      expect(error.message).toContain('InvalidCredentials');
      const client = await connect(undefined);
      await expectIggyError(client.login('iggy', 'nope'), 'InvalidCredentials', 42);
      await client.system.ping(); // the connection still serves
      expect(await client.login('iggy', 'iggy')).toBe(0);
    });
});
