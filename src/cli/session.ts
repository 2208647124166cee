// Who the CLI talks to and as whom: global flags over the active context
// (contexts.toml + credentials.toml), then IGGY_USERNAME/IGGY_PASSWORD, then
// the server's default root iggy/iggy (what --with-default-root-credentials
// sets), so the seed walkthrough runs with no credentials given. The client
// is opened once, lazily, over the SDK only (src/cli/transports.ts picks the
// SDK transport): the CLI knows no server code.
import { IggyClient } from '../../sdk/index.js';
import type { Credentials } from '../../sdk/client.js';
import { IggyError } from '../../src/errors/iggy_error.js';
import type { OptionValues } from './argv.js';
import { promptPassword } from './prompt.js';
import { CliConfig, type ContextConfig, type ContextSecrets, configDir } from './config.js';
import { transportOptionsOf } from './transports.js';

export const TRANSPORTS = ['tcp', 'quic', 'http', 'ws'] as const;
const DEFAULT_TCP_ADDRESS = '127.0.0.1:8090';
const PROMPT = 'password prompt';
const DISCONNECTED = IggyError.of('Disconnected', '').code;
const DEFAULT_ROOT: Credentials = { username: 'iggy', password: 'iggy' };

export interface Target {
  contextName: string;
  transport: string;
  address: string;
  tls: boolean;
  tlsDomain: string | undefined;
  tlsCaFile: string | undefined;
  credentials: Credentials;
  /** Where the credentials came from (shown by `context list` and `me`). */
  credentialsSource: string;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function credentialsOf(globals: OptionValues, context: ContextConfig, secrets: ContextSecrets, config: CliConfig, env: NodeJS.ProcessEnv): [Credentials, string] {
  const token = str(globals.token);
  if (token !== undefined) return [{ token }, '--token'];
  const username = str(globals.username);
  if (username !== undefined) {
    const password = str(globals.password) ?? env.IGGY_PASSWORD;
    if (password !== undefined) return [{ username, password }, '--username'];
    // On a terminal the password is asked for when the session opens.
    if (process.stdin.isTTY === true) return [{ username, password: '' }, PROMPT];
    throw IggyError.of('InvalidCredentials', `no password for ${username}: give -p/--password or IGGY_PASSWORD`);
  }
  const tokenName = str(globals['token-name']);
  if (tokenName !== undefined) {
    const stored = config.storedToken(tokenName);
    if (stored === undefined) throw IggyError.of('InvalidCredentials', `no stored token named ${tokenName} (iggy pat create ${tokenName} -s)`);
    return [{ token: stored }, `--token-name ${tokenName}`];
  }
  if (env.IGGY_USERNAME !== undefined && env.IGGY_PASSWORD !== undefined) {
    return [{ username: env.IGGY_USERNAME, password: env.IGGY_PASSWORD }, 'IGGY_USERNAME'];
  }
  if (secrets.session_token !== undefined) return [{ token: secrets.session_token }, 'login session'];
  if (secrets.token !== undefined) return [{ token: secrets.token }, 'context token'];
  if (context.username !== undefined && secrets.password !== undefined) {
    return [{ username: context.username, password: secrets.password }, 'context'];
  }
  return [DEFAULT_ROOT, 'default root'];
}

export function resolveTarget(globals: OptionValues, config: CliConfig, env: NodeJS.ProcessEnv = process.env): Target {
  const contextName = config.activeName();
  const context = config.get(contextName);
  const transport = str(globals.transport) ?? context.transport ?? 'tcp';
  if (!(TRANSPORTS as readonly string[]).includes(transport)) {
    throw IggyError.of('InvalidConfiguration', `transport ${transport} is not one of ${TRANSPORTS.join(', ')}`);
  }
  const addresses: Record<string, string | undefined> = {
    tcp: str(globals['tcp-server-address']) ?? context.tcp_server_address ?? DEFAULT_TCP_ADDRESS,
    quic: str(globals['quic-server-address']) ?? context.quic_server_address ?? '127.0.0.1:8080',
    http: str(globals['http-api-url']) ?? context.http_api_url ?? 'http://127.0.0.1:3000',
    ws: str(globals['websocket-server-address']) ?? context.websocket_server_address ?? '127.0.0.1:8092',
  };
  const [credentials, credentialsSource] = credentialsOf(globals, context, config.secrets(contextName), config, env);
  const tlsFlag = globals['tcp-tls-enabled'];
  return {
    contextName,
    transport,
    address: addresses[transport]!,
    tls: typeof tlsFlag === 'boolean' ? tlsFlag : (context.tcp_tls_enabled ?? false),
    tlsDomain: str(globals['tcp-tls-domain']),
    tlsCaFile: str(globals['tcp-tls-ca-file']),
    credentials,
    credentialsSource,
  };
}

/** Opens an SDK client to `target`; `login` false for commands that need no session (ping). */
export async function openClient(target: Target, login: boolean): Promise<IggyClient> {
  try {
    return await IggyClient.connect({
      ...transportOptionsOf(target),
      ...(login ? { auth: target.credentials } : {}),
      // A CLI call is one short exchange: no heartbeat, and a dead server is
      // reported at once rather than retried in the background.
      heartbeatIntervalMs: 0,
      reconnect: false,
    });
  } catch (error) {
    // The HTTP dispatcher opens with GET /ping and calls a server that never
    // answers Disconnected; to the user it is unreachable, as over TCP.
    if (error instanceof IggyError && error.code === DISCONNECTED) {
      throw IggyError.of('CannotEstablishConnection', error.message.replace(/^Disconnected( \(8\))?: /, ''), { cause: error });
    }
    throw error;
  }
}

/** One CLI run's connection, opened on first use and shared by every command of a shell. */
export class CliSession {
  readonly config: CliConfig;
  readonly globals: OptionValues;
  readonly env: NodeJS.ProcessEnv;
  /** Set while the shell reads stdin: no command may read it for itself then. */
  inShell = false;
  #client: Promise<IggyClient> | null = null;
  #open: IggyClient | null = null;
  #target: Target | null = null;

