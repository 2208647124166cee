// The CLI's files in the user's config dir ($XDG_CONFIG_HOME/iggy, else
// ~/.config/iggy): contexts.toml (named contexts: transport, addresses,
// username, token name; and which one is active), credentials.toml
// (passwords, tokens and login session tokens per context, mode 0600 so no
// other user can read them) and history (the shell's). Iggy 0.8 keeps
// contexts in TOML too; secrets go apart so contexts.toml can be shared.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'smol-toml';
import { IggyError } from '../../src/errors/iggy_error.js';

export const DEFAULT_CONTEXT = 'default';

export interface ContextConfig {
  transport?: string;
  tcp_server_address?: string;
  quic_server_address?: string;
  http_api_url?: string;
  websocket_server_address?: string;
  tcp_tls_enabled?: boolean;
  username?: string;
  token_name?: string;
}

export interface ContextSecrets {
  password?: string;
  token?: string;
  /** The personal access token `iggy login` created (named iggy-cli-session). */
  session_token?: string;
}

/** credentials.toml: `[contexts.<name>]` secrets and `[tokens]` name = raw token. */
interface CredentialsFile {
  contexts?: Record<string, ContextSecrets>;
  tokens?: Record<string, string>;
}

interface ContextsFile {
  active_context?: string;
  contexts?: Record<string, ContextConfig>;
}

export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CONFIG_HOME;
  const base = xdg !== undefined && xdg !== '' ? xdg : path.join(env.HOME ?? os.homedir(), '.config');
  return path.join(base, 'iggy');
}

function readToml<T>(file: string): T {
  if (!existsSync(file)) return {} as T;
  try {
    return parse(readFileSync(file, 'utf8')) as T;
  } catch (cause) {
    throw IggyError.of('InvalidConfiguration', `cannot read ${file}: ${(cause as Error).message.split('\n')[0]}`);
  }
}

/** Writes through a temp file and rename, so a crash never leaves half a file. */
function writeToml(file: string, value: object, mode: number): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, stringify(value), { mode });
  chmodSync(temp, mode);
  renameSync(temp, file);
}

export class CliConfig {
  readonly dir: string;
  constructor(dir: string) {
    this.dir = dir;
  }

  get contextsFile(): string {
    return path.join(this.dir, 'contexts.toml');
  }
  get credentialsFile(): string {
    return path.join(this.dir, 'credentials.toml');
  }
  get historyFile(): string {
    return path.join(this.dir, 'history');
  }

  #contexts(): ContextsFile {
    return readToml<ContextsFile>(this.contextsFile);
  }

  activeName(): string {
    return this.#contexts().active_context ?? DEFAULT_CONTEXT;
  }

  /** Every context; `default` always exists (empty unless created with settings). */
  list(): Record<string, ContextConfig> {
    return { [DEFAULT_CONTEXT]: {}, ...(this.#contexts().contexts ?? {}) };
  }

  get(name: string): ContextConfig {
    const context = this.list()[name];
    if (context === undefined) throw IggyError.of('ResourceNotFound', `context ${name} does not exist (iggy context list)`);
    return context;
  }

  save(name: string, context: ContextConfig): void {
    const file = this.#contexts();
    file.contexts = { ...(file.contexts ?? {}), [name]: context };
    writeToml(this.contextsFile, file, 0o644);
  }

  use(name: string): void {
    this.get(name);
    writeToml(this.contextsFile, { ...this.#contexts(), active_context: name }, 0o644);
  }

  delete(name: string): void {
    if (name === DEFAULT_CONTEXT) throw IggyError.of('InvalidCommand', 'the default context cannot be deleted');
    this.get(name);
    const file = this.#contexts();
    delete file.contexts?.[name];
    if (file.active_context === name) delete file.active_context;
    writeToml(this.contextsFile, file, 0o644);
    this.setSecrets(name, null);
  }

  #credentials(): CredentialsFile {
    return readToml<CredentialsFile>(this.credentialsFile);
  }

  secrets(name: string): ContextSecrets {
    return this.#credentials().contexts?.[name] ?? {};
  }

  /** Replaces a context's secrets (null removes them); the file stays 0600. */
  setSecrets(name: string, secrets: ContextSecrets | null): void {
    const all = this.#credentials();
    const contexts = { ...(all.contexts ?? {}) };
    if (secrets === null || Object.keys(secrets).length === 0) delete contexts[name];
    else contexts[name] = secrets;
    writeToml(this.credentialsFile, { ...all, contexts }, 0o600);
  }

  /** A raw personal access token kept by `pat create -s`, for `-n <name>`. */
  storedToken(name: string): string | undefined {
    return this.#credentials().tokens?.[name];
  }

  storeToken(name: string, token: string): void {
    const all = this.#credentials();
    writeToml(this.credentialsFile, { ...all, tokens: { ...(all.tokens ?? {}), [name]: token } }, 0o600);
  }
}
