// Runs the built CLI (dist/src/cli/main.js) as a child process, the way a
// user does, with HOME and XDG_CONFIG_HOME in a temp dir so no test reads or
// writes the real user's contexts, credentials or history.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLI_MAIN = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliHome {
  readonly dir: string;
  readonly configDir: string;
  readonly env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

export function assertBuilt(): void {
  if (!existsSync(CLI_MAIN)) throw new Error('the CLI tests run the compiled build: run `npx tsc -p tsconfig.json` first');
}

export async function makeHome(): Promise<CliHome> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'iggy-cli-home-'));
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: dir, XDG_CONFIG_HOME: path.join(dir, '.config') };
  delete env.IGGY_USERNAME;
  delete env.IGGY_PASSWORD;
  return { dir, configDir: path.join(dir, '.config', 'iggy'), env, close: () => rm(dir, { recursive: true, force: true }) };
}

export function runCli(args: readonly string[], options: { env: NodeJS.ProcessEnv; input?: string | Uint8Array }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_MAIN, ...args], { env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** A CLI bound to one server and one home: `iggy(...args)` adds --tcp-server-address. */
export function cliFor(port: () => number, home: CliHome) {
  return (args: readonly string[], input?: string | Uint8Array) =>
    runCli(['--tcp-server-address', `127.0.0.1:${port()}`, ...args], { env: home.env, ...(input === undefined ? {} : { input }) });
}
