// Server configuration: Iggy 0.8's sections and key names (STORAGE.md §6),
// read from a TOML file (IGGY_CONFIG_PATH) and overridden by environment
// variables IGGY_<SECTION>_<KEY> (e.g. IGGY_TCP_ADDRESS, IGGY_SYSTEM_PATH,
// IGGY_SYSTEM_PARTITION_ENFORCE_FSYNC). Validated once with fastest-validator;
// a bad value stops the server with a ConfigError naming key, value and what
// is allowed.
import { readFileSync } from 'node:fs';
import FastestValidator from 'fastest-validator';
import { parse as parseToml } from 'smol-toml';
import { DEFAULT_LIMITS } from '../limits.js';
import { DEFAULT_OTHER_NODES, NODES_DESCRIPTION, parseNodes } from './cluster.js';
import type { ServerConfig } from './types.js';
import { parseAddress, parseDurationUs, parseSize } from './units.js';

type Kind =
  | { kind: 'bool' }
  | { kind: 'string'; empty?: boolean }
  | { kind: 'int'; min: number; max: number }
  | { kind: 'size' } // bytes, Infinity = unlimited
  | { kind: 'duration' } // µs, Infinity = none
  | { kind: 'address' }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'nodes' }; // cluster.node.others (cluster.ts)

interface Leaf {
  readonly spec: Kind;
  readonly value: unknown; // default, in Iggy's notation
}

const bool = (value: boolean): Leaf => ({ spec: { kind: 'bool' }, value });
const str = (value: string, empty = true): Leaf => ({ spec: { kind: 'string', empty }, value });
const int = (value: number, min = 0, max = Number.MAX_SAFE_INTEGER): Leaf => ({ spec: { kind: 'int', min, max }, value });
const size = (value: string): Leaf => ({ spec: { kind: 'size' }, value });
const duration = (value: string): Leaf => ({ spec: { kind: 'duration' }, value });
const address = (value: string): Leaf => ({ spec: { kind: 'address' }, value });
const oneOf = (value: string, values: readonly string[]): Leaf => ({ spec: { kind: 'enum', values }, value });
const nodes = (value: unknown): Leaf => ({ spec: { kind: 'nodes' }, value });

type Tree = { readonly [key: string]: Tree | Leaf };

