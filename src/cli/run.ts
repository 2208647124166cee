// Runs one command, given as words (argv or a shell line) or as a seed
// line, against a CliSession, printing its rendered Output or one error
// line. Returns whether it succeeded; the caller picks the exit code.
import { IggyError } from '../../src/errors/iggy_error.js';
import { type OptionValues, parseCommandArgs, parseGlobals, splitWords } from './argv.js';
import { resolveCommand } from './commands/index.js';
import { bindArgs, type CommandContext } from './commands/types.js';
import { formatError } from './errors.js';
import { outputModeOf, render, type Output } from './output.js';
import { isSeedLine, runSeedLine } from './seed.js';
import type { CliSession } from './session.js';

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/** Options that change how a result is shown; the connection ones are fixed when the session opens. */
function modeOf(globals: OptionValues, local: OptionValues) {
  return outputModeOf(local['list-mode'] ?? globals.output);
}

function show(io: Io, output: Output, globals: OptionValues, mode: ReturnType<typeof outputModeOf>): void {
  if (globals.quiet === true && output.kind === 'text') return;
  const rendered = render(output, mode);
  if (rendered !== null) io.out(rendered);
}

/** Flags a shell line may set for itself; the others pick the connection, fixed when the shell starts. */
const PER_LINE_GLOBALS = new Set(['output', 'quiet']);

/** `words` after the global options: a command path and its arguments. */
export async function runWords(session: CliSession, words: readonly string[], io: Io, lineGlobals: OptionValues = {}): Promise<boolean> {
  const asked = words.join(' ');
  try {
    if (words.length === 1 && isSeedLine(words[0]!)) return await runSeed(session, words[0]!, io, lineGlobals);
    const { spec, path, rest } = resolveCommand(words);
    const globals: OptionValues = { ...session.globals, ...lineGlobals };
    const { options, positionals } = parseCommandArgs(rest, spec.options ?? [], globals);
    const args = bindArgs(spec, path, positionals, options);
    const mode = modeOf(globals, options);
    const cx: CommandContext = { session, client: () => session.client(), mode, print: (line) => io.out(line) };
    show(io, await spec.run(cx, args), globals, mode);
    return true;
  } catch (error) {
    io.err(formatError(error, asked));
    return false;
  }
}

export async function runSeed(session: CliSession, line: string, io: Io, lineGlobals: OptionValues = {}): Promise<boolean> {
  try {
    const globals = { ...session.globals, ...lineGlobals };
    show(io, await runSeedLine(await session.client(), line), globals, outputModeOf(globals.output));
    return true;
  } catch (error) {
    io.err(formatError(error, line.trim()));
    return false;
  }
}

/** A shell line: seed syntax (it may hold spaces, e.g. a payload) or words. */
export async function runLine(session: CliSession, line: string, io: Io): Promise<boolean> {
  const trimmed = line.trim();
  if (isSeedLine(trimmed)) return runSeed(session, trimmed, io);
  let words: string[];
  try {
    words = splitWords(trimmed);
  } catch (error) {
    io.err(formatError(error, trimmed));
    return false;
  }
  if (words[0] === 'iggy') words = words.slice(1);
  let lineGlobals: OptionValues;
  try {
    ({ globals: lineGlobals, rest: words } = parseGlobals(words));
    const fixed = Object.keys(lineGlobals).filter((k) => !PER_LINE_GLOBALS.has(k));
    if (fixed.length > 0) throw IggyError.of('InvalidCommand', `--${fixed[0]} picks the connection: give it when starting iggy, not per shell line`);
    if (words.length === 0) throw IggyError.of('InvalidCommand', 'empty command');
  } catch (error) {
    io.err(formatError(error, trimmed));
    return false;
  }
  return runWords(session, words, io, lineGlobals);
}
