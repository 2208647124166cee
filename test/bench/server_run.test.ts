// End-to-end bench run against the real server (started in-process, port 0,
// temp dir, root iggy/iggy) with tiny counts: the results JSON adds up to the
// workload, GetStats saw the messages, and the bench removed its streams.
// Actors run inline here: the worker file exists only after a build.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../bench/args.js';
import type { SessionResults } from '../../bench/report.js';
import { runSession, writeOutputs } from '../../bench/session.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { checkLatency, cleanups, tempDir, tiny } from './run_fixture.js';

describe('bench run', () => {
  it('measures the real server and writes a valid results JSON and HTML report', async () => {
    const server: TestServer = await startTestServer();
    cleanups.push(() => server.close());
    const dir = await tempDir();
    const args = parseArgs(['pinned-producer-and-consumer', 'tcp', ...tiny, '--output', path.join(dir, 'results.json')]);
    const lines: string[] = [];
    const session = await runSession(args, {
      command: 'test',
      log: (line) => lines.push(line),
      targets: [{ kind: 'external', address: { host: '127.0.0.1', port: server.port } }],
    });
    const written = await writeOutputs(session, args.output!);

    const json = JSON.parse(await readFile(written.json, 'utf8')) as SessionResults;
    expect(json.formatVersion).toBe(1);
    expect(json.workload).toMatchObject({ kind: 'pinned-producer-and-consumer', producers: 1, consumers: 1, messageBatches: 4, messagesPerBatch: 10 });
    expect(json.runs).toHaveLength(1);
    const run = json.runs[0]!;
    expect(run.target.kind).toBe('external');
    expect(run.aggregate.send).toMatchObject({ actors: 1, messages: 40, bytes: 4000, batches: 4 });
    expect(run.aggregate.poll?.messages).toBe(40);
    expect(run.aggregate.send!.latency.count).toBe(4);
    checkLatency(run.aggregate.send);
    checkLatency(run.aggregate.poll);
    expect(run.actors.map((a) => a.role)).toEqual(['producer', 'consumer']);
    expect(run.timeline.send!.reduce((sum, p) => sum + p.mbPerSecond * (json.workload.samplingMs / 1000) * 1e6, 0)).toBeCloseTo(4000, 3);
    // GetStats before and after: the server saw the 40 messages (streams are deleted after the stats).
    expect(run.statsError).toBeUndefined();
    expect(run.statsAfter!.messagesCount - run.statsBefore!.messagesCount).toBe(40);

    const html = await readFile(written.html, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);

    // The bench removed its streams (no --keep): GetStreams (201) is empty.
    const client = await server.connect();
    await client.login('iggy', 'iggy');
    const streams = await client.send(201);
    expect(streams.status).toBe(0);
    expect(streams.payload.length).toBe(0);
  });

});
