// End-to-end bench runs of the new producer and soak paths, tiny counts:
// producers really keep --in-flight batches on the wire (a server that acks
// only in groups of that size would otherwise stall them), every run reports
// both sides' CPU, and a --duration run samples the server's memory as it goes.
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../bench/args.js';
import { formatSession } from '../../bench/report.js';
import { runSession } from '../../bench/session.js';
import { startTestServer } from '../helpers/server.js';
import { cleanups, tiny } from './run_fixture.js';

const OK_EMPTY = Buffer.alloc(8);

/** Acks nothing until `group` frames are waiting, then all of them: only a pipelined client gets through. */
async function groupAckServer(group: number): Promise<{ port: number; maxWaiting: () => number }> {
  let maxWaiting = 0;
  const server = net.createServer((socket) => {
    let buffered = Buffer.alloc(0);
    let waiting = 0;
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 4 && buffered.length >= 4 + buffered.readUInt32LE(0)) {
        buffered = buffered.subarray(4 + buffered.readUInt32LE(0));
        maxWaiting = Math.max(maxWaiting, ++waiting);
      }
      if (waiting >= group) {
        for (; waiting > 0; waiting--) socket.write(OK_EMPTY);
      }
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const address = server.address() as net.AddressInfo;
  return { port: address.port, maxWaiting: () => maxWaiting };
}

describe('bench producers and soak', () => {
  it('keeps --in-flight batches on the wire and reports both sides’ CPU', async () => {
    const target = await groupAckServer(3);
    const args = parseArgs(['pinned-producer', ...tiny, '--message-batches', '6', '--in-flight', '3']);
    const session = await runSession(args, {
      command: 'test',
      log: () => {},
      targets: [{ kind: 'ceiling', address: { host: '127.0.0.1', port: target.port } }],
    });
    expect(target.maxWaiting()).toBe(3);
    const run = session.runs[0]!;
    expect(run.aggregate.send).toMatchObject({ messages: 60, batches: 6 });
    expect(run.cpu.clientPct).toBeGreaterThan(0);
    expect(run.cpu.serverPct).toBeNull(); // a server inside this process is not metered apart from it
    expect(session.workload.inFlight).toBe(3);
    expect(formatSession(session)).toMatch(/CPU over the measured phase: server \? \(.*\), bench client \d+%/);
  });

  it('runs for --duration and samples the server’s memory every --memory-every', async () => {
    const server = await startTestServer();
    cleanups.push(() => server.close());
    // The tiny workload without its batch count: a duration run sends until time is up.
    const untilTimeIsUp = tiny.slice(2);
    const args = parseArgs(['pinned-producer-and-consumer', ...untilTimeIsUp, '--duration', '400ms', '--memory-every', '100ms']);
    const lines: string[] = [];
    const session = await runSession(args, {
      command: 'test',
      log: (line) => lines.push(line),
      targets: [{ kind: 'external', address: { host: '127.0.0.1', port: server.port } }],
    });
    const run = session.runs[0]!;
    expect(run.aggregate.send!.durationMs).toBeGreaterThanOrEqual(400);
    expect(run.aggregate.send!.batches).toBeGreaterThan(0);
    // Start, about three interval samples, end; the in-process server's heap is known.
    expect(run.memory.length).toBeGreaterThanOrEqual(4);
    for (const sample of run.memory) {
      expect(sample.rssBytes).toBeGreaterThan(0);
      expect(sample.heapUsedBytes).toBeGreaterThan(0);
    }
    expect(lines.some((line) => /t=\d+s server rss [\d.]+ MiB, heap [\d.]+ MiB/.test(line))).toBe(true);
    expect(formatSession(session)).toMatch(/server memory \(rss\/heap MiB\): t=0s /);
  });
});
