// Child-process entry of the ceiling sink: `node dist/bench/ceiling_main.js <file> [--no-retain]`
// (--no-retain: a send-only workload, keep nothing in memory for polls).
// Prints one JSON line {"port": n} once listening; stops on SIGTERM or when
// stdin closes (so it never outlives the bench), printing its counters.
import { startCeilingSink } from './ceiling_sink.js';

const file = process.argv[2];
if (file === undefined) {
  process.stderr.write('usage: ceiling_main.js <file>\n');
  process.exit(2);
}
const sink = await startCeilingSink({ file, retainForPolls: !process.argv.includes('--no-retain') });
process.stdout.write(JSON.stringify({ port: sink.port }) + '\n');
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await sink.close();
  process.stdout.write(JSON.stringify({ stats: sink.stats }) + '\n');
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.stdin.on('end', () => void stop());
process.stdin.on('close', () => void stop());
process.stdin.resume();
