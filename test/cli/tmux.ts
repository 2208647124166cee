// A real pseudo-terminal for the CLI's interactive tests: one tmux server
// on a private socket (-L) per test, so tests never see each other's
// sessions or the user's, killed by `close()` in afterEach.
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Whether tmux can run here. CI installs it (.ci/run) and must not skip the
 * terminal tests, so there a missing tmux fails them; a developer's machine
 * without it skips them with one line saying so.
 */
export const TMUX_PRESENT = spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0;
export const TERMINAL_TESTS = TMUX_PRESENT || process.env['CI'] === 'true';
if (!TERMINAL_TESTS) console.warn('tmux not found: the CLI\'s terminal tests are skipped (apt-get install tmux to run them)');
let counter = 0;

export interface Tmux {
  /** Starts `command` (argv) in a detached 120x40 session with `env`. */
  start(command: string[], env: Record<string, string>): Promise<void>;
  /** Types text literally (no key names). */
  type(text: string): Promise<void>;
  /** Presses tmux keys: 'Enter', 'Tab', 'Up', 'q'. */
  press(...keys: string[]): Promise<void>;
  screen(): Promise<string>;
  /** Waits until the screen matches (or throws with the last screen). */
  waitFor(pattern: RegExp | string, timeoutMs?: number): Promise<string>;
  /** Waits until the program in the session has exited. */
  waitForExit(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const quote = (word: string): string => `'${word.replace(/'/g, `'\\''`)}'`;

export function tmux(): Tmux {
  const socket = `iggy-cli-test-${process.pid}-${++counter}`;
  const tmuxCmd = (...args: string[]) => run('tmux', ['-L', socket, '-f', '/dev/null', ...args]);
  const alive = async (): Promise<boolean> => {
    try {
      return (await tmuxCmd('display-message', '-p', '-t', 'cli', '#{pane_dead}')).stdout.trim() !== '1';
    } catch {
      return false;
    }
  };
  const self: Tmux = {
    async start(command, env) {
      await tmuxCmd('kill-session', '-t', 'cli').catch(() => undefined);
      const assignments = Object.entries(env).map(([k, v]) => `${k}=${quote(v)}`);
      const line = ['env', ...assignments, ...command.map(quote)].join(' ');
      // remain-on-exit keeps the last screen readable after the program ends.
      await tmuxCmd('new-session', '-d', '-s', 'cli', '-x', '120', '-y', '40', line, ';', 'set-option', '-t', 'cli', 'remain-on-exit', 'on');
    },
    async type(text) {
      await tmuxCmd('send-keys', '-t', 'cli', '-l', text);
    },
    async press(...keys) {
      await tmuxCmd('send-keys', '-t', 'cli', ...keys);
    },
    async screen() {
      return (await tmuxCmd('capture-pane', '-p', '-t', 'cli')).stdout;
    },
    async waitFor(pattern, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      let last = '';
      while (Date.now() < deadline) {
        last = await self.screen().catch(() => last);
        if (typeof pattern === 'string' ? last.includes(pattern) : pattern.test(last)) return last;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`screen never showed ${String(pattern)}; last screen:\n${last}`);
    },
    async waitForExit(timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (!(await alive())) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`the program did not exit; last screen:\n${await self.screen()}`);
    },
    async close() {
      await tmuxCmd('kill-server').catch(() => undefined);
    },
  };
  return self;
}
