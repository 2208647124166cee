// stream (s), topic (t), partition (p) and segment (seg): Iggy 0.8's
// subcommands, arguments and visible aliases, each over one SDK call.
import { IggyError } from '../../../src/errors/iggy_error.js';
import { CompressionAlgorithm } from '../../../src/protocol/types.js';
import { record, rows, text, type Output } from '../output.js';
import { parseExpiryUs, parseId, parseSizeBytes, parseU32 } from '../values.js';
import { partitionRow, streamRow, topicRow } from './records.js';
import { type CommandArgs, type CommandGroup, LIST_MODE, need } from './types.js';

const id = (args: CommandArgs, name: string) => parseId(need(args, name), name.replace('_', ' '));

function compressionOf(text: string | undefined): CompressionAlgorithm {
  if (text === undefined || text === 'none') return CompressionAlgorithm.None;
  if (text === 'gzip') return CompressionAlgorithm.Gzip;
  throw IggyError.of('InvalidFormat', `compression must be none or gzip (got ${text})`);
}

/** Iggy 0.8 lets `-s/--stream-id` ask for an id; the server assigns them here, so a mismatch is an error, never ignored. */
function checkAssigned(kind: string, wanted: unknown, assigned: number): void {
  if (wanted === undefined) return;
  const asked = parseU32(String(wanted), `${kind} id`);
  if (asked !== assigned) {
    throw IggyError.of('InvalidCommand', `${kind} was created with id ${assigned}, not the requested ${asked} (the server assigns ids)`);
  }
}

function notFound(kind: 'StreamIdNotFound' | 'TopicIdNotFound', what: string): never {
  throw IggyError.of(kind, `${what} not found`);
}

export const streamCommands: CommandGroup = {
  name: 'stream',
  aliases: ['s'],
  summary: 'streams: create, delete, update, get, list, purge',
  actions: [
    {
      name: 'create', aliases: ['c'], summary: 'create a stream', args: ['name'],
      options: [{ long: 'stream-id', short: 's', kind: 'value' }],
      async run(cx, args): Promise<Output> {
        const stream = await (await cx.client()).streams.create(need(args, 'name'));
        checkAssigned('stream', args.opt['stream-id'], stream.id);
        return text(`Stream ${stream.name} created with ID ${stream.id}`, streamRow(stream));
      },
    },
    {
      name: 'delete', aliases: ['d'], summary: 'delete a stream', args: ['stream_id'],
      async run(cx, args) {
        await (await cx.client()).streams.delete(id(args, 'stream_id'));
        return text(`Stream ${need(args, 'stream_id')} deleted`);
      },
    },
    {
      name: 'update', aliases: ['u'], summary: 'rename a stream', args: ['stream_id', 'name'],
      async run(cx, args) {
        await (await cx.client()).streams.update(id(args, 'stream_id'), need(args, 'name'));
        return text(`Stream ${need(args, 'stream_id')} updated to name ${need(args, 'name')}`);
      },
    },
    {
      name: 'get', aliases: ['g'], summary: 'stream details', args: ['stream_id'],
      async run(cx, args) {
        const details = await (await cx.client()).streams.get(id(args, 'stream_id'));
        if (details === null) return notFound('StreamIdNotFound', `stream ${need(args, 'stream_id')}`);
        return record(streamRow(details.stream), `Stream ${details.stream.name}`);
      },
    },
    {
      name: 'list', aliases: ['l'], summary: 'list streams', options: [LIST_MODE],
      async run(cx) {
        const streams = await (await cx.client()).streams.list();
        return rows(streams.map(streamRow), ['id', 'name', 'createdAt', 'sizeBytes', 'messagesCount', 'topicsCount']);
      },
    },
    {
      name: 'purge', aliases: ['p'], summary: 'delete every message of a stream', args: ['stream_id'],
      async run(cx, args) {
        await (await cx.client()).streams.purge(id(args, 'stream_id'));
        return text(`Stream ${need(args, 'stream_id')} purged`);
      },
    },
  ],
};

const TOPIC_SETTINGS = [
  { long: 'max-topic-size', short: 'm', kind: 'value' },
  { long: 'replication-factor', short: 'r', kind: 'value' },
] as const;

function topicSettings(args: CommandArgs, name: string) {
  return {
    name,
    compression: compressionOf(args.pos.compression_algorithm),
    maxTopicSizeBytes: parseSizeBytes(args.opt['max-topic-size'] as string | undefined),
    replicationFactor: args.opt['replication-factor'] === undefined ? 1 : parseU32(String(args.opt['replication-factor']), 'replication factor', 1),
    messageExpiryUs: parseExpiryUs(args.rest),
  };
}

