// Command line of the bench. Two spellings are accepted:
//  * iggy-bench 0.8 style: a benchmark kind (or its alias) and a transport as
//    words, e.g. `pinned-producer tcp --producers 2`;
//  * the seed's flags: `--tcp --test-send-messages --parallel-producer-streams`
//    (pinned producer) and `--test-poll-messages --parallel-consumer-streams`
//    (pinned consumer).
// Sizes accept B/KB/MB/GB (decimal) and KiB/MiB/GiB; durations ms/s/m.

export const BENCH_KINDS = {
  'pinned-producer': 'pp',
  'pinned-consumer': 'pc',
  'pinned-producer-and-consumer': 'ppc',
  'balanced-producer': 'bp',
  'balanced-consumer-group': 'bcg',
  'balanced-producer-and-consumer-group': 'bpcg',
  'end-to-end-producing-consumer': 'e2e',
  'end-to-end-producing-consumer-group': 'e2ecg',
} as const;

export type BenchKind = keyof typeof BENCH_KINDS;

/** iggy-bench 0.8's transport words (tcp, quic, http) and WebSocket, which 0.8 serves too. */
export const BENCH_TRANSPORTS = ['tcp', 'quic', 'ws', 'http'] as const;
export type BenchTransport = (typeof BENCH_TRANSPORTS)[number];
const TRANSPORT_WORDS: Readonly<Record<string, BenchTransport>> = { tcp: 'tcp', quic: 'quic', ws: 'ws', websocket: 'ws', http: 'http' };

/** Where each transport listens by default (Iggy 0.8's ports). */
export const DEFAULT_TARGETS: Readonly<Record<BenchTransport, string>> = {
  tcp: '127.0.0.1:8090',
  quic: '127.0.0.1:8080',
  ws: '127.0.0.1:8092',
  http: '127.0.0.1:3000',
};
export type ServerCore = 'wasm' | 'ts';
export type ActorRunner = 'worker' | 'inline';

export interface BenchArgs {
  kind: BenchKind;
  /** What the actors, the fill and the set-up speak; the ceiling sink is always raw TCP. */
  transport: BenchTransport;
  /** host:port of the server under test (ignored with --start-server / --ceiling); http also takes http://host:port. */
  target: string;
  username: string;
  password: string;
  producers: number;
  consumers: number;
  streams: number;
  partitions: number;
  consumerGroups: number;
  messageSizeBytes: number;
  messagesPerBatch: number;
  /** Batches per actor; derived from totalDataBytes when that is given. */
  messageBatches: number;
  totalDataBytes: number | undefined;
  warmupMs: number;
  /** SendMessages requests each producer keeps in flight. */
  inFlight: number;
  /** Soak: actors run this long instead of to --message-batches; undefined = counted run. */
  durationMs: number | undefined;
  /** How often a duration run samples the server's memory. */
  memorySampleMs: number;
  /** Aggregate bytes per second over all sending/polling actors, or undefined. */
  rateLimitBytesPerSecond: number | undefined;
  samplingMs: number;
  /** Runs per target, interleaved across targets; medians are reported. */
  rounds: number;
  /** Results JSON path; the HTML report is written next to it. */
  output: string | undefined;
  startServer: boolean;
  /** Run the started server inside the bench process instead of a child process. */
  serverInProcess: boolean;
  serverCores: ServerCore[];
  /** Run the raw TCP + file-write sink instead of (or with --compare-ceiling, besides) the server. */
  ceiling: boolean;
  compareCeiling: boolean;
  keep: boolean;
  actors: ActorRunner;
  progress: boolean;
  help: boolean;
}

