// Proves the seed's quick start works verbatim when piped to `iggy
// --transport tcp` and shows what the seed says (stream dev with ID 1,
// topic dummy with partitions 1 and 2, both messages polled back as
// strings), that a server restart keeps them, and that a seed id the server
// would not give is refused rather than silently naming another stream.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { assertBuilt, type CliHome, makeHome, runCli } from './cli_harness.js';

export const SEED_WALKTHROUGH = [
  'stream.create|1|dev',
  'stream.list',
  'stream.get|1',
  'topic.create|1|1|2|dummy',
  'topic.list|1',
  'topic.get|1|1',
  'message.send|1|1|p|1|1|hello world',
  'message.send|1|1|p|1|2|lorem ipsum',
  'message.poll|c|0|1|1|1|o|0|2|n|s',
];

describe('the seed walkthrough through iggy', () => {
  let server: TestServer;
  let home: CliHome;
  const pipe = (lines: string[]) =>
    runCli(['--transport', 'tcp', '--tcp-server-address', `127.0.0.1:${server.port}`], { env: home.env, input: `${lines.join('\n')}\n` });

  beforeAll(assertBuilt);
  beforeEach(async () => {
    server = await startTestServer();
    home = await makeHome();
  });
  afterEach(async () => {
    await server.close();
    await home.close();
  });

  it('runs verbatim, shows what the seed says, and survives a server restart', async () => {
    const run = await pipe(SEED_WALKTHROUGH);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = run.stdout;
    expect(out).toContain('Stream dev created with ID 1 (server id 0)');
    expect(out).toMatch(/\| 1 +\| 0 +\| dev +\|/); // stream.list: seed ID 1, server id 0
    expect(out).toMatch(/Stream dev\n[\s\S]*\| id +\| 1 +\|/); // stream.get|1: details of seed ID 1
    expect(out).toContain('Topic dummy created with ID 1 and 2 partition(s) (IDs 1 and 2) in stream dev (ID 1)');
    expect(out).toMatch(/\| partitions +\| 1 \(0 messages\), 2 \(0 messages\) +\|/);
    expect(out).toContain("Sent message 1 'hello world' to stream dev (ID 1), topic dummy (ID 1), partition 1");
    expect(out).toMatch(/\| 0 +\| 1 +\| \d+ +\| hello world \|/);
    expect(out).toMatch(/\| 1 +\| 2 +\| \d+ +\| lorem ipsum \|/);

    await server.restart();
    const again = await pipe(['stream.list', 'message.poll|c|0|1|1|1|o|0|2|n|s', 'topic.get|1|1']);
    expect(again).toMatchObject({ code: 0, stderr: '' });
    expect(again.stdout).toMatch(/\| 1 +\| 0 +\| dev +\| 1 +\| 2 +\|/);
    expect(again.stdout).toMatch(/hello world[\s\S]*lorem ipsum/);
    expect(again.stdout).toContain('1 (2 messages), 2 (0 messages)');
  });

  it('gives JSON for seed commands with -o json', async () => {
    const run = await runCli(['--tcp-server-address', `127.0.0.1:${server.port}`, '-o', 'json'], {
      env: home.env,
      input: 'stream.create|1|dev\nstream.list\n',
    });
    const [created, list] = run.stdout.split(/\n(?=[[{])/).map((chunk) => JSON.parse(chunk));
    expect(created).toMatchObject({ id: 1, serverId: 0, name: 'dev' });
    expect(list).toEqual([expect.objectContaining({ id: 1, serverId: 0, name: 'dev' })]);
  });

  it('refuses seed ids that do not match what the server assigned, and exits non-zero', async () => {
    const run = await pipe(['stream.create|1|dev', 'stream.create|1|prod', 'stream.create|3|prod', 'stream.get|2', 'topic.create|1|2|1|t', 'message.send|1|1|p|1|1|x', 'stream.list']);
    expect(run.code).toBe(1);
    const errors = run.stderr.trim().split('\n');
    expect(errors).toEqual([
      'error: InvalidStreamId (1014) in "stream.create|1|prod": stream seed ID 1 is not free: 1 stream(s) exist, so a new stream gets seed ID 2',
      'error: InvalidStreamId (1014) in "stream.create|3|prod": stream seed ID 3 is not free: 1 stream(s) exist, so a new stream gets seed ID 2',
      'error: StreamIdNotFound (1009) in "stream.get|2": no stream with seed ID 2: the server has 1 stream(s)',
      'error: InvalidTopicId (2016) in "topic.create|1|2|1|t": topic seed ID 2 is not free in stream dev: it has 0 topic(s)',
      'error: TopicIdNotFound (2010) in "message.send|1|1|p|1|1|x": no topic with seed ID 1 in stream dev: it has 0 topic(s)',
    ]);
    // Nothing was created by the refused lines: still one stream.
    expect(run.stdout.match(/\| dev /g)).toHaveLength(1);
    expect(run.stdout).not.toContain('prod');
  });

  it('checks partition ids and arguments of message.send and message.poll', async () => {
    const run = await pipe(['stream.create|1|dev', 'topic.create|1|1|2|dummy', 'message.send|1|1|p|3|1|x', 'message.poll|c|0|1|1|1|z|2|n|s', 'message.poll|c|0|1|1|0|o|0|2|n|s', 'bogus.cmd|1']);
    expect(run.code).toBe(1);
    const errors = run.stderr.trim().split('\n');
    expect(errors[0]).toBe('error: PartitionNotFound (3007) in "message.send|1|1|p|3|1|x": no partition with seed ID 3 in topic dummy: it has 2');
    expect(errors[1]).toMatch(/^error: InvalidCommand \(3\) in "message.poll\|c\|0\|1\|1\|1\|z\|2\|n\|s": strategy must be/);
    expect(errors[2]).toMatch(/^error: InvalidFormat \(4\) in "message.poll\|c\|0\|1\|1\|0\|o\|0\|2\|n\|s": partition id \(seed ids start at 1\)/);
    expect(errors[3]).toMatch(/^error: InvalidCommand \(3\) in "bogus.cmd\|1": unknown seed command bogus.cmd/);
  });

  it('polls as a consumer group (g), joining it first, and commits with a', async () => {
    const run = await runCli(['--tcp-server-address', `127.0.0.1:${server.port}`, '-o', 'json'], {
      env: home.env,
      input: [
        'stream.create|1|dev',
        'topic.create|1|1|1|dummy',
        'message.send|1|1|p|1|1|hello world',
        'message.send|1|1|b|2|lorem | ipsum',
        'consumer-group create 0 0 workers',
        'message.poll|g|1|1|1|1|n|5|a|s',
        'message.poll|g|1|1|1|1|n|5|n|b',
        'message.poll|g|2|1|1|1|n|5|n|s',
      ].join('\n'),
    });
    const docs = run.stdout.split(/\n(?=[[{])/).map((chunk) => JSON.parse(chunk));
    const [committed, afterCommit] = docs.slice(-2);
    // The payload keeps its '|'; after the auto-commit the group's next poll is empty.
    expect(committed.map((m: { payload: string }) => m.payload)).toEqual(['hello world', 'lorem | ipsum']);
    expect(afterCommit).toEqual([]);
    expect(run.stderr).toBe('error: ConsumerGroupIdNotFound (5000) in "message.poll|g|2|1|1|1|n|5|n|s": no consumer group with seed ID 2 in topic dummy\n');
  });
});