export const topicCommands: CommandGroup = {
  name: 'topic',
  aliases: ['t'],
  summary: 'topics: create, delete, update, get, list, purge',
  actions: [
    {
      name: 'create', aliases: ['c'], summary: 'create a topic',
      args: ['stream_id', 'name', 'partitions_count', 'compression_algorithm?', 'message_expiry...'],
      options: [{ long: 'topic-id', short: 't', kind: 'value' }, ...TOPIC_SETTINGS],
      async run(cx, args) {
        const partitionsCount = parseU32(args.pos.partitions_count, 'partitions count');
        const created = await (await cx.client()).topics.create(id(args, 'stream_id'), {
          ...topicSettings(args, need(args, 'name')),
          partitionsCount,
        });
        checkAssigned('topic', args.opt['topic-id'], created.topic.id);
        return text(`Topic ${created.topic.name} created with ID ${created.topic.id} and ${partitionsCount} partitions in stream ${need(args, 'stream_id')}`, topicRow(created.topic));
      },
    },
    {
      name: 'delete', aliases: ['d'], summary: 'delete a topic', args: ['stream_id', 'topic_id'],
      async run(cx, args) {
        await (await cx.client()).topics.delete(id(args, 'stream_id'), id(args, 'topic_id'));
        return text(`Topic ${need(args, 'topic_id')} deleted from stream ${need(args, 'stream_id')}`);
      },
    },
    {
      name: 'update', aliases: ['u'], summary: 'update a topic',
      args: ['stream_id', 'topic_id', 'name', 'compression_algorithm?', 'message_expiry...'],
      options: [...TOPIC_SETTINGS],
      async run(cx, args) {
        await (await cx.client()).topics.update(id(args, 'stream_id'), id(args, 'topic_id'), topicSettings(args, need(args, 'name')));
        return text(`Topic ${need(args, 'topic_id')} in stream ${need(args, 'stream_id')} updated`);
      },
    },
    {
      name: 'get', aliases: ['g'], summary: 'topic details', args: ['stream_id', 'topic_id'],
      async run(cx, args) {
        const details = await (await cx.client()).topics.get(id(args, 'stream_id'), id(args, 'topic_id'));
        if (details === null) return notFound('TopicIdNotFound', `topic ${need(args, 'topic_id')} in stream ${need(args, 'stream_id')}`);
        return record(topicRow(details.topic), `Topic ${details.topic.name}`);
      },
    },
    {
      name: 'list', aliases: ['l'], summary: 'list the topics of a stream', args: ['stream_id'], options: [LIST_MODE],
      async run(cx, args) {
        // GetTopics answers [] for an unknown stream; GetStream tells the two apart.
        const details = await (await cx.client()).streams.get(id(args, 'stream_id'));
        if (details === null) return notFound('StreamIdNotFound', `stream ${need(args, 'stream_id')}`);
        return rows([...details.topics].sort((a, b) => a.id - b.id).map(topicRow), ['id', 'name', 'createdAt', 'sizeBytes', 'messageExpiry', 'messagesCount', 'partitionsCount']);
      },
    },
    {
      name: 'purge', aliases: ['p'], summary: 'delete every message of a topic', args: ['stream_id', 'topic_id'],
      async run(cx, args) {
        await (await cx.client()).topics.purge(id(args, 'stream_id'), id(args, 'topic_id'));
        return text(`Topic ${need(args, 'topic_id')} in stream ${need(args, 'stream_id')} purged`);
      },
    },
  ],
};

export const partitionCommands: CommandGroup = {
  name: 'partition',
  aliases: ['p'],
  summary: 'partitions: create, delete, list',
  actions: [
    {
      name: 'create', aliases: ['c'], summary: 'add partitions to a topic', args: ['stream_id', 'topic_id', 'partitions_count'],
      async run(cx, args) {
        const count = parseU32(args.pos.partitions_count, 'partitions count', 1);
        await (await cx.client()).partitions.create(id(args, 'stream_id'), id(args, 'topic_id'), count);
        return text(`Created ${count} partitions for topic ${need(args, 'topic_id')} in stream ${need(args, 'stream_id')}`);
      },
    },
    {
      name: 'delete', aliases: ['d'], summary: 'remove the last partitions of a topic', args: ['stream_id', 'topic_id', 'partitions_count'],
      async run(cx, args) {
        const count = parseU32(args.pos.partitions_count, 'partitions count', 1);
        await (await cx.client()).partitions.delete(id(args, 'stream_id'), id(args, 'topic_id'), count);
        return text(`Deleted ${count} partitions of topic ${need(args, 'topic_id')} in stream ${need(args, 'stream_id')}`);
      },
    },
    {
      // Not in Iggy 0.8's CLI (it shows partitions in `topic get` only); kept for `top` and scripts.
      name: 'list', aliases: ['l'], summary: 'list the partitions of a topic', args: ['stream_id', 'topic_id'], options: [LIST_MODE],
      async run(cx, args) {
        const details = await (await cx.client()).topics.get(id(args, 'stream_id'), id(args, 'topic_id'));
        if (details === null) return notFound('TopicIdNotFound', `topic ${need(args, 'topic_id')} in stream ${need(args, 'stream_id')}`);
        return rows(details.partitions.map(partitionRow));
      },
    },
  ],
};

export const segmentCommands: CommandGroup = {
  name: 'segment',
  aliases: ['seg'],
  summary: 'segments: delete',
  actions: [
    {
      name: 'delete', aliases: ['d'], summary: 'delete the oldest sealed segments of a partition',
      args: ['stream_id', 'topic_id', 'partition_id', 'segments_count'],
      async run(cx, args) {
        const partitionId = parseU32(args.pos.partition_id, 'partition id');
        const count = parseU32(args.pos.segments_count, 'segments count', 1);
        await (await cx.client()).segments.delete(id(args, 'stream_id'), id(args, 'topic_id'), partitionId, count);
        return text(`Deleted ${count} segments of partition ${partitionId} of topic ${need(args, 'topic_id')} in stream ${need(args, 'stream_id')}`);
      },
    },
  ],
};
