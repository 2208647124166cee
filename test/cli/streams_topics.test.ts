// Proves the stream, topic, partition and segment subcommands (names and
// Iggy 0.8 aliases) against the real server through the built CLI: each
// one's success, `-o json` parsed and checked, and its main error path as
// one line naming the Iggy error and code, with exit code 1.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { assertBuilt, cliFor, type CliHome, makeHome } from './cli_harness.js';

describe('iggy stream / topic / partition / segment', () => {
  let server: TestServer;
  let home: CliHome;
  let iggy: ReturnType<typeof cliFor>;

  beforeAll(assertBuilt);
  beforeEach(async () => {
    server = await startTestServer();
    home = await makeHome();
    iggy = cliFor(() => server.port, home);
  });
  afterEach(async () => {
    await server.close();
    await home.close();
  });

  it('creates, lists, gets, updates, purges and deletes a stream', async () => {
    const created = await iggy(['stream', 'create', 'orders']);
    expect(created).toMatchObject({ code: 0, stderr: '' });
    expect(created.stdout).toContain('Stream orders created with ID 0');
    expect((await iggy(['s', 'c', 'billing'])).code).toBe(0);

    const list = await iggy(['-o', 'json', 'stream', 'list']);
    expect(JSON.parse(list.stdout)).toMatchObject([
      { id: 0, name: 'orders', topicsCount: 0, messagesCount: 0 },
      { id: 1, name: 'billing' },
    ]);
    expect((await iggy(['stream', 'list'])).stdout).toMatch(/\| id \| name +\| createdAt/);
    expect((await iggy(['stream', 'list', '-l', 'list'])).stdout).toContain('id: 0, name: orders');

    expect(JSON.parse((await iggy(['stream', 'get', 'orders', '-o', 'json'])).stdout)).toMatchObject({ id: 0, name: 'orders' });
    expect((await iggy(['stream', 'update', '0', 'sales'])).stdout).toContain('updated to name sales');
    expect((await iggy(['stream', 'purge', 'sales'])).code).toBe(0);
    expect((await iggy(['s', 'd', '0'])).stdout).toContain('Stream 0 deleted');
    expect(JSON.parse((await iggy(['--output', 'json', 's', 'l'])).stdout)).toHaveLength(1);
  });

  it('reports an unknown stream as StreamIdNotFound (1009) in one line, exit 1', async () => {
    for (const args of [['stream', 'get', '7'], ['stream', 'delete', '7'], ['topic', 'list', 'nope']]) {
      const result = await iggy(args);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(new RegExp(`^error: StreamIdNotFound \\(1009\\) in "${args.join(' ')}".*\\n$`));
    }
  });

  it('refuses a requested stream id the server did not assign', async () => {
    const result = await iggy(['stream', 'create', '-s', '5', 'dev']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error: InvalidCommand (3)');
    expect(result.stderr).toContain('not the requested 5');
  });

  it('creates, lists, gets, updates, purges and deletes a topic, with partitions and segments', async () => {
    await iggy(['stream', 'create', 'dev']);
    const created = await iggy(['topic', 'create', 'dev', 'events', '3', 'none', '1h']);
    expect(created).toMatchObject({ code: 0, stderr: '' });
    expect(created.stdout).toContain('Topic events created with ID 0 and 3 partitions');

    const topic = JSON.parse((await iggy(['-o', 'json', 't', 'g', 'dev', 'events'])).stdout);
    expect(topic).toMatchObject({ id: 0, name: 'events', partitionsCount: 3, messageExpiry: '3600s', compression: 'none' });
    expect(JSON.parse((await iggy(['-o', 'json', 'topic', 'list', '0'])).stdout)).toMatchObject([{ name: 'events' }]);

    expect((await iggy(['partition', 'create', 'dev', 'events', '2'])).code).toBe(0);
    expect(JSON.parse((await iggy(['-o', 'json', 'p', 'l', 'dev', 'events'])).stdout)).toHaveLength(5);
    expect((await iggy(['p', 'd', 'dev', 'events', '4'])).code).toBe(0);
    expect(JSON.parse((await iggy(['-o', 'json', 't', 'g', 'dev', 'events'])).stdout).partitionsCount).toBe(1);

    expect((await iggy(['seg', 'd', 'dev', 'events', '0', '1'])).code).toBe(0);
    expect((await iggy(['topic', 'update', 'dev', 'events', 'renamed', 'gzip'])).code).toBe(0);
    expect(JSON.parse((await iggy(['-o', 'json', 't', 'g', 'dev', 'renamed'])).stdout).compression).toBe('gzip');
    expect((await iggy(['topic', 'purge', 'dev', 'renamed'])).code).toBe(0);
    expect((await iggy(['t', 'd', 'dev', 'renamed'])).stdout).toContain('deleted');
  });

  it('reports topic, partition and argument errors with their Iggy codes', async () => {
    await iggy(['stream', 'create', 'dev']);
    const missing = await iggy(['topic', 'get', 'dev', 'nope']);
    expect(missing.stderr).toMatch(/^error: TopicIdNotFound \(2010\)/);
    const partitions = await iggy(['partition', 'create', 'dev', 'nope', '1']);
    expect(partitions.stderr).toMatch(/^error: TopicIdNotFound \(2010\)/);
    const usage = await iggy(['topic', 'create', 'dev']);
    expect(usage.stderr).toMatch(/^error: InvalidCommand \(3\) in "topic create dev": missing <name>; usage: iggy topic create/);
    const count = await iggy(['topic', 'create', 'dev', 'x', 'many']);
    expect(count.stderr).toMatch(/^error: InvalidFormat \(4\).*partitions count/);
    const unknown = await iggy(['stream', 'explode']);
    expect(unknown.stderr).toMatch(/^error: InvalidCommand \(3\).*stream takes create\|delete\|update\|get\|list\|purge/);
    for (const r of [missing, partitions, usage, count, unknown]) expect(r.code).toBe(1);
  });
});
