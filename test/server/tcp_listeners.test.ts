// The listener registry as the composition root (src/app.ts) runs it: every
// enabled listener starts with one connection budget, so connections_max
// counts connections across all listeners, not per listener; each bound port
// is recorded under its transport name (GetClusterMetadata reads them); a
// disabled listener is not started. A second real TCP listener under another
// name stands in for the QUIC/WebSocket listeners still to come.
import { afterEach, describe, expect, it } from 'vitest';
import { boundPort } from '../../src/server/context.js';
import { startTcpServer, tcpListener, tcpServerOptions } from '../../src/transport/tcp/tcp_server.js';
import type { Listener } from '../../src/transport/transport.js';
import { connectRaw, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const secondTcp: Listener = {
  name: 'tcp-second',
  enabled: () => true,
  start: ({ ctx, dispatch, connections, shutdownGraceMs }) => startTcpServer(ctx, dispatch, tcpServerOptions(ctx.config, connections, shutdownGraceMs)),
};

describe('listener registry', () => {
  it('shares one connection budget across listeners', async () => {
    server = await startTestServer({ limits: { connections_max: 2 } }, { listeners: [tcpListener, secondTcp] });
    const secondPort = boundPort(server.server.ctx.runtime, 'tcp-second');
    expect(secondPort).not.toBe(0);
    expect(secondPort).not.toBe(server.port);
    const a = await server.connect();
    const b = await connectRaw(secondPort);
    expect((await b.send(1)).status).toBe(0);
    // Both listeners are full now, whichever one the third client tries.
    for (const port of [server.port, secondPort]) {
      const refused = await connectRaw(port);
      await refused.closed;
      expect(refused.ended).toBe(true);
    }
    await b.close();
    await expect.poll(() => server!.server.ctx.clients.count).toBe(1);
    const again = await connectRaw(server.port);
    expect((await again.send(1)).status).toBe(0);
    expect((await a.send(1)).status).toBe(0);
    again.destroy();
  });

  it('records each bound port under its transport name and skips disabled listeners', async () => {
    const disabled: Listener = { ...secondTcp, name: 'tcp-disabled', enabled: () => false };
    server = await startTestServer(undefined, { listeners: [tcpListener, disabled] });
    const { runtime } = server.server.ctx;
    expect(boundPort(runtime, 'tcp')).toBe(server.port);
    expect(boundPort(runtime, 'tcp-disabled')).toBe(0);
    expect(server.server.transports.map((t) => t.name)).toEqual(['tcp']);
  });

  it('serves no TCP when tcp.enabled is false', async () => {
    server = await startTestServer({ tcp: { enabled: false } });
    expect(server.server.tcpAddress).toBeNull();
    expect(server.server.transports).toEqual([]);
    expect(boundPort(server.server.ctx.runtime, 'tcp')).toBe(0);
  });
});
