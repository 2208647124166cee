// message (m): send (s), poll (p), flush (f), with Iggy 0.8's arguments:
// send <stream> <topic> [messages...] (-p partition | -m key, -H headers,
// --input-file; no messages = one message from stdin), poll <stream>
// <topic> <partition> (-o offset | -f first | -l last | -n next, -m count,
// -a auto-commit, -c consumer, -s headers, --output-file), flush with -f fsync.
import { readFileSync, writeFileSync } from 'node:fs';
import { Consumers, Partitionings, PollingStrategies } from '../../../sdk/client.js';
import type { SendMessage } from '../../../sdk/values.js';
import { IggyError } from '../../../src/errors/iggy_error.js';
import type { PolledMessage, UserHeader } from '../../../src/protocol/types.js';
import { headerValue, headerValueToJs } from '../../../src/protocol/user_headers.js';
import { rows, text, type Row } from '../output.js';
import { parseId, parseU32, parseU64 } from '../values.js';
import { decodeMessageFile, encodeMessageFile } from './message_file.js';
import { type CommandArgs, type CommandGroup, need } from './types.js';

const DECODER = new TextDecoder();

function parseHeader(spec: string): UserHeader {
  const [key, kind, ...valueParts] = spec.split(':');
  const value = valueParts.join(':');
  if (key === undefined || kind === undefined || valueParts.length === 0) {
    throw IggyError.of('InvalidFormat', `header "${spec}" is not key:kind:value`);
  }
  const k = kind.toLowerCase();
  const num = (): number => {
    const n = Number(value);
    if (value === '' || Number.isNaN(n)) throw IggyError.of('InvalidNumberValue', `header ${key}: ${value} is not a number`);
    return n;
  };
  const build: Record<string, () => ReturnType<typeof headerValue.raw>> = {
    raw: () => headerValue.raw(new TextEncoder().encode(value)),
    string: () => headerValue.string(value),
    bool: () => {
      if (value !== 'true' && value !== 'false') throw IggyError.of('InvalidBooleanValue', `header ${key}: ${value}`);
      return headerValue.bool(value === 'true');
    },
    int8: () => headerValue.int8(num()), int16: () => headerValue.int16(num()), int32: () => headerValue.int32(num()),
    int64: () => headerValue.int64(BigInt(value)), uint8: () => headerValue.uint8(num()), uint16: () => headerValue.uint16(num()),
    uint32: () => headerValue.uint32(num()), uint64: () => headerValue.uint64(BigInt(value)),
    float32: () => headerValue.float32(num()), float64: () => headerValue.float64(num()),
  };
  const make = build[k];
  if (make === undefined) throw IggyError.of('InvalidFormat', `header ${key}: unknown kind ${kind}`);
  return { key: headerValue.string(key), value: make() };
}

function headersText(headers: readonly UserHeader[]): string {
  return headers
    .map((h) => {
      const value = headerValueToJs(h.value);
      return `${DECODER.decode(h.key.value)}=${value instanceof Uint8Array ? Buffer.from(value).toString('hex') : String(value)}`;
    })
    .join(' ');
}

function partitioningOf(args: CommandArgs) {
  if (args.opt['partition-id'] !== undefined) return Partitionings.partitionId(parseU32(String(args.opt['partition-id']), 'partition id'));
  if (args.opt['message-key'] !== undefined) return Partitionings.messagesKey(String(args.opt['message-key']));
  return Partitionings.balanced();
}

function messagesToSend(args: CommandArgs, inShell: boolean): SendMessage[] {
  const headers = ((args.opt.headers as string[] | undefined) ?? []).flatMap((h) => h.split(',')).map(parseHeader);
  const withHeaders = (m: SendMessage): SendMessage => (headers.length === 0 ? m : { ...m, headers: [...(m.headers ?? []), ...headers] });
  const inputFile = args.opt['input-file'];
  if (typeof inputFile === 'string') {
    if (args.rest.length > 0) throw IggyError.of('InvalidCommand', 'give messages or --input-file, not both');
    return decodeMessageFile(readFileSync(inputFile), inputFile).map(withHeaders);
  }
  if (args.rest.length === 0 && inShell) {
    throw IggyError.of('InvalidCommand', 'give the messages or --input-file: in the shell, stdin holds the commands');
  }
  // As Iggy's CLI: no messages given, stdin is the one message.
  const texts = args.rest.length > 0 ? args.rest : [readFileSync(0, 'utf8')];
  return texts.map((payload) => withHeaders({ payload }));
}