export const USAGE = `Usage: node dist/bench/main.js [kind] [tcp|quic|ws|http] [options]

Kinds (iggy-bench 0.8 names, alias in brackets):
  pinned-producer (pp)                      N producers, one stream each, 1 partition
  pinned-consumer (pc)                      N consumers, one stream each (filled first, unmeasured)
  pinned-producer-and-consumer (ppc)        N producers and N consumers on N streams at once
  balanced-producer (bp)                    N producers, balanced partitioning over P partitions
  balanced-consumer-group (bcg)             N consumers in G consumer groups (filled first)
  balanced-producer-and-consumer-group (bpcg)
  end-to-end-producing-consumer (e2e)       each actor sends a batch, then polls it back
  end-to-end-producing-consumer-group (e2ecg)
Transports: tcp (default), quic, ws (or websocket), http; also as --tcp --quic --ws --http.
            The ceiling sink always runs over raw TCP: it is the machine's ceiling, not a transport's.
Seed flags: --tcp --test-send-messages (= pp) --test-poll-messages (= pc)
            --parallel-producer-streams --parallel-consumer-streams (one stream per actor)

Workload:
  --producers N --consumers N --streams N --partitions N --consumer-groups N
  --message-size BYTES (1000) --messages-per-batch N (1000)
  --message-batches N (1000, per actor) | --total-data SIZE (aggregate, e.g. 100MB)
  --warmup-time DURATION (0s) --rate-limit SIZE (aggregate per second) --sampling-time DURATION (100ms)
  --in-flight N (2)                         SendMessages batches each producer keeps on the wire
  --duration DURATION                       soak: run this long (e.g. 10m) instead of --message-batches,
                                            sampling the server's RSS (and heap when in-process) every
  --memory-every DURATION (1m)              this often
Target:
  --target host:port (tcp 127.0.0.1:8090, quic :8080, ws :8092, http :3000) --username iggy --password iggy
  --start-server                            start our server (child process, temp data dir)
  --server-core wasm|ts|both                core(s) of the started server; both = two rows
  --server-in-process                       start it inside the bench process instead (shares its main loop)
  --ceiling                                 raw Node TCP + file-write sink instead of a server
  --compare-ceiling                         ceiling and server in one session, with ratios
  --keep                                    keep the bench streams afterwards
  --rounds N (1)                            N runs per target, interleaved (A B A B); medians and ratios of medians
Output:
  --output FILE.json                        results JSON, HTML report next to it
  --actors worker|inline (worker)           inline runs actors on the main loop (tests; always for quic)
  --no-progress                             no progress bar
`;

export class ArgsError extends Error {
  override readonly name = 'ArgsError';
}

const SIZE_UNITS: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
};

export function parseSize(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = SIZE_UNITS[(match?.[2] || 'b').toLowerCase()];
  if (match === null || unit === undefined) throw new ArgsError(`bad size "${text}" (e.g. 1000, 10KB, 5MiB)`);
  const bytes = Math.round(Number(match[1]) * unit);
  if (bytes <= 0) throw new ArgsError(`size must be positive: "${text}"`);
  return bytes;
}

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export function parseDuration(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/i.exec(text);
  if (match === null) throw new ArgsError(`bad duration "${text}" (e.g. 500ms, 2s)`);
  return Number(match[1]) * (DURATION_UNITS[(match[2] ?? 's').toLowerCase()] as number);
}

function kindOf(word: string): BenchKind | undefined {
  if (Object.hasOwn(BENCH_KINDS, word)) return word as BenchKind;
  for (const [kind, alias] of Object.entries(BENCH_KINDS)) if (alias === word) return kind as BenchKind;
  return undefined;
}

export function isProducingKind(kind: BenchKind): boolean {
  return kind !== 'pinned-consumer' && kind !== 'balanced-consumer-group';
}

export function isGroupKind(kind: BenchKind): boolean {
  return kind === 'balanced-consumer-group' || kind === 'balanced-producer-and-consumer-group' || kind === 'end-to-end-producing-consumer-group';
}

export function isPinnedKind(kind: BenchKind): boolean {
  return kind.startsWith('pinned') || kind === 'end-to-end-producing-consumer';
}

