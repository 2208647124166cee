// End-to-end bench run against the ceiling sink (in-process), tiny counts:
// the fill reaches the file and the consumers read every message back.
// Actors run inline here: the worker file exists only after a build.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../bench/args.js';
import { startCeilingSink, type CeilingSink } from '../../bench/ceiling_sink.js';
import type { SessionResults } from '../../bench/report.js';
import { runSession, writeOutputs } from '../../bench/session.js';
import { checkLatency, cleanups, tempDir, tiny } from './run_fixture.js';

describe('bench run', () => {
  it('reads back what it filled from the ceiling sink', async () => {
    const dir = await tempDir();
    const sink: CeilingSink = await startCeilingSink({ file: path.join(dir, 'frames.log') });
    cleanups.push(() => sink.close());
    const args = parseArgs(['pinned-consumer', '--consumers', '2', '--rounds', '2', ...tiny]);
    const session = await runSession(args, {
      command: 'test',
      log: () => {},
      targets: [{ kind: 'ceiling', address: { host: '127.0.0.1', port: sink.port } }],
    });
    // Each round fills fresh streams and reads exactly its own messages back.
    expect(session.runs.map((r) => [r.label, r.round])).toEqual([
      ['ceiling #1', 1],
      ['ceiling #2', 2],
    ]);
    for (const run of session.runs) {
      expect(run.filledMessages).toBe(80); // 2 streams × 4 batches × 10 messages, written before measuring
      expect(run.aggregate.poll).toMatchObject({ actors: 2, messages: 80, batches: 8, bytes: 8000 });
      checkLatency(run.aggregate.poll);
      expect(run.statsBefore).toBeNull();
    }
    expect(session.medians).toHaveLength(1);
    expect(session.medians[0]).toMatchObject({ label: 'ceiling', metric: 'poll', rounds: 2 });
    await sink.close(); // closes the file
    // Every fill frame of both rounds reached the file: 2 × 8 SendMessages frames of header 8, metadata length 4,
    // metadata (stream id 6, topic id 6, partitioning 6, count 4), 10 index entries of 16, 10 messages of 64 + 100.
    expect(sink.stats.bytesWritten).toBe(2 * 8 * (8 + 4 + 22 + 160 + 1640));
  });

  it('writes a results JSON and a self-contained HTML report', async () => {
    const dir = await tempDir();
    const sink = await startCeilingSink({ file: path.join(dir, 'frames.log') });
    cleanups.push(() => sink.close());
    const args = parseArgs(['pinned-producer-and-consumer', '--producers', '1', '--consumers', '1', ...tiny, '--output', path.join(dir, 'out', 'r.json')]);
    const session = await runSession(args, {
      command: 'node dist/bench/main.js ppc',
      log: () => {},
      targets: [{ kind: 'ceiling', address: { host: '127.0.0.1', port: sink.port } }],
    });
    const written = await writeOutputs(session, args.output!);
    expect(written.html).toBe(path.join(dir, 'out', 'r.html'));
    const json = JSON.parse(await readFile(written.json, 'utf8')) as SessionResults;
    expect(json).toMatchObject({ formatVersion: 1, tool: 'iggy-ts bench', command: 'node dist/bench/main.js ppc' });
    expect(json.workload).toMatchObject({ kind: 'pinned-producer-and-consumer', producers: 1, consumers: 1, messageBatches: 4, messagesPerBatch: 10, messageSizeBytes: 100 });
    const run = json.runs[0]!;
    expect(run.aggregate.send).toMatchObject({ actors: 1, messages: 40, bytes: 4000, batches: 4 });
    expect(run.aggregate.send!.latency.count).toBe(4);
    expect(run.aggregate.poll).toMatchObject({ actors: 1, messages: 40, bytes: 4000 });
    checkLatency(run.aggregate.send);
    checkLatency(run.aggregate.poll);
    expect(run.actors.map((a) => a.role)).toEqual(['producer', 'consumer']);
    // The timeline accounts for every byte sent.
    const sentBytes = run.timeline.send!.reduce((sum, p) => sum + p.mbPerSecond * 1e6 * (json.workload.samplingMs / 1000), 0);
    expect(sentBytes).toBeCloseTo(4000, 3);
    const html = await readFile(written.html, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html.match(/<svg/g)).toHaveLength(3);
    expect(html).not.toMatch(/<script|<link|src=/);
  });
});
