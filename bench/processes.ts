// Child processes the bench starts and always stops: our server (a temp data
// dir, TCP plus the transport under test on ports it picks, a chosen core)
// and the ceiling sink. Each runs on its own event loop and cores, apart from
// the bench's actors.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServerCore } from './args.js';
import type { Address } from './wire/connection.js';

export interface StartedProcess {
  /** Its TCP address (the ceiling sink speaks only TCP). */
  readonly address: Address;
  /** Every listener's bound address by name (tcp, quic, http, websocket). */
  readonly listeners: Readonly<Record<string, Address>>;
  readonly pid: number;
  /** The core the server reports it loaded (from its start-up log), when known. */
  readonly core?: string;
  /** Last lines of the child's output, for error reports. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * A built entry point: beside this module when it runs from dist/bench, in
 * dist/ when it runs from source (the tests).
 */
function builtEntry(fromDist: string, fromSource: string): string {
  const built = fileURLToPath(new URL(fromDist, import.meta.url));
  return existsSync(built) || !import.meta.url.endsWith('.ts') ? built : fileURLToPath(new URL(fromSource, import.meta.url));
}

export function serverEntryPath(): string {
  return builtEntry('../src/main.js', '../dist/src/main.js');
}

export function ceilingEntryPath(): string {
  return builtEntry('./ceiling_main.js', '../dist/bench/ceiling_main.js');
}

function collectOutput(child: ChildProcess): () => string {
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => tail;
}

function stopChild(child: ChildProcess, timeoutMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

const LISTENING_LINE = /\b(\w+) listening on (\S+):(\d+)\s*$/;

/**
 * Collects the "<transport> listening on host:port" lines the server logs once
 * every listener is up (src/main.ts); resolves when `wanted` is among them.
 */
function waitForListening(child: ChildProcess, wanted: string, output: () => string, timeoutMs: number): Promise<Record<string, Address>> {
  return new Promise((resolve, reject) => {
    const listeners: Record<string, Address> = {};
    let partial = '';
    const done = (error: Error | null) => {
      clearTimeout(timer);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      if (error === null) resolve(listeners);
      else reject(error);
    };
    // The log goes to stderr (src/log.ts); only whole lines are read, so a port is never cut short.
    const onData = (chunk: Buffer) => {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop()!.slice(-1000);
      for (const line of lines) {
        const match = LISTENING_LINE.exec(line);
        if (match !== null) listeners[match[1]!] = { host: match[2]!, port: Number(match[3]) };
      }
      if (listeners[wanted] !== undefined) done(null);
    };
    const onExit = (code: number | null, signal: string | null) => done(new Error(`server exited (${code ?? signal}) before listening:\n${output()}`));
    const timer = setTimeout(() => done(new Error(`server not listening on ${wanted} after ${timeoutMs} ms:\n${output()}`)), timeoutMs);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}

export interface ServerProcessOptions {
  core: ServerCore;
  /** The listener the bench talks to (src/transport names: tcp, quic, http, websocket); TCP always listens too. */
  listener: string;
  username: string;
  password: string;
  /** Extra environment (e.g. IGGY_LOG_LEVEL). */
  env?: Record<string, string>;
}

/** Every listener on port 0 (the server logs the ports it bound); only TCP and the one under test enabled. */
function serverEnv(options: ServerProcessOptions, dataDir: string): Record<string, string> {
  const listener = (name: string) => ({
    [`IGGY_${name.toUpperCase()}_ENABLED`]: String(name === 'tcp' || name === options.listener),
    [`IGGY_${name.toUpperCase()}_ADDRESS`]: '127.0.0.1:0',
  });
  return {
    IGGY_SYSTEM_PATH: dataDir,
    ...listener('tcp'),
    ...listener('quic'),
    ...listener('http'),
    ...listener('websocket'),
    IGGY_ROOT_USERNAME: options.username,
    IGGY_ROOT_PASSWORD: options.password,
    IGGY_SYSTEM_CORE: options.core,
    // main.ts prefers IGGY_CORE over the config key: set both so neither disagrees.
    IGGY_CORE: options.core,
    // Info logs the start-up line naming the loaded core; the serving path logs no per-message lines.
    IGGY_LOG_LEVEL: 'info',
    ...options.env,
  };
}

/** The core named in the server's start-up log line (`core: 'wasm'`), if any. */
export function reportedCore(output: string): string | undefined {
  return /core: '(\w+)'/.exec(output)?.[1];
}

/** Starts `node dist/src/main.js` on a temp data dir; stop() kills it and removes the dir. */
export async function startServerProcess(options: ServerProcessOptions): Promise<StartedProcess> {
  const entry = serverEntryPath();
  if (!existsSync(entry)) throw new Error(`${entry} not found: build first (npm run build)`);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'iggy-ts-bench-'));
  const child = spawn(process.execPath, [entry], {
    env: { ...process.env, ...serverEnv(options, dataDir) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = collectOutput(child);
  const stop = async () => {
    await stopChild(child);
    await rm(dataDir, { recursive: true, force: true });
  };
  let listeners: Record<string, Address>;
  try {
    listeners = await waitForListening(child, options.listener, output, 30_000);
  } catch (error) {
    await stop();
    throw error;
  }
  // The core is named in the start-up line, logged just before the listening lines.
  const core = reportedCore(output());
  return { address: listeners.tcp ?? listeners[options.listener]!, listeners, pid: child.pid ?? -1, ...(core === undefined ? {} : { core }), output, stop };
}

/**
 * Starts our server inside the bench process (same event loop as the bench's
 * main thread; actors are still worker threads). Imported lazily so a bench
 * against another server never loads ours.
 */
export async function startServerInProcess(options: ServerProcessOptions): Promise<StartedProcess> {
  const [{ loadConfig }, { loadCore }, { startServer }] = await Promise.all([
    import('../src/config/config.js'),
    import('../src/core/load.js'),
    import('../src/app.js'),
  ]);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'iggy-ts-bench-'));
  try {
    const env = serverEnv(options, dataDir);
    delete env.IGGY_LOG_LEVEL;
    const config = loadConfig({ env });
    const core = await loadCore(options.core);
    const server = await startServer(config, { core });
    const listeners = Object.fromEntries(server.transports.map((t) => [t.name, { host: '127.0.0.1', port: t.port }]));
    if (listeners[options.listener] === undefined) throw new Error(`the in-process server has no ${options.listener} listener`);
    return {
      address: listeners.tcp ?? listeners[options.listener]!,
      listeners,
      pid: process.pid,
      core: core.kind,
      output: () => '',
      async stop() {
        await server.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** Starts the ceiling sink child on a temp file; stop() ends it and removes the file. */
export async function startCeilingProcess(options: { retainForPolls: boolean } = { retainForPolls: true }): Promise<StartedProcess> {
  const entry = ceilingEntryPath();
  if (!existsSync(entry)) throw new Error(`${entry} not found: build first (npm run build)`);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'iggy-ts-ceiling-'));
  const argv = [entry, path.join(dir, 'frames.log'), ...(options.retainForPolls ? [] : ['--no-retain'])];
  const child = spawn(process.execPath, [...(process.env.IGGY_BENCH_CEILING_NODE_FLAGS?.split(' ').filter(Boolean) ?? []), ...argv], { stdio: ['pipe', 'pipe', 'pipe'] });
  const output = collectOutput(child);
  const stop = async () => {
    child.stdin?.end();
    await stopChild(child);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let text = '';
      const onData = (chunk: Buffer) => {
        text += chunk.toString('utf8');
        const line = text.split('\n')[0];
        if (text.includes('\n') && line !== undefined) {
          child.stdout?.off('data', onData);
          try {
            resolve((JSON.parse(line) as { port: number }).port);
          } catch {
            reject(new Error(`ceiling sink said: ${line}`));
          }
        }
      };
      child.stdout?.on('data', onData);
      child.once('exit', (code) => reject(new Error(`ceiling sink exited (${code}):\n${output()}`)));
    });
    const address = { host: '127.0.0.1', port };
    return { address, listeners: { tcp: address }, pid: child.pid ?? -1, output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