/** Parses argv (without node and the script); throws ArgsError with a message fit for the user. */
export function parseArgs(argv: readonly string[]): BenchArgs {
  let kind: BenchKind | undefined;
  const numbers: Record<string, number> = {};
  const strings: Record<string, string> = {};
  const flags = new Set<string>();
  const numberOptions = new Set(['in-flight', 'rounds', 'producers', 'consumers', 'streams', 'partitions', 'consumer-groups', 'messages-per-batch', 'message-batches']);
  const stringOptions = new Set([
    'target',
    'server-address',
    'username',
    'password',
    'message-size',
    'total-data',
    'warmup-time',
    'duration',
    'memory-every',
    'rate-limit',
    'sampling-time',
    'output',
    'server-core',
    'actors',
  ]);
  const flagOptions = new Set([
    'tcp',
    'quic',
    'ws',
    'websocket',
    'http',
    'test-send-messages',
    'test-poll-messages',
    'test-send-and-poll-messages',
    'parallel-producer-streams',
    'parallel-consumer-streams',
    'start-server',
    'server-in-process',
    'ceiling',
    'compare-ceiling',
    'keep',
    'no-progress',
    'help',
  ]);
  let transport: BenchTransport | undefined;
  const setTransport = (word: string) => {
    const next = TRANSPORT_WORDS[word]!;
    if (transport !== undefined && transport !== next) throw new ArgsError(`two transports given: ${transport} and ${next}`);
    transport = next;
  };
  const setKind = (next: BenchKind, from: string) => {
    if (kind !== undefined && kind !== next) throw new ArgsError(`two benchmark kinds given: ${kind} and ${next} (${from})`);
    kind = next;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('-')) {
      if (Object.hasOwn(TRANSPORT_WORDS, arg)) {
        setTransport(arg);
        continue;
      }
      const named = kindOf(arg);
      if (named === undefined) throw new ArgsError(`unknown benchmark kind or transport "${arg}"`);
      setKind(named, arg);
      continue;
    }
    if (arg === '-h') {
      flags.add('help');
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const inline = eq < 0 ? undefined : arg.slice(eq + 1);
    if (!arg.startsWith('--') || name === '') throw new ArgsError(`unknown option "${arg}"`);
    if (flagOptions.has(name)) {
      if (inline !== undefined) throw new ArgsError(`--${name} takes no value`);
      if (Object.hasOwn(TRANSPORT_WORDS, name)) setTransport(name);
      flags.add(name);
      continue;
    }
    if (!numberOptions.has(name) && !stringOptions.has(name)) throw new ArgsError(`unknown option "--${name}"`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new ArgsError(`--${name} needs a value`);
    if (numberOptions.has(name)) {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1) throw new ArgsError(`--${name} must be a positive integer, got "${value}"`);
      numbers[name] = n;
    } else {
      strings[name] = value;
    }
  }
  if (flags.has('test-send-messages')) setKind('pinned-producer', '--test-send-messages');
  if (flags.has('test-poll-messages')) setKind('pinned-consumer', '--test-poll-messages');
  if (flags.has('test-send-and-poll-messages')) setKind('pinned-producer-and-consumer', '--test-send-and-poll-messages');
  const help = flags.has('help');
  if (kind === undefined) {
    if (!help) throw new ArgsError('no benchmark kind given (e.g. pinned-producer, or --test-send-messages)');
    kind = 'pinned-producer';
  }

  // Two cores by default: one producer and/or one consumer unless asked.
  const producing = isProducingKind(kind);
  const consuming = kind !== 'pinned-producer' && kind !== 'balanced-producer';
  const producers = producing ? (numbers['producers'] ?? 1) : 0;
  let consumers = consuming ? (numbers['consumers'] ?? (kind.startsWith('end-to-end') ? 0 : 1)) : 0;
  if (kind.startsWith('end-to-end')) {
    // A producing consumer is one actor: count it once, as a producer.
    consumers = 0;
  }
  const actorsPerStream = Math.max(producers, consumers);
  const pinned = isPinnedKind(kind);
  const parallel = flags.has('parallel-producer-streams') || flags.has('parallel-consumer-streams');
  const streams = numbers['streams'] ?? (pinned || parallel ? actorsPerStream : 1);
  if (parallel && streams < actorsPerStream) {
    throw new ArgsError(`parallel streams need at least one stream per actor: --streams ${streams} < ${actorsPerStream} actors`);
  }
  const partitions = numbers['partitions'] ?? (pinned ? 1 : 2);
  const consumerGroups = numbers['consumer-groups'] ?? 1;
  if (kind === 'pinned-producer-and-consumer' && producers !== consumers) {
    throw new ArgsError(`pinned-producer-and-consumer pairs producers with consumers: --producers ${producers} != --consumers ${consumers}`);
  }
  if (isGroupKind(kind) && consumerGroups > streams) {
    throw new ArgsError(`--consumer-groups ${consumerGroups} exceeds --streams ${streams} (one group per stream at most)`);
  }

  const messageSizeBytes = strings['message-size'] === undefined ? 1000 : parseSize(strings['message-size']);
  const messagesPerBatch = numbers['messages-per-batch'] ?? 1000;
  const totalDataBytes = strings['total-data'] === undefined ? undefined : parseSize(strings['total-data']);
  if (totalDataBytes !== undefined && numbers['message-batches'] !== undefined) {
    throw new ArgsError('--message-batches and --total-data are mutually exclusive');
  }
  const messageBatches =
    totalDataBytes === undefined
      ? (numbers['message-batches'] ?? 1000)
      : Math.max(1, Math.ceil(totalDataBytes / (messageSizeBytes * messagesPerBatch * Math.max(1, producing ? producers : consumers))));

  const coreText = strings['server-core'] ?? 'wasm';
  const serverCores: ServerCore[] =
    coreText === 'both' ? ['wasm', 'ts'] : coreText === 'wasm' || coreText === 'ts' ? [coreText] : invalid(`--server-core must be wasm, ts or both, got "${coreText}"`);
  // @matrixai/quic's native binding crashes the process (SIGSEGV, V8 check failures) when worker threads load it.
  const quicTransport = transport === 'quic';
  const actorsText = strings['actors'] ?? (quicTransport ? 'inline' : 'worker');
  if (actorsText !== 'worker' && actorsText !== 'inline') throw new ArgsError(`--actors must be worker or inline, got "${actorsText}"`);
  if (quicTransport && actorsText === 'worker') throw new ArgsError('--actors worker cannot run quic: its native binding crashes in worker threads; quic runs inline');
  const ceiling = flags.has('ceiling');
  const compareCeiling = flags.has('compare-ceiling');
  if (flags.has('server-in-process') && !flags.has('start-server') && !compareCeiling) {
    throw new ArgsError('--server-in-process needs --start-server');
  }
  if (strings['server-core'] !== undefined && !flags.has('start-server') && !compareCeiling) {
    throw new ArgsError('--server-core needs --start-server (the bench can only choose the core of a server it starts)');
  }
  if ((ceiling || compareCeiling) && isGroupKind(kind)) {
    throw new ArgsError('the ceiling sink has no consumer groups: use a pinned, balanced-producer or end-to-end-producing-consumer kind');
  }
  const via: BenchTransport = transport ?? 'tcp';
  if (via === 'http' && isGroupKind(kind)) {
    throw new ArgsError(`${kind} joins consumer groups, which the HTTP API cannot (as in Iggy 0.8): use tcp, quic or ws`);
  }
  const durationMs = strings['duration'] === undefined ? undefined : parseDuration(strings['duration']);
  if (durationMs !== undefined && (durationMs <= 0 || !producing)) {
    throw new ArgsError(durationMs <= 0 ? '--duration must be positive' : `--duration needs producers: ${kind} only reads what was filled before`);
  }
  if (durationMs !== undefined && numbers['message-batches'] !== undefined) throw new ArgsError('--duration and --message-batches are mutually exclusive');
  const output = strings['output'];
  if (output !== undefined && !output.endsWith('.json')) throw new ArgsError(`--output must name a .json file, got "${output}"`);

  return {
    kind,
    transport: via,
    target: strings['target'] ?? strings['server-address'] ?? DEFAULT_TARGETS[via],
    username: strings['username'] ?? 'iggy',
    password: strings['password'] ?? 'iggy',
    producers,
    consumers,
    streams,
    partitions,
    consumerGroups,
    messageSizeBytes,
    messagesPerBatch,
    messageBatches,
    totalDataBytes,
    warmupMs: strings['warmup-time'] === undefined ? 0 : parseDuration(strings['warmup-time']),
    inFlight: numbers['in-flight'] ?? 2,
    durationMs,
    memorySampleMs: strings['memory-every'] === undefined ? 60_000 : Math.max(10, parseDuration(strings['memory-every'])),
    rateLimitBytesPerSecond: strings['rate-limit'] === undefined ? undefined : parseSize(strings['rate-limit']),
    rounds: numbers['rounds'] ?? 1,
    samplingMs: strings['sampling-time'] === undefined ? 100 : Math.max(10, parseDuration(strings['sampling-time'])),
    output,
    startServer: flags.has('start-server') || (compareCeiling && strings['target'] === undefined && strings['server-address'] === undefined),
    serverInProcess: flags.has('server-in-process'),
    serverCores,
    ceiling,
    compareCeiling,
    keep: flags.has('keep'),
    actors: actorsText,
    progress: !flags.has('no-progress'),
    help,
  };
}

function invalid(message: string): never {
  throw new ArgsError(message);
}
