// Entry of the bench app: `npm run build && npm run bench -- <args>`
// (node dist/bench/main.js). See bench/args.ts for the options.
import { ArgsError, parseArgs, USAGE } from './args.js';
import { formatSession } from './report.js';
import { liveProcesses, runSession, writeOutputs } from './session.js';

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (error instanceof ArgsError) {
      process.stderr.write(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  process.on('SIGINT', () => {
    process.stderr.write('\ninterrupted: stopping started processes\n');
    void Promise.allSettled([...liveProcesses].map((p) => p.stop())).then(() => process.exit(130));
  });
  const session = await runSession(args, { command: ['node dist/bench/main.js', ...argv].join(' ') });
  process.stdout.write(formatSession(session) + '\n');
  if (args.output !== undefined) {
    const written = await writeOutputs(session, args.output);
    process.stdout.write(`results: ${written.json}\nreport:  ${written.html}\n`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    // One line for the user; IGGY_BENCH_DEBUG=1 adds the stack.
    const detail = error instanceof Error ? (process.env.IGGY_BENCH_DEBUG === '1' ? (error.stack ?? error.message) : error.message) : String(error);
    process.stderr.write(`bench failed: ${detail}\n`);
    process.exit(1);
  },
);
