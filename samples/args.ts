// Tiny argv parser shared by the samples: `--name value`, `--name=value` and
// bare `--flag` (true). Unknown options are an error, so typos do not pass silently.
export type ArgSpec = Record<string, { default: string; help: string }>;

export function parseArgs<S extends ArgSpec>(spec: S, argv: readonly string[] = process.argv.slice(2)): { [K in keyof S]: string } {
  try {
    return parse(spec, argv);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
}

function parse<S extends ArgSpec>(spec: S, argv: readonly string[]): { [K in keyof S]: string } {
  const values: Record<string, string> = Object.fromEntries(Object.entries(spec).map(([k, v]) => [k, v.default]));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') {
      console.log(Object.entries(spec).map(([k, v]) => `  --${k.padEnd(14)} ${v.help} (default: ${v.default || '-'})`).join('\n'));
      process.exit(0);
    }
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${arg}`);
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    if (!(name in spec)) throw new Error(`unknown option --${name} (see --help)`);
    if (eq >= 0) values[name] = arg.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) values[name] = argv[++i]!;
    else values[name] = 'true';
  }
  return values as { [K in keyof S]: string };
}

export const CONNECTION_ARGS = {
  transport: { default: 'tcp', help: 'tcp or tls' },
  host: { default: '127.0.0.1', help: 'server host' },
  port: { default: '8090', help: 'server TCP port' },
  'tls-ca': { default: '', help: 'PEM file of the CA to trust (self-signed servers)' },
  'tls-verify': { default: 'true', help: 'verify the server certificate' },
  username: { default: 'iggy', help: 'user name' },
  password: { default: 'iggy', help: 'password' },
  token: { default: '', help: 'personal access token (instead of user/password)' },
  stream: { default: 'sample-stream', help: 'stream name (created if missing)' },
  topic: { default: 'sample-topic', help: 'topic name (created if missing)' },
  partitions: { default: '3', help: 'partitions of a newly created topic' },
} satisfies ArgSpec;
