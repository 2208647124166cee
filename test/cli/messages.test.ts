// Proves `message send/poll/flush` through the built CLI: payloads, keys,
// headers and strategies; `-o json`; and that a poll --output-file sent
// again with --input-file polls back the same message bytes: id, payload,
// user headers and origin timestamp byte for byte (the server restamps
// only checksum, offset and timestamp, which the test masks).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MESSAGE_HEADER_BYTES, MessageHeaderOffset as H } from '../../src/protocol/layout.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { assertBuilt, cliFor, type CliHome, makeHome } from './cli_harness.js';

/** Zeroes the fields the server stamps on append, so two files compare on what the sender chose. */
function senderBytes(file: Buffer): Buffer {
  const copy = Buffer.from(file);
  for (let at = 0; at < copy.length; ) {
    copy.fill(0, at + H.checksum, at + H.checksum + 8);
    copy.fill(0, at + H.offset, at + H.timestamp + 8);
    at += MESSAGE_HEADER_BYTES + copy.readUInt32LE(at + H.payloadLength) + copy.readUInt32LE(at + H.userHeadersLength);
  }
  return copy;
}

describe('iggy message', () => {
  let server: TestServer;
  let home: CliHome;
  let iggy: ReturnType<typeof cliFor>;

  beforeAll(assertBuilt);
  beforeEach(async () => {
    server = await startTestServer();
    home = await makeHome();
    iggy = cliFor(() => server.port, home);
    expect((await iggy(['stream', 'create', 'dev'])).code).toBe(0);
    expect((await iggy(['topic', 'create', 'dev', 'events', '2'])).code).toBe(0);
    expect((await iggy(['topic', 'create', 'dev', 'copy', '1'])).code).toBe(0);
  });
  afterEach(async () => {
    await server.close();
    await home.close();
  });

  it('sends to a partition and polls back with each strategy', async () => {
    const sent = await iggy(['message', 'send', 'dev', 'events', '-p', '1', 'hello', 'world', 'again']);
    expect(sent).toMatchObject({ code: 0, stderr: '' });
    expect(sent.stdout).toContain('Sent 3 message(s)');

    const polled = JSON.parse((await iggy(['-o', 'json', 'm', 'p', 'dev', 'events', '1', '--offset', '0', '-m', '10'])).stdout);
    expect(polled.map((m: { payload: string }) => m.payload)).toEqual(['hello', 'world', 'again']);
    expect(polled.map((m: { offset: number }) => m.offset)).toEqual([0, 1, 2]);

    const first = JSON.parse((await iggy(['-o', 'json', 'message', 'poll', 'dev', 'events', '1', '-f'])).stdout);
    expect(first).toMatchObject([{ offset: 0, payload: 'hello' }]);
    const last = JSON.parse((await iggy(['-o', 'json', 'message', 'poll', 'dev', 'events', '1', '-l'])).stdout);
    expect(last).toMatchObject([{ offset: 2, payload: 'again' }]);
    // -n with -a commits, so the next poll moves on.
    await iggy(['message', 'poll', 'dev', 'events', '1', '-n', '-a', '-c', '7']);
    const next = JSON.parse((await iggy(['-o', 'json', 'message', 'poll', 'dev', 'events', '1', '-n', '-c', '7'])).stdout);
    expect(next).toMatchObject([{ offset: 1, payload: 'world' }]);
    expect(JSON.parse((await iggy(['-o', 'json', 'consumer-offset', 'get', '7', 'dev', 'events', '1'])).stdout)).toMatchObject({ storedOffset: 0 });

    expect((await iggy(['message', 'poll', 'dev', 'events', '0', '-o', '0'])).stdout).not.toContain('hello');
    expect((await iggy(['message', 'flush', 'dev', 'events', '1', '-f'])).stdout).toContain('Flushed partition 1');
  });

  it('sends headers and a key, and one message from stdin', async () => {
    await iggy(['message', 'send', 'dev', 'events', '-m', 'user-1', '-H', 'kind:string:order,n:uint32:7', 'keyed']);
    const fromStdin = await iggy(['message', 'send', 'dev', 'copy'], 'from stdin\n');
    expect(fromStdin.code).toBe(0);
    const copied = JSON.parse((await iggy(['-o', 'json', 'message', 'poll', 'dev', 'copy', '0', '-f'])).stdout);
    expect(copied).toMatchObject([{ payload: 'from stdin\n' }]);
    const both = [0, 1].map(async (p) => JSON.parse((await iggy(['-o', 'json', 'message', 'poll', 'dev', 'events', String(p), '-f', '-s'])).stdout));
    const keyed = (await Promise.all(both)).flat();
    expect(keyed).toMatchObject([{ payload: 'keyed', headers: 'kind=order n=7' }]);
  });

  it('round-trips messages through --output-file and --input-file byte for byte', async () => {
    await iggy(['message', 'send', 'dev', 'events', '-p', '0', '-H', 'trace:string:abc', 'alpha', 'βeta', '']);
    const first = path.join(home.dir, 'first.bin');
    const stored = await iggy(['message', 'poll', 'dev', 'events', '0', '-o', '0', '-m', '10', '--output-file', first]);
    expect(stored.stdout).toMatch(/Stored 3 message\(s\), \d+ bytes/);

    expect((await iggy(['message', 'send', 'dev', 'copy', '-p', '0', '--input-file', first])).stdout).toContain('Sent 3 message(s)');
    const second = path.join(home.dir, 'second.bin');
    await iggy(['message', 'poll', 'dev', 'copy', '0', '-o', '0', '-m', '10', '--output-file', second]);

    const a = readFileSync(first);
    const b = readFileSync(second);
    expect(b.length).toBe(a.length);
    expect(senderBytes(b).equals(senderBytes(a))).toBe(true);
    // Offsets are per partition and both start at 0, so only checksum and timestamps differ.
    const polled = JSON.parse((await iggy(['-o', 'json', 'message', 'poll', 'dev', 'copy', '0', '-o', '0', '-m', '10', '-s'])).stdout);
    expect(polled.map((m: { payload: string }) => m.payload)).toEqual(['alpha', 'βeta', '']);
    expect(polled[0].headers).toBe('trace=abc');
  });

  it('reports bad input and missing targets with their Iggy codes', async () => {
    const noStrategy = await iggy(['message', 'poll', 'dev', 'events', '0']);
    expect(noStrategy.stderr).toMatch(/^error: InvalidCommand \(3\).*exactly one of -o\/--offset/);
    const badFile = path.join(home.dir, 'garbage.bin');
    writeFileSync(badFile, 'not a message file');
    const garbage = await iggy(['message', 'send', 'dev', 'events', '--input-file', badFile]);
    expect(garbage.stderr).toMatch(/^error: InvalidFormat \(4\).*not a message file/);
    const noFile = await iggy(['message', 'send', 'dev', 'events', '--input-file', path.join(home.dir, 'missing.bin')]);
    expect(noFile.stderr).toMatch(/^error: Error \(1\).*ENOENT/);
    const noTopic = await iggy(['message', 'send', 'dev', 'nope', 'x']);
    expect(noTopic.stderr).toMatch(/^error: TopicIdNotFound \(2010\)/);
    const badHeader = await iggy(['message', 'send', 'dev', 'events', '-H', 'oops', 'x']);
    expect(badHeader.stderr).toMatch(/^error: InvalidFormat \(4\).*key:kind:value/);
    for (const r of [noStrategy, garbage, noFile, noTopic, badHeader]) expect(r.code).toBe(1);
  });
});