/** Defaults as in Iggy 0.8's built-in config.toml, plus our `limits` and `system.core`. */
const DEFAULTS = {
  system: {
    path: str('local_data', false),
    core: oneOf('auto', ['auto', 'wasm', 'ts']),
    segment: {
      size: size('1 GiB'),
      cache_indexes: oneOf('open_segment', ['all', 'open_segment', 'none']),
      archive_expired: bool(false),
    },
    partition: {
      messages_required_to_save: int(1024, 1),
      size_of_messages_required_to_save: size('1 MiB'),
      enforce_fsync: bool(false),
      validate_checksum: bool(false),
    },
    state: { enforce_fsync: bool(false) },
    topic: { message_expiry: duration('none'), max_size: size('unlimited') },
    message_deduplication: { enabled: bool(false), max_entries: int(10_000, 1), expiry: duration('1 m') },
    compression: { default_algorithm: oneOf('none', ['none', 'gzip']), allow_override: bool(false) },
    cache: { size: size('256 MiB') },
  },
  tcp: {
    enabled: bool(true),
    address: address('127.0.0.1:8090'),
    ipv6: bool(false),
    tls: { enabled: bool(false), cert_file: str(''), key_file: str('') },
    socket: { override_defaults: bool(false), nodelay: bool(false), keepalive: bool(false) },
  },
  quic: {
    enabled: bool(true),
    address: address('127.0.0.1:8080'),
    max_concurrent_bidi_streams: int(10_000, 1),
    datagram_send_buffer_size: size('100 KB'),
    initial_mtu: size('8 KB'),
    send_window: size('100 KB'),
    receive_window: size('100 KB'),
    keep_alive_interval: duration('5 s'),
    max_idle_timeout: duration('10 s'),
    // Ours, not Iggy's: quiche requires ALPN and Iggy 0.8 sends none (TRANSPORTS.md).
    alpn: str('iggy', false),
    certificate: { self_signed: bool(true), cert_file: str(''), key_file: str('') },
  },
  http: {
    enabled: bool(true),
    address: address('127.0.0.1:3000'),
    max_request_size: size('2 MB'),
    web_ui: bool(false),
    tls: { enabled: bool(false), cert_file: str(''), key_file: str('') },
    jwt: {
      // RS*: encoding_secret / decoding_secret hold the PEM private / public key.
      algorithm: oneOf('HS256', ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512']),
      issuer: str('iggy.apache.org'),
      audience: str('iggy.apache.org'),
      access_token_expiry: duration('1 h'),
      clock_skew: duration('5 s'),
      not_before: duration('0 s'),
      encoding_secret: str(''),
      decoding_secret: str(''),
    },
    cors: { enabled: bool(true), allowed_origins: str('*') },
    metrics: { enabled: bool(true), endpoint: str('/metrics') },
  },
  websocket: {
    enabled: bool(true),
    address: address('127.0.0.1:8092'),
    // tungstenite's names and defaults, as Iggy 0.8 passes them through (TRANSPORTS.md).
    read_buffer_size: size('128 KiB'),
    write_buffer_size: size('128 KiB'),
    max_write_buffer_size: size('unlimited'),
    max_message_size: size('64 MiB'),
    max_frame_size: size('16 MiB'),
    accept_unmasked_frames: bool(false),
    tls: { enabled: bool(false), self_signed: bool(true), cert_file: str(''), key_file: str('') },
  },
  cluster: {
    enabled: bool(false),
    name: str('iggy-cluster', false),
    node: {
      current: { name: str('iggy-node-1', false), ip: str('127.0.0.1', false) },
      others: nodes(DEFAULT_OTHER_NODES),
    },
  },
  message_saver: { enabled: bool(true), interval: duration('30 s') },
  data_maintenance: { messages: { cleaner_enabled: bool(false), interval: duration('1 m') } },
  personal_access_token: {
    max_tokens_per_user: int(100, 1),
    cleaner: { enabled: bool(true), interval: duration('1 m') },
  },
  heartbeat: { enabled: bool(false), interval: duration('5 s') },
  consumer_group: { rebalancing_timeout: duration('30 s'), rebalancing_check_interval: duration('5 s') },
  limits: {
    frame_size_max: size(`${DEFAULT_LIMITS.frameSizeBytesMax} B`),
    messages_per_batch_max: int(DEFAULT_LIMITS.messagesPerBatchMax, 1),
    connections_max: int(DEFAULT_LIMITS.connectionsMax, 1),
    pending_requests_per_connection_max: int(DEFAULT_LIMITS.pendingRequestsPerConnectionMax, 1),
    pending_response_bytes_per_connection_max: size(`${DEFAULT_LIMITS.pendingResponseBytesPerConnectionMax} B`),
    poll_messages_max: int(DEFAULT_LIMITS.pollMessagesMax, 1),
  },
} as const satisfies Tree;

export type { ServerConfig } from './types.js';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function isLeaf(node: Tree | Leaf): node is Leaf {
  return 'spec' in node && 'value' in node;
}

function leaves(tree: Tree, prefix: string[] = []): Array<[string[], Leaf]> {
  const out: Array<[string[], Leaf]> = [];
  for (const [key, node] of Object.entries(tree)) {
    if (isLeaf(node)) out.push([[...prefix, key], node]);
    else out.push(...leaves(node, [...prefix, key]));
  }
  return out;
}

const LEAVES = leaves(DEFAULTS);
const ENV_NAME = new Map(LEAVES.map(([path]) => ['IGGY_' + path.join('_').toUpperCase(), path.join('.')]));

function describe(spec: Kind): string {
  switch (spec.kind) {
    case 'bool': return 'true or false';
    case 'string': return spec.empty ? 'a string' : 'a non-empty string';
    case 'int': return `an integer from ${spec.min} to ${spec.max}`;
    case 'size': return 'a size such as "512 KB", "1 MiB", "1 GiB" or "unlimited"';
    case 'duration': return 'a duration such as "500 ms", "30 s", "1 m", "7 days" or "none"';
    case 'address': return 'an address "host:port" (port 0..65535)';
    case 'enum': return `one of ${spec.values.map((v) => `"${v}"`).join(', ')}`;
    case 'nodes': return NODES_DESCRIPTION;
  }
}

/** Converts a raw value (TOML or env text) to its typed form; undefined when invalid. */
function convert(spec: Kind, raw: unknown): unknown {
  switch (spec.kind) {
    case 'bool':
      if (typeof raw === 'boolean') return raw;
      if (raw === 'true' || raw === '1') return true;
      if (raw === 'false' || raw === '0') return false;
      return undefined;
    case 'string':
      return typeof raw === 'string' ? raw : undefined;
    case 'int': {
      const n = typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : raw;
      return typeof n === 'number' || typeof n === 'bigint' ? Number(n) : undefined;
    }
    case 'size':
      return parseSize(raw) ?? undefined;
    case 'duration':
      return parseDurationUs(raw) ?? undefined;
    case 'address':
      return parseAddress(raw) ? String(raw).trim() : undefined;
    case 'enum':
      return typeof raw === 'string' ? raw : undefined;
    case 'nodes':
      return parseNodes(raw);
  }
}

function ruleFor(spec: Kind): object {
  switch (spec.kind) {
    case 'bool': return { type: 'boolean' };
    case 'string': return { type: 'string', empty: spec.empty ?? true };
    case 'int': return { type: 'number', integer: true, min: spec.min, max: spec.max };
    case 'size':
    case 'duration': return { type: 'any' }; // checked by parseSize / parseDurationUs (Infinity allowed)
    case 'address': return { type: 'string', empty: false };
    case 'enum': return { type: 'enum', values: [...spec.values] };
    case 'nodes': return { type: 'array' }; // entries checked by parseNodes
  }
}

// Compiled once at module load, never per call (STYLE.md §3).
const validator = new (FastestValidator as unknown as new (options: object) => { compile(schema: object): unknown })({ haltOnFirstError: false });
const checkFlat = validator.compile(
  Object.fromEntries(LEAVES.map(([path, leaf]) => [path.join('.'), { ...ruleFor(leaf.spec), optional: true }])) as never,
) as (value: object) => true | Array<{ field: string }>;

function getIn(tree: unknown, path: string[]): unknown {
  let node = tree;
  for (const key of path) {
    if (node === null || typeof node !== 'object' || !(key in node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function setIn(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[path[path.length - 1]!] = value;
}

export interface LoadOptions {
  env?: NodeJS.ProcessEnv;
  /** TOML text (tests); otherwise read from env IGGY_CONFIG_PATH when set. */
  tomlText?: string;
  withDefaultRootCredentials?: boolean;
}

/** Unknown keys in the TOML file are reported, as a typo must not pass silently. */
function unknownKeys(tree: unknown, defaults: Tree, prefix = ''): string[] {
  if (tree === null || typeof tree !== 'object') return [];
  const out: string[] = [];
  for (const [key, value] of Object.entries(tree)) {
    const node = defaults[key];
    const name = prefix ? `${prefix}.${key}` : key;
    if (node === undefined) out.push(name);
    else if (!isLeaf(node)) out.push(...unknownKeys(value, node, name));
  }
  return out;
}

export function loadConfig(options: LoadOptions = {}): ServerConfig {
  const env = options.env ?? process.env;
  let fileTree: unknown = {};
  let source = 'defaults';
  const tomlText = options.tomlText ?? (env.IGGY_CONFIG_PATH ? readConfigFile(env.IGGY_CONFIG_PATH) : undefined);
  if (tomlText !== undefined) {
    source = env.IGGY_CONFIG_PATH ?? 'config text';
    try {
      fileTree = parseToml(tomlText);
    } catch (cause) {
      throw new ConfigError(`config file ${source} is not valid TOML: ${(cause as Error).message}`);
    }
    const unknown = unknownKeys(fileTree, DEFAULTS);
    if (unknown.length > 0) throw new ConfigError(`config file ${source}: unknown key(s) ${unknown.join(', ')}`);
  }

  const flat: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [path, leaf] of LEAVES) {
    const key = path.join('.');
    const envName = 'IGGY_' + path.join('_').toUpperCase();
    let raw: unknown = leaf.value;
    let from = 'default';
    const fromFile = getIn(fileTree, path);
    if (fromFile !== undefined) [raw, from] = [fromFile, source];
    if (env[envName] !== undefined) [raw, from] = [env[envName], envName];
    const value = convert(leaf.spec, raw);
    if (value === undefined) {
      problems.push(`${key} = ${JSON.stringify(raw)} (from ${from}) is invalid: expected ${describe(leaf.spec)}`);
      continue;
    }
    flat[key] = value;
  }
  const checked = checkFlat(flat);
  if (checked !== true) {
    for (const error of checked as Array<{ field: string; actual?: unknown; message?: string }>) {
      const leaf = LEAVES.find(([path]) => path.join('.') === error.field)?.[1];
      problems.push(
        `${error.field} = ${JSON.stringify(error.actual)} is invalid: expected ${leaf ? describe(leaf.spec) : error.message}`,
      );
    }
  }
  if (problems.length > 0) throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);

  const config: Record<string, unknown> = {};
  for (const [path] of LEAVES) setIn(config, path, flat[path.join('.')]);
  const root = {
    username: env.IGGY_ROOT_USERNAME ?? 'iggy',
    password: env.IGGY_ROOT_PASSWORD ?? (options.withDefaultRootCredentials ? 'iggy' : null),
  };
  if (root.username.length < 3 || root.username.length > 50) {
    throw new ConfigError(`IGGY_ROOT_USERNAME = "${root.username}" is invalid: expected 3 to 50 bytes`);
  }
  if (root.password !== null && (root.password.length < 3 || root.password.length > 100)) {
    throw new ConfigError('IGGY_ROOT_PASSWORD is invalid: expected 3 to 100 bytes');
  }
  return { ...(config as unknown as Omit<ServerConfig, 'root'>), root };
}

function readConfigFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (cause) {
    throw new ConfigError(`IGGY_CONFIG_PATH = "${path}" cannot be read: ${(cause as Error).message}`);
  }
}

/** Environment variable names understood by loadConfig, for docs and `--help`. */
export function configEnvNames(): string[] {
  return [...ENV_NAME.keys()];
}
