// Child processes the bench starts and always stops: our server (a temp data
// dir, a free port, TCP only, a chosen core) and the ceiling sink. Each runs
// on its own event loop and cores, apart from the bench's actors.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServerCore } from './args.js';
import type { Address } from './wire/connection.js';

export interface StartedProcess {
  readonly address: Address;
  readonly pid: number;
  /** The core the server reports it loaded (from its start-up log), when known. */
  readonly core?: string;
  /** Last lines of the child's output, for error reports. */
  output(): string;
  stop(): Promise<void>;
}

export function serverEntryPath(): string {
  return fileURLToPath(new URL('../src/main.js', import.meta.url));
}

export function ceilingEntryPath(): string {
  return fileURLToPath(new URL('./ceiling_main.js', import.meta.url));
}

/** A port free right now on 127.0.0.1 (the server takes its address from the environment). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
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

/** Resolves once a TCP connection to the address succeeds; rejects if the child exits or time runs out. */
async function waitForListener(address: Address, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`server exited (${child.exitCode ?? child.signalCode}) before listening:\n${output()}`);
    }
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(address.port, address.host);
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`server not listening on ${address.host}:${address.port} after ${timeoutMs} ms:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface ServerProcessOptions {
  core: ServerCore;
  username: string;
  password: string;
  /** Extra environment (e.g. IGGY_LOG_LEVEL). */
  env?: Record<string, string>;
}

function serverEnv(options: ServerProcessOptions, dataDir: string, port: number): Record<string, string> {
  return {
    IGGY_SYSTEM_PATH: dataDir,
    IGGY_TCP_ADDRESS: `127.0.0.1:${port}`,
    IGGY_ROOT_USERNAME: options.username,
    IGGY_ROOT_PASSWORD: options.password,
    IGGY_QUIC_ENABLED: 'false',
    IGGY_HTTP_ENABLED: 'false',
    IGGY_WEBSOCKET_ENABLED: 'false',
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
  const port = await freePort();
  const address = { host: '127.0.0.1', port };
  const child = spawn(process.execPath, [entry], {
    env: { ...process.env, ...serverEnv(options, dataDir, port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = collectOutput(child);
  const stop = async () => {
    await stopChild(child);
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForListener(address, child, output, 30_000);
  } catch (error) {
    await stop();
    throw error;
  }
  // The start-up line follows the listener by a moment; wait briefly for it.
  for (let i = 0; i < 20 && reportedCore(output()) === undefined; i++) await new Promise((resolve) => setTimeout(resolve, 50));
  const core = reportedCore(output());
  return { address, pid: child.pid ?? -1, ...(core === undefined ? {} : { core }), output, stop };
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
    const env = serverEnv(options, dataDir, 0);
    delete env.IGGY_LOG_LEVEL;
    const config = loadConfig({ env });
    const core = await loadCore(options.core);
    const server = await startServer(config, { core });
    const tcp = server.tcpAddress;
    if (tcp === null) throw new Error('the in-process server has no TCP listener');
    return {
      address: { host: '127.0.0.1', port: tcp.port },
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
    return { address: { host: '127.0.0.1', port }, pid: child.pid ?? -1, output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
