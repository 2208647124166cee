// Headless Chromium for the browser tests: Debian's /usr/bin/chromium driven
// by playwright-core, on a fresh profile dir. The flags keep it off the
// network it cannot reach here (background networking, component updates,
// sync) and off QUIC. close() never hangs and never leaves a process behind:
// when a graceful close takes too long, every process started on this
// profile dir (found by its --user-data-dir, so nothing else is touched) is
// killed by its pid.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const LAUNCH_TIMEOUT_MS = 30_000;
const CLOSE_TIMEOUT_MS = 10_000;

export interface Chromium {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** Whether the browser tests can run: Chromium is installed (under CI it must be). */
export function chromiumInstalled(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export async function launchChromium(): Promise<Chromium> {
  const profileDir = await mkdtemp(path.join(os.tmpdir(), 'iggy-ts-chromium-'));
  let context: BrowserContext;
  try {
    // Playwright takes the profile dir as a parameter and passes it on as
    // --user-data-dir itself (it refuses that flag in args).
    context = await chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM_PATH, headless: true, args: FLAGS, timeout: LAUNCH_TIMEOUT_MS });
  } catch (error) {
    killProfileProcesses(profileDir);
    await rm(profileDir, { recursive: true, force: true });
    throw error;
  }
  return {
    context,
    async close() {
      const closed = context.close().then(() => true, () => false);
      const timedOut = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), CLOSE_TIMEOUT_MS).unref());
      if (!(await Promise.race([closed, timedOut]))) killProfileProcesses(profileDir);
      killProfileProcesses(profileDir); // a graceful close may leave a helper behind
      await rm(profileDir, { recursive: true, force: true });
    },
  };
}

/** SIGKILLs each process whose command line names `profileDir` (Linux /proc). */
function killProfileProcesses(profileDir: string): void {
  const flag = `--user-data-dir=${profileDir}`;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let args: string[];
    try {
      args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // exited meanwhile
    }
    if (!args.includes(flag)) continue;
    try {
      process.kill(Number(entry), 'SIGKILL');
    } catch {
      // exited meanwhile
    }
  }
}
