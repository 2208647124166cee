// Proves the client registry's rules: a session is stale only when its last
// Ping is older than 1.2 × heartbeat interval, stale sessions leave the
// registry and their consumer groups, a colliding client id never removes
// the other session, deleting a user logs out exactly its sessions, and
// addresses are formatted as Rust formats a SocketAddr.
import { describe, expect, it } from 'vitest';
import { Transport } from '../protocol/types.js';
import { ClientRegistry, formatAddress } from './clients.js';
import type { Session } from './context.js';
import { createGroupCoordinator } from './groups/coordinator.js';

function session(clientId: number, lastHeartbeatUs: bigint, userId: number | null = null): Session {
  return { clientId, transport: Transport.Tcp, address: `127.0.0.1:${clientId}`, userId, lastHeartbeatUs, closeAfterReply: false };
}

function registry(enabled = true): { clients: ClientRegistry; groups: ReturnType<typeof createGroupCoordinator> } {
  const groups = createGroupCoordinator({ rebalancingTimeoutUs: Infinity, rebalancingCheckIntervalUs: 0 });
  // interval 0 disables the sweeper timer; sweep() is called by hand with an explicit interval below.
  const clients = new ClientRegistry(groups, { enabled, intervalUs: 0 });
  return { clients, groups };
}

describe('ClientRegistry', () => {
  it('marks sessions stale strictly after 1.2 × interval and removes them from their groups', () => {
    const groups = createGroupCoordinator({ rebalancingTimeoutUs: Infinity, rebalancingCheckIntervalUs: 0 });
    const clients = new ClientRegistry(groups, { enabled: true, intervalUs: 1_000_000 });
    clients.close(); // no timer: the test drives sweep()
    const a = session(1, 0n);
    const b = session(2, 500_000n);
    clients.add(a);
    clients.add(b);
    const key = { streamId: 0, topicId: 0, groupId: 0 };
    groups.addGroup(key, 1);
    groups.join(key, 1);
    expect(clients.sweep(1_200_000n)).toBe(0); // exactly 1.2 s: not yet
    expect(clients.sweep(1_200_001n)).toBe(1);
    expect(clients.isStale(a)).toBe(true);
    expect(clients.isStale(b)).toBe(false);
    expect(clients.has(a)).toBe(false);
    expect(groups.isMember(key, 1)).toBe(false);
    expect(clients.list()).toEqual([b]);
    b.lastHeartbeatUs = 1_700_001n; // a Ping
    expect(clients.sweep(2_900_000n)).toBe(0);
    groups.close();
  });

  it('never sweeps with the heartbeat disabled', () => {
    const { clients, groups } = registry(false);
    clients.add(session(1, 0n));
    expect(clients.sweep(10n ** 15n)).toBe(0);
    expect(clients.count).toBe(1);
    groups.close();
  });

  it('removes only the registered session under a colliding client id', () => {
    const { clients, groups } = registry();
    const older = session(7, 0n);
    const newer = session(7, 0n);
    clients.add(older);
    clients.add(newer);
    clients.remove(older);
    expect(clients.get(7)).toBe(newer);
    clients.remove(newer);
    expect(clients.count).toBe(0);
    groups.close();
  });

  it('logs out exactly the sessions of a deleted user', () => {
    const { clients, groups } = registry();
    const [a, b, c] = [session(1, 0n, 5), session(2, 0n, 6), session(3, 0n, 5)];
    for (const s of [a, b, c]) clients.add(s);
    clients.logoutUser(5);
    expect([a.userId, b.userId, c.userId]).toEqual([null, 6, null]);
    groups.close();
  });

  it('formats IPv4 and IPv6 addresses like Rust', () => {
    expect(formatAddress('127.0.0.1', 8090)).toBe('127.0.0.1:8090');
    expect(formatAddress('::1', 8090)).toBe('[::1]:8090');
    expect(formatAddress('::ffff:10.0.0.1', 1)).toBe('[::ffff:10.0.0.1]:1');
  });
});
