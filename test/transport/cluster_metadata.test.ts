// GetClusterMetadata over the real server with every transport listening on
// port 0 (BINARY.md §8.4): without [cluster] the single-node answer with the
// ports actually bound; with clustering enabled the configured cluster, this
// node first with its bound ports, then the configured others as followers.
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerConfig } from '../../src/config/config.js';
import { getClusterMetadata } from '../../src/protocol/commands/system/get_cluster_metadata.js';
import { startTestServer, type DeepPartial, type TestServer } from '../helpers/server.js';

let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const ALL_TRANSPORTS: DeepPartial<ServerConfig> = {
  quic: { enabled: true, address: '127.0.0.1:0' },
  http: { enabled: true, address: '127.0.0.1:0' },
  websocket: { enabled: true, address: '127.0.0.1:0' },
};

async function metadata(overrides: DeepPartial<ServerConfig>) {
  server = await startTestServer({ ...ALL_TRANSPORTS, ...overrides });
  const client = await server.connect();
  await client.login('iggy', 'iggy');
  const reply = await client.call(getClusterMetadata, undefined);
  expect(reply.status).toBe(0);
  return reply.value!;
}

function boundPorts(): { tcp: number; quic: number; http: number; websocket: number } {
  const ports = server!.server.ctx.runtime.ports;
  return { tcp: ports.tcp!, quic: ports.quic!, http: ports.http!, websocket: ports.websocket! };
}

describe('GetClusterMetadata', () => {
  it('answers the single node with every bound port when [cluster] is disabled', async () => {
    const value = await metadata({});
    const endpoints = boundPorts();
    expect(Object.values(endpoints).every((port) => port > 0)).toBe(true);
    expect(value).toEqual({ name: 'single-node', nodes: [{ name: 'iggy-node', ip: '127.0.0.1', endpoints, role: 0, status: 0 }] });
  });

  it("answers Iggy's default cluster when enabled: this node as leader, the other as follower", async () => {
    const value = await metadata({ cluster: { enabled: true } });
    expect(value).toEqual({
      name: 'iggy-cluster',
      nodes: [
        { name: 'iggy-node-1', ip: '127.0.0.1', endpoints: boundPorts(), role: 0, status: 0 },
        { name: 'iggy-node-2', ip: '127.0.0.1', endpoints: { tcp: 8091, quic: 8081, http: 3001, websocket: 8093 }, role: 1, status: 0 },
      ],
    });
  });

  it("fills an other node's missing ports with this server's configured ports", async () => {
    const value = await metadata({
      cluster: {
        enabled: true,
        name: 'prod',
        node: { current: { name: 'a', ip: '10.0.0.1' }, others: [{ name: 'b', ip: '10.0.0.2', ports: { tcp: 9000 } }] },
      },
    });
    expect(value.name).toBe('prod');
    expect(value.nodes[0]).toMatchObject({ name: 'a', ip: '10.0.0.1', endpoints: boundPorts() });
    // The test server's configured addresses all end in :0.
    expect(value.nodes[1]).toEqual({ name: 'b', ip: '10.0.0.2', endpoints: { tcp: 9000, quic: 0, http: 0, websocket: 0 }, role: 1, status: 0 });
  });
});