  constructor(globals: OptionValues, env: NodeJS.ProcessEnv = process.env) {
    this.globals = globals;
    this.env = env;
    this.config = new CliConfig(configDir(env));
  }

  target(): Target {
    this.#target ??= resolveTarget(this.globals, this.config, this.env);
    return this.#target;
  }

  /** Asks for the password now if one is needed (before the shell's readline owns the terminal). */
  async ensurePassword(): Promise<void> {
    const target = this.target();
    if (target.credentialsSource !== PROMPT || !('username' in target.credentials)) return;
    const password = await promptPassword(`Password for ${target.credentials.username}: `);
    this.#target = { ...target, credentials: { username: target.credentials.username, password }, credentialsSource: '--username' };
  }

  async client(): Promise<IggyClient> {
    await this.ensurePassword();
    // A shell outlives server restarts: a connection that closed is opened anew.
    if (this.#open !== null && this.#open.state === 'closed') {
      this.#client = null;
      this.#open = null;
    }
    if (this.#client === null) {
      const opening = openClient(this.target(), true);
      // A failed open is not cached: the next shell line tries again.
      opening.then(
        (client) => {
          if (this.#client === opening) this.#open = client;
        },
        () => {
          if (this.#client === opening) this.#client = null;
        },
      );
      this.#client = opening;
    }
    return this.#client;
  }

  /** Forgets the connection and the resolved target (after login/logout/context use). */
  async reset(): Promise<void> {
    const client = this.#client;
    this.#client = null;
    this.#open = null;
    this.#target = null;
    if (client !== null) await client.then((c) => c.close()).catch(() => {});
  }

  close(): Promise<void> {
    return this.reset();
  }
}
