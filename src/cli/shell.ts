// The interactive shell (`iggy`, `iggy shell`): Iggy subcommands and the
// seed's pipe syntax, one per line, over one connection. On a terminal:
// node:readline line editing, history kept in the config dir across runs,
// tab completion of commands and of the server's stream and topic names.
// With stdin not a terminal it runs each line in order, printing every
// result, and reports whether all succeeded (the caller exits non-zero).
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { COMMANDS, helpText } from './commands/index.js';
import { isGroup, matches } from './commands/types.js';
import { type Io, runLine } from './run.js';
import { SEED_COMMANDS } from './seed.js';
import type { CliSession } from './session.js';

const HISTORY_MAX = 1000;
const BUILTINS = ['help', 'exit', 'quit', 'top'];

/** Lines to run; blank ones and `#` comments are skipped. */
const isCommand = (line: string): boolean => line.trim() !== '' && !line.trim().startsWith('#');

export async function runScript(session: CliSession, input: NodeJS.ReadableStream, io: Io): Promise<boolean> {
  let ok = true;
  const lines = readline.createInterface({ input, crlfDelay: Infinity, terminal: false });
  for await (const line of lines) {
    if (!isCommand(line)) continue;
    if (line.trim() === 'exit' || line.trim() === 'quit') break;
    if (!(await runLine(session, line, io))) ok = false;
  }
  return ok;
}

function loadHistory(file: string): string[] {
  if (!existsSync(file)) return [];
  const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l !== '');
  const kept = lines.slice(-HISTORY_MAX);
  // Lines are appended as typed; cut the file back now and then so it stays small.
  if (lines.length > 2 * HISTORY_MAX) writeFileSync(file, `${kept.join('\n')}\n`, { mode: 0o600 });
  // The file is oldest first; readline wants newest first.
  return kept.reverse();
}

function saveHistoryLine(file: string, line: string): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  appendFileSync(file, `${line.replace(/\n/g, ' ')}\n`, { mode: 0o600 });
}

/** Stream and topic names for completion, fetched once per prompt at most. */
async function serverNames(session: CliSession): Promise<string[]> {
  try {
    const client = await session.client();
    const streams = await client.streams.list();
    const names = streams.map((s) => s.name);
    for (const stream of streams) {
      const details = await client.streams.get(stream.id);
      for (const topic of details?.topics ?? []) names.push(topic.name);
    }
    return [...new Set(names)];
  } catch {
    return []; // completion must never print an error into the prompt
  }
}

export async function completeLine(session: CliSession, line: string): Promise<[string[], string]> {
  const words = line.split(/\s+/);
  const last = words.at(-1) ?? '';
  let candidates: string[];
  if (words.length <= 1) {
    candidates = [...COMMANDS.map((c) => c.name), ...SEED_COMMANDS, ...BUILTINS];
  } else if (words.length === 2) {
    const group = COMMANDS.find((c) => matches(c, words[0]!));
    candidates = group !== undefined && isGroup(group) ? group.actions.map((a) => a.name) : await serverNames(session);
  } else {
    candidates = await serverNames(session);
  }
  const hits = candidates.filter((c) => c.startsWith(last));
  return [hits.length > 0 ? hits : [], last];
}

export function runInteractive(session: CliSession, io: Io, runTop: () => Promise<void>): Promise<boolean> {
  const historyFile = session.config.historyFile;
  const rl = readline.createInterface({
    input: process.stdin,
    output: process.stdout,
    terminal: true,
    prompt: 'iggy> ',
    history: loadHistory(historyFile),
    historySize: HISTORY_MAX,
    removeHistoryDuplicates: true,
    completer: (line: string, callback: (error: null, result: [string[], string]) => void) => {
      void completeLine(session, line).then((result) => callback(null, result));
    },
  } as readline.ReadLineOptions);
  io.out('iggy shell: Iggy subcommands or the seed syntax (stream.create|1|dev); help, exit');
  // Errors were shown as they happened; leaving the shell itself succeeds, as a login shell's exit does.
  return new Promise((resolve) => {
    let busy = Promise.resolve();
    rl.on('line', (line) => {
      busy = busy.then(async () => {
        const trimmed = line.trim();
        if (isCommand(trimmed)) saveHistoryLine(historyFile, trimmed);
        if (trimmed === 'exit' || trimmed === 'quit') return void rl.close();
        rl.pause();
        if (trimmed === 'help') io.out(helpText());
        else if (trimmed === 'top') {
          await runTop();
          // readline also saw the keys typed while top ran (the q): drop them.
          rl.write(null, { ctrl: true, name: 'u' });
        }
        else if (isCommand(trimmed)) await runLine(session, trimmed, io);
        rl.resume();
        rl.prompt();
      });
    });
    rl.on('close', () => void busy.then(() => resolve(true)));
    rl.prompt();
  });
}
