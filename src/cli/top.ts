// `iggy top`: a live view redrawn every second: streams -> topics ->
// partitions with message counts and sizes, send/poll throughput from the
// deltas of GetStats' written/read bytes and message count between two
// frames, and the connected clients. q (or Ctrl-C) quits; `-i N` stops after
// N frames, for scripts and tests.
import type { IggyClient } from '../../sdk/client.js';
import type { Stats } from '../../src/protocol/records/stats.js';
import { clientRow } from './commands/system.js';
import type { CommandSpec } from './commands/types.js';
import { formatError } from './errors.js';
import type { Io } from './run.js';
import type { CliSession } from './session.js';
import { formatBytes, parseU32 } from './values.js';

const CLEAR = '\x1b[2J\x1b[H';
const pad = (value: unknown, width: number): string => String(value).padStart(width);

interface Sample {
  stats: Stats;
  atMs: number;
}

function rates(previous: Sample | null, current: Sample): string {
  if (previous === null) return 'send -  poll -  (rates from the next frame)';
  const seconds = Math.max((current.atMs - previous.atMs) / 1000, 0.001);
  const per = (a: bigint, b: bigint): number => Number(a - b) / seconds;
  const messages = per(current.stats.messagesCount, previous.stats.messagesCount);
  const written = per(current.stats.writtenBytes, previous.stats.writtenBytes);
  const read = per(current.stats.readBytes, previous.stats.readBytes);
  return `send ${messages.toFixed(1)} msg/s ${formatBytes(BigInt(Math.round(written)))}/s  poll ${formatBytes(BigInt(Math.round(read)))}/s`;
}

async function treeLines(client: IggyClient): Promise<string[]> {
  const lines = [`${'STREAM / TOPIC / PARTITION'.padEnd(40)} ${pad('MESSAGES', 12)} ${pad('SIZE', 12)}`];
  const streams = [...(await client.streams.list())].sort((a, b) => a.id - b.id);
  for (const stream of streams) {
    lines.push(`${`${stream.name} (${stream.id})`.padEnd(40)} ${pad(stream.messagesCount, 12)} ${pad(formatBytes(stream.sizeBytes), 12)}`);
    const topics = [...(await client.topics.list(stream.id))].sort((a, b) => a.id - b.id);
    for (const topic of topics) {
      lines.push(`${`  ${topic.name} (${topic.id})`.padEnd(40)} ${pad(topic.messagesCount, 12)} ${pad(formatBytes(topic.sizeBytes), 12)}`);
      const details = await client.topics.get(stream.id, topic.id);
      for (const p of details?.partitions ?? []) {
        lines.push(`${`    partition ${p.id}`.padEnd(40)} ${pad(p.messagesCount, 12)} ${pad(formatBytes(p.sizeBytes), 12)}`);
      }
    }
  }
  if (streams.length === 0) lines.push('  (no streams)');
  return lines;
}

export async function topFrame(client: IggyClient, previous: Sample | null, address: string): Promise<{ frame: string; sample: Sample }> {
  const sample = { stats: await client.system.stats(), atMs: Date.now() };
  const clients = await client.system.clients();
  const lines = [
    `iggy top  ${address}  ${new Date(sample.atMs).toISOString()}  (q quits)`,
    `${rates(previous, sample)}  messages ${sample.stats.messagesCount}  size ${formatBytes(sample.stats.messagesSizeBytes)}`,
    '',
    ...(await treeLines(client)),
    '',
    `CLIENTS (${clients.length})`,
    ...clients.map((c) => {
      const row = clientRow(c);
      return `  #${row.clientId} user ${row.userId ?? '-'} ${row.transport} ${row.address}`;
    }),
  ];
  return { frame: lines.join('\n'), sample };
}

/** Runs until q / Ctrl-C on a terminal, or for `frames` frames. */
export async function runTop(session: CliSession, io: Io, frames: number | undefined): Promise<boolean> {
  const client = await session.client();
  const address = session.target().address;
  const stdin = process.stdin;
  const interactive = stdin.isTTY === true && frames === undefined;
  let stop: () => void = () => {};
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const onKey = (key: Buffer): void => {
    if (key.includes(0x71) || key.includes(0x03)) stop(); // 'q' or Ctrl-C
  };
  // Inside the shell readline already has the terminal raw: give it back as found.
  const wasRaw = stdin.isRaw === true;
  if (interactive) {
    stdin.setRawMode(true);
    stdin.on('data', onKey);
    stdin.resume();
  }
  let previous: Sample | null = null;
  let shown = 0;
  let ok = true;
  try {
    while (frames === undefined || shown < frames) {
      try {
        const { frame, sample } = await topFrame(client, previous, address);
        previous = sample;
        io.out(`${interactive ? CLEAR : ''}${frame}`);
      } catch (error) {
        io.err(formatError(error, 'top'));
        ok = false;
        break;
      }
      shown++;
      if (frames !== undefined && shown >= frames) break;
      const tick = new Promise<void>((resolve) => setTimeout(resolve, 1000));
      if ((await Promise.race([tick.then(() => 'tick'), stopped.then(() => 'stop')])) === 'stop') break;
    }
  } finally {
    if (interactive) {
      stdin.off('data', onKey);
      stdin.setRawMode(wasRaw);
      if (!wasRaw) stdin.pause();
    }
  }
  return ok;
}

export const topCommand: CommandSpec = {
  name: 'top', summary: 'live view: streams, topics, partitions, throughput, clients (q quits)',
  options: [{ long: 'iterations', short: 'i', kind: 'value' }],
  async run(cx, args) {
    const frames = args.opt.iterations === undefined ? undefined : parseU32(String(args.opt.iterations), 'iterations', 1);
    const ok = await runTop(cx.session, { out: cx.print, err: (line) => process.stderr.write(`${line}\n`) }, frames);
    if (!ok) process.exitCode = 1;
    return { kind: 'none' };
  },
};