function strategyOf(args: CommandArgs) {
  const chosen = ['offset', 'first', 'last', 'next'].filter((k) => args.opt[k] !== undefined);
  if (chosen.length !== 1) throw IggyError.of('InvalidCommand', 'give exactly one of -o/--offset <n>, -f/--first, -l/--last, -n/--next');
  if (args.opt.offset !== undefined) return PollingStrategies.offset(parseU64(String(args.opt.offset), 'offset'));
  if (args.opt.first) return PollingStrategies.first();
  if (args.opt.last) return PollingStrategies.last();
  return PollingStrategies.next();
}

export function polledRow(m: PolledMessage, showHeaders: boolean): Row {
  const row: Row = {
    offset: m.header.offset,
    timestamp: m.header.timestamp,
    id: m.header.id,
    length: m.payload.length,
    payload: DECODER.decode(m.payload),
  };
  if (showHeaders) row.headers = headersText(m.userHeaders);
  return row;
}

export const messageCommands: CommandGroup = {
  name: 'message',
  aliases: ['m'],
  summary: 'messages: send, poll, flush',
  actions: [
    {
      name: 'send', aliases: ['s'], summary: 'send messages to a topic', args: ['stream_id', 'topic_id', 'messages...'],
      options: [
        { long: 'partition-id', short: 'p', kind: 'value' },
        { long: 'message-key', short: 'm', kind: 'value' },
        { long: 'headers', short: 'H', kind: 'value', repeat: true },
        { long: 'input-file', kind: 'value' },
      ],
      async run(cx, args) {
        const messages = messagesToSend(args, cx.session.inShell);
        const client = await cx.client();
        await client.messages.send(parseId(need(args, 'stream_id'), 'stream id'), parseId(need(args, 'topic_id'), 'topic id'), messages, partitioningOf(args));
        return text(`Sent ${messages.length} message(s) to topic ${need(args, 'topic_id')} in stream ${need(args, 'stream_id')}`, { sent: messages.length });
      },
    },
    {
      name: 'poll', aliases: ['p'], summary: 'poll messages from a partition', args: ['stream_id', 'topic_id', 'partition_id'],
      options: [
        { long: 'message-count', short: 'm', kind: 'value' },
        { long: 'auto-commit', short: 'a', kind: 'flag' },
        { long: 'offset', short: 'o', kind: 'value' },
        { long: 'first', short: 'f', kind: 'flag' },
        { long: 'last', short: 'l', kind: 'flag' },
        { long: 'next', short: 'n', kind: 'flag' },
        { long: 'consumer', short: 'c', kind: 'value' },
        { long: 'show-headers', short: 's', kind: 'flag' },
        { long: 'output-file', kind: 'value' },
      ],
      async run(cx, args) {
        const count = args.opt['message-count'] === undefined ? 1 : parseU32(String(args.opt['message-count']), 'message count', 1);
        const consumer = Consumers.single(parseId(String(args.opt.consumer ?? '0'), 'consumer'));
        const client = await cx.client();
        const polled = await client.messages.poll(parseId(need(args, 'stream_id'), 'stream id'), parseId(need(args, 'topic_id'), 'topic id'), {
          consumer,
          partitionId: parseU32(args.pos.partition_id, 'partition id'),
          strategy: strategyOf(args),
          count,
          autoCommit: args.opt['auto-commit'] === true,
        });
        const outputFile = args.opt['output-file'];
        if (typeof outputFile === 'string') {
          const bytes = encodeMessageFile(polled.messages);
          writeFileSync(outputFile, bytes);
          return text(`Stored ${polled.messages.length} message(s), ${bytes.length} bytes, to ${outputFile}`, { stored: polled.messages.length, bytes: bytes.length });
        }
        return rows(polled.messages.map((m) => polledRow(m, args.opt['show-headers'] === true)));
      },
    },
    {
      name: 'flush', aliases: ['f'], summary: 'write a partition\'s unsaved messages to disk', args: ['stream_id', 'topic_id', 'partition_id'],
      options: [{ long: 'fsync', short: 'f', kind: 'flag' }],
      async run(cx, args) {
        const partitionId = parseU32(args.pos.partition_id, 'partition id');
        await (await cx.client()).messages.flush(parseId(need(args, 'stream_id'), 'stream id'), parseId(need(args, 'topic_id'), 'topic id'), partitionId, args.opt.fsync === true);
        return text(`Flushed partition ${partitionId} of topic ${need(args, 'topic_id')} in stream ${need(args, 'stream_id')}`);
      },
    },
  ],
};
