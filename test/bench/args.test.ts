// Proves the bench command line: the seed's invocations parse to the pinned
// kinds with their counts, iggy-bench kind names and aliases work, sizes and
// durations parse, and contradictory options are refused with a message.
import { describe, expect, it } from 'vitest';
import { ArgsError, parseArgs, parseDuration, parseSize } from '../../bench/args.js';

const seed = (...extra: string[]) =>
  ['--tcp', '--streams', '10', '--messages-per-batch', '1000', '--message-batches', '1000', '--message-size', '1000', ...extra];

describe('bench arguments', () => {
  it('parses the seed send invocation as a pinned producer', () => {
    const args = parseArgs(seed('--test-send-messages', '--producers', '10', '--parallel-producer-streams'));
    expect(args).toMatchObject({
      kind: 'pinned-producer',
      transport: 'tcp',
      streams: 10,
      producers: 10,
      consumers: 0,
      partitions: 1,
      messagesPerBatch: 1000,
      messageBatches: 1000,
      messageSizeBytes: 1000,
      target: '127.0.0.1:8090',
      username: 'iggy',
      password: 'iggy',
      actors: 'worker',
    });
  });

  it('parses the seed poll invocation as a pinned consumer', () => {
    const args = parseArgs(seed('--test-poll-messages', '--consumers', '10', '--parallel-consumer-streams'));
    expect(args).toMatchObject({ kind: 'pinned-consumer', streams: 10, consumers: 10, producers: 0 });
  });

  it('accepts kind names, aliases and the transport word', () => {
    expect(parseArgs(['balanced-consumer-group', 'tcp']).kind).toBe('balanced-consumer-group');
    expect(parseArgs(['e2e']).kind).toBe('end-to-end-producing-consumer');
    expect(parseArgs(['bpcg', '--producers', '2', '--consumers', '2']).kind).toBe('balanced-producer-and-consumer-group');
    expect(parseArgs(['ppc', '--producers=2', '--consumers=2']).streams).toBe(2);
  });

  it('defaults to small actor counts (two cores)', () => {
    const args = parseArgs(['pinned-producer-and-consumer']);
    expect([args.producers, args.consumers, args.streams]).toEqual([1, 1, 1]);
    expect(parseArgs(['balanced-producer']).partitions).toBe(2);
  });

  it('derives batches per actor from --total-data', () => {
    const args = parseArgs(['pp', '--producers', '2', '--total-data', '10MB', '--message-size', '1000', '--messages-per-batch', '100']);
    expect(args.messageBatches).toBe(50); // 10e6 / (1000 B × 100 × 2 producers)
    expect(args.totalDataBytes).toBe(10_000_000);
  });

  it('reads target, credentials, server options and output', () => {
    const args = parseArgs(['pp', '--target', '10.0.0.5:8090', '--username', 'bench', '--password', 'secret', '--output', 'bench/results/x.json', '--keep', '--no-progress']);
    expect(args).toMatchObject({ target: '10.0.0.5:8090', username: 'bench', password: 'secret', output: 'bench/results/x.json', keep: true, progress: false });
    expect(parseArgs(['pp', '--start-server', '--server-core', 'both']).serverCores).toEqual(['wasm', 'ts']);
    expect(parseArgs(['pp', '--compare-ceiling'])).toMatchObject({ compareCeiling: true, startServer: true });
    expect(parseArgs(['pp', '--compare-ceiling', '--target', 'h:1'])).toMatchObject({ compareCeiling: true, startServer: false });
    expect(parseArgs(['pp', '--rounds', '3']).rounds).toBe(3);
    expect(parseArgs(['pp']).rounds).toBe(1);
  });

  it('parses sizes and durations', () => {
    expect(parseSize('1000')).toBe(1000);
    expect(parseSize('10KB')).toBe(10_000);
    expect(parseSize('2MiB')).toBe(2 * 1024 * 1024);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('2s')).toBe(2000);
    expect(parseDuration('3')).toBe(3000);
    expect(() => parseSize('ten')).toThrow(ArgsError);
    expect(() => parseDuration('1 week')).toThrow(ArgsError);
  });

  it('refuses contradictions with a message', () => {
    const refused = (argv: string[], message: RegExp) => expect(() => parseArgs(argv)).toThrow(message);
    refused([], /no benchmark kind/);
    refused(['pp', '--bogus'], /unknown option "--bogus"/);
    refused(['pp', 'udp'], /unknown benchmark kind or transport "udp"/);
    refused(['pp', 'pc'], /two benchmark kinds/);
    refused(['pp', '--producers', '0'], /positive integer/);
    refused(['pp', '--message-batches', '5', '--total-data', '1MB'], /mutually exclusive/);
    refused(['pp', '--server-core', 'ts'], /needs --start-server/);
    refused(['pp', '--start-server', '--server-core', 'rust'], /wasm, ts or both/);
    refused(['bcg', '--ceiling'], /consumer groups/);
    refused(['ppc', '--producers', '2', '--consumers', '1'], /pairs producers with consumers/);
    refused(['pp', '--producers', '4', '--streams', '2', '--parallel-producer-streams'], /one stream per actor/);
    refused(['pp', '--output', 'results.txt'], /\.json/);
    refused(['pp', '--producers'], /needs a value/);
  });

  it('keeps two batches in flight by default and runs a soak for --duration', () => {
    expect(parseArgs(['pp'])).toMatchObject({ inFlight: 2, durationMs: undefined, memorySampleMs: 60_000 });
    expect(parseArgs(['pp', '--in-flight', '4']).inFlight).toBe(4);
    expect(parseArgs(['ppc', '--duration', '10m', '--memory-every', '30s'])).toMatchObject({ durationMs: 600_000, memorySampleMs: 30_000 });
    expect(() => parseArgs(['pp', '--in-flight', '0'])).toThrow(/--in-flight must be a positive integer/);
    expect(() => parseArgs(['pc', '--duration', '1m'])).toThrow(/--duration needs producers/);
    expect(() => parseArgs(['pp', '--duration', '1m', '--message-batches', '5'])).toThrow(/mutually exclusive/);
  });
  it('takes a transport as a word or a flag, with its own default target', () => {
    expect(parseArgs(['pp'])).toMatchObject({ transport: 'tcp', target: '127.0.0.1:8090' });
    expect(parseArgs(['pp', 'quic'])).toMatchObject({ transport: 'quic', target: '127.0.0.1:8080', actors: 'inline' });
    expect(() => parseArgs(['pp', 'quic', '--actors', 'worker'])).toThrow(/crashes in worker threads/);
    expect(parseArgs(['pp', 'websocket'])).toMatchObject({ transport: 'ws', target: '127.0.0.1:8092' });
    expect(parseArgs(['--ws', '--test-send-messages'])).toMatchObject({ kind: 'pinned-producer', transport: 'ws' });
    expect(parseArgs(['pc', 'http', '--target', 'http://10.0.0.5:3001'])).toMatchObject({ transport: 'http', target: 'http://10.0.0.5:3001' });
    expect(() => parseArgs(['pp', 'tcp', '--quic'])).toThrow(/two transports given: tcp and quic/);
    expect(() => parseArgs(['pp', 'constructor'])).toThrow(/unknown benchmark kind or transport "constructor"/);
    expect(() => parseArgs(['e2ecg', '--http'])).toThrow(/HTTP API cannot/);
  });
});
