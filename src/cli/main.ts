#!/usr/bin/env node
// `iggy`: Iggy 0.8's command-line client on the iggy-ts SDK. With a command
// it runs it and exits (0 on success, 1 on an error printed as one line);
// with none it is the shell: interactive on a terminal, else reading
// commands from stdin line by line. See README.md, section CLI.
import { parseGlobals } from './argv.js';
import { helpText } from './commands/index.js';
import { completionScript } from './completion.js';
import { formatError } from './errors.js';
import { processIo, runWords } from './run.js';
import { CliSession } from './session.js';
import { runInteractive, runScript } from './shell.js';
import { runTop } from './top.js';

const VERSION = '0.1.0';

async function main(argv: string[]): Promise<number> {
  const io = processIo;
  let parsed: ReturnType<typeof parseGlobals>;
  try {
    parsed = parseGlobals(argv);
  } catch (error) {
    io.err(formatError(error, argv.join(' ')));
    return 1;
  }
  const { globals, rest } = parsed;
  if (globals.version === true) return io.out(`iggy ${VERSION}`), 0;
  if (globals.help === true || rest[0] === 'help') return io.out(helpText()), 0;
  if (typeof globals.generate === 'string') {
    try {
      io.out(completionScript(globals.generate));
      return 0;
    } catch (error) {
      io.err(formatError(error, `--generate ${globals.generate}`));
      return 1;
    }
  }
  const session = new CliSession(globals);
  try {
    if (rest.length === 0 || (rest.length === 1 && rest[0] === 'shell')) {
      session.inShell = true;
      if (process.stdin.isTTY) await session.ensurePassword();
      const ok = process.stdin.isTTY
        ? await runInteractive(session, io, async () => void (await runTop(session, io, undefined)))
        : await runScript(session, process.stdin, io);
      return ok ? 0 : 1;
    }
    return (await runWords(session, rest, io)) && process.exitCode !== 1 ? 0 : 1;
  } finally {
    await session.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Only a bug gets here (commands report their own errors); still one line.
    process.stderr.write(`${formatError(error, process.argv.slice(2).join(' '))}\n`);
    process.exitCode = 1;
  },
);
