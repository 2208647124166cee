// Proves every subcommand's main error path in one table: each failing call
// prints exactly one line naming the Iggy error and its code and what was
// asked, prints nothing on stdout, exits 1, and shows no stack trace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { assertBuilt, cliFor, type CliHome, makeHome } from './cli_harness.js';

// [arguments, the Iggy error the CLI must name, its code]
const CASES: Array<[string[], string, number]> = [
  [['stream', 'create', 'dev'], 'StreamNameAlreadyExists', 1012],
  [['stream', 'update', '9', 'x'], 'StreamIdNotFound', 1009],
  [['stream', 'purge', '9'], 'StreamIdNotFound', 1009],
  [['topic', 'create', 'dev', 'events', '1'], 'TopicNameAlreadyExists', 2013],
  [['topic', 'update', 'dev', 'nope', 'x'], 'TopicIdNotFound', 2010],
  [['topic', 'purge', 'dev', 'nope'], 'TopicIdNotFound', 2010],
  [['topic', 'delete', 'dev', 'nope'], 'TopicIdNotFound', 2010],
  [['partition', 'delete', 'dev', 'nope', '1'], 'TopicIdNotFound', 2010],
  [['segment', 'delete', 'dev', 'events', '9', '1'], 'PartitionNotFound', 3007],
  [['message', 'flush', 'dev', 'events', '9'], 'PartitionNotFound', 3007],
  [['message', 'poll', 'dev', 'events', '9', '-f'], 'PartitionNotFound', 3007],
  [['message', 'send', 'nope', 'events', 'x'], 'StreamIdNotFound', 1009],
  [['consumer-group', 'create', 'dev', 'events', 'workers'], 'ConsumerGroupNameAlreadyExists', 5004],
  [['consumer-group', 'delete', 'dev', 'events', 'nope'], 'ConsumerGroupIdNotFound', 5000],
  [['consumer-group', 'list', 'dev', 'nope'], 'TopicIdNotFound', 2010],
  [['consumer-offset', 'set', '1', 'dev', 'events', '0', '5'], 'InvalidOffset', 4100],
  [['consumer-offset', 'get', '1', 'dev', 'events', '0'], 'ConsumerOffsetNotFound', 3021],
  [['user', 'create', 'alice', 'secret1'], 'UserAlreadyExists', 46],
  [['user', 'password', 'alice', 'wrong-one', 'new-secret'], 'InvalidCredentials', 42],
  [['user', 'delete', 'nobody'], 'ResourceNotFound', 20],
  [['user', 'status', 'alice', 'sleepy'], 'InvalidUserStatus', 45],
  [['pat', 'delete', 'no-such-token'], 'ResourceNotFound', 20],
  [['client', 'get', 'x'], 'InvalidFormat', 4],
  [['-u', 'alice', '-p', 'secret1', 'stats'], 'Unauthorized', 41],
  [['-u', 'alice', '-p', 'wrong', 'login'], 'InvalidCredentials', 42],
  [['-u', 'alice', '-p', 'secret1', 'cluster', 'metadata', '-l', 'grid'], 'InvalidFormat', 4],
  [['ping', '-c', '0'], 'InvalidFormat', 4],
  [['me', 'extra'], 'InvalidCommand', 3],
  [['snapshot', '-s', 'everything'], 'InvalidFormat', 4],
  [['context', 'use', 'nowhere'], 'ResourceNotFound', 20],
  [['frobnicate'], 'InvalidCommand', 3],
];

describe('iggy error paths', () => {
  let server: TestServer;
  let home: CliHome;
  let iggy: ReturnType<typeof cliFor>;

  beforeAll(async () => {
    assertBuilt();
    server = await startTestServer();
    home = await makeHome();
    iggy = cliFor(() => server.port, home);
    for (const setup of [
      ['stream', 'create', 'dev'],
      ['topic', 'create', 'dev', 'events', '1'],
      ['consumer-group', 'create', 'dev', 'events', 'workers'],
      ['user', 'create', 'alice', 'secret1'],
    ]) {
      expect((await iggy(setup)).code).toBe(0);
    }
  });
  afterAll(async () => {
    await server?.close();
    await home?.close();
  });

  it.each(CASES)('iggy %j fails with %s (%i)', async (args, name, code) => {
    const result = await iggy(args);
    expect(result.stdout).toBe('');
    expect(result.code).toBe(1);
    // The line names the command as asked, after the global flags.
    const command = args[0] === '-u' ? args.slice(4) : args;
    const asked = command.join(' ').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(result.stderr).toMatch(new RegExp(`^error: ${name} \\(${code}\\) in "${asked}"[^\\n]*\\n$`));
  });
});
