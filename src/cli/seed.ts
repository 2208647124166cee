// The seed's pipe syntax (`stream.create|1|dev`, `message.poll|c|0|1|1|1|o|0|2|n|s`).
//
// Id mapping: Iggy 0.8 assigns stream, topic and group ids itself, from 0.
// A seed id N is therefore the N-th item in id order, 1-based: stream 1 is
// the stream with the lowest id, topic 2 the second topic of its stream,
// partition N is partition id N-1 (Iggy numbers a topic's partitions from
// 0). `stream.create|N|name` succeeds only if the new stream becomes the
// N-th (N-1 streams exist); otherwise it fails before creating anything,
// and if the server places it elsewhere the stream is deleted again: a seed
// id never silently names another stream. Message ids, consumer ids and
// offsets are the caller's values and pass unchanged.
import type { IggyClient } from '../../sdk/client.js';
import { Consumers, Partitionings, PollingStrategies } from '../../sdk/client.js';
import { IggyError } from '../../src/errors/iggy_error.js';
import type { StreamInfo, TopicInfo } from '../../src/protocol/model.js';
import { record, rows, text, type Output, type Row } from './output.js';
import { parseU32, parseU64 } from './values.js';

const SEED = /^[a-z_]+\.[a-z_]+(\||$)/;
export const isSeedLine = (line: string): boolean => SEED.test(line.trim());

export const SEED_COMMANDS = [
  'stream.create', 'stream.list', 'stream.get', 'stream.update', 'stream.delete',
  'topic.create', 'topic.list', 'topic.get', 'topic.delete', 'message.send', 'message.poll',
] as const;

const byId = <T extends { id: number }>(items: readonly T[]): T[] => [...items].sort((a, b) => a.id - b.id);

function seedId(text: string | undefined, what: string): number {
  return parseU32(text, `${what} (seed ids start at 1)`, 1);
}

async function streamAt(client: IggyClient, position: number): Promise<StreamInfo> {
  const streams = byId(await client.streams.list());
  const stream = streams[position - 1];
  if (stream === undefined) {
    throw IggyError.of('StreamIdNotFound', `no stream with seed ID ${position}: the server has ${streams.length} stream(s)`);
  }
  return stream;
}

async function topicAt(client: IggyClient, stream: StreamInfo, position: number): Promise<TopicInfo> {
  const topics = byId(await client.topics.list(stream.id));
  const topic = topics[position - 1];
  if (topic === undefined) {
    throw IggyError.of('TopicIdNotFound', `no topic with seed ID ${position} in stream ${stream.name}: it has ${topics.length} topic(s)`);
  }
  return topic;
}

const streamRow = (s: StreamInfo, position: number): Row => ({
  id: position, serverId: s.id, name: s.name, topicsCount: s.topicsCount, messagesCount: s.messagesCount, sizeBytes: s.sizeBytes,
});
const topicRow = (t: TopicInfo, position: number): Row => ({
  id: position, serverId: t.id, name: t.name, partitionsCount: t.partitionsCount, messagesCount: t.messagesCount, sizeBytes: t.sizeBytes,
});

async function createStream(client: IggyClient, [idText, name]: string[]): Promise<Output> {
  const position = seedId(idText, 'stream id');
  if (name === undefined || name === '') throw IggyError.of('InvalidStreamName', 'usage: stream.create|<id>|<name>');
  const before = await client.streams.list();
  if (before.length !== position - 1) {
    throw IggyError.of('InvalidStreamId', `stream seed ID ${position} is not free: ${before.length} stream(s) exist, so a new stream gets seed ID ${before.length + 1}`);
  }
  const stream = await client.streams.create(name);
  const placed = byId(await client.streams.list()).findIndex((s) => s.id === stream.id) + 1;
  if (placed !== position) {
    await client.streams.delete(stream.id);
    throw IggyError.of('InvalidStreamId', `the server placed stream ${name} at seed ID ${placed}, not ${position}; it was deleted again`);
  }
  return text(`Stream ${name} created with ID ${position} (server id ${stream.id})`, streamRow(stream, position));
}

async function createTopic(client: IggyClient, [streamText, idText, countText, name]: string[]): Promise<Output> {
  const streamPosition = seedId(streamText, 'stream id');
  const stream = await streamAt(client, streamPosition);
  const position = seedId(idText, 'topic id');
  const partitionsCount = parseU32(countText, 'partitions count', 1);
  if (name === undefined || name === '') throw IggyError.of('InvalidTopicName', 'usage: topic.create|<stream>|<id>|<partitions>|<name>');
  const before = await client.topics.list(stream.id);
  if (before.length !== position - 1) {
    throw IggyError.of('InvalidTopicId', `topic seed ID ${position} is not free in stream ${stream.name}: it has ${before.length} topic(s)`);
  }
  const { topic } = await client.topics.create(stream.id, { name, partitionsCount });
  const placed = byId(await client.topics.list(stream.id)).findIndex((t) => t.id === topic.id) + 1;
  if (placed !== position) {
    await client.topics.delete(stream.id, topic.id);
    throw IggyError.of('InvalidTopicId', `the server placed topic ${name} at seed ID ${placed}, not ${position}; it was deleted again`);
  }
  const ids = Array.from({ length: partitionsCount }, (_, i) => i + 1);
  const list = ids.length === 1 ? `ID 1` : `IDs ${ids.slice(0, -1).join(', ')} and ${ids.at(-1)}`;
  return text(`Topic ${name} created with ID ${position} and ${partitionsCount} partition(s) (${list}) in stream ${stream.name} (ID ${streamPosition})`, topicRow(topic, position));
}

async function getStream(client: IggyClient, position: number): Promise<Output> {
  const stream = await streamAt(client, position);
  const details = await client.streams.get(stream.id);
  const topics = byId(details?.topics ?? []).map((t, i) => `${t.name} (ID ${i + 1})`).join(', ');
  return record({ ...streamRow(stream, position), createdAt: new Date(Number(stream.createdAtUs / 1000n)).toISOString(), topics: topics || '-' }, `Stream ${stream.name}`);
}

async function getTopic(client: IggyClient, stream: StreamInfo, position: number): Promise<Output> {
  const topic = await topicAt(client, stream, position);
  const details = await client.topics.get(stream.id, topic.id);
  const partitions = byId(details?.partitions ?? []).map((p) => `${p.id + 1} (${p.messagesCount} messages)`).join(', ');
  return record({ ...topicRow(topic, position), stream: stream.name, partitions: partitions || '-' }, `Topic ${topic.name}`);
}

export async function runSeedLine(client: IggyClient, line: string): Promise<Output> {
  const [command, ...args] = line.trim().split('|');
  const streamPosition = (i: number): number => seedId(args[i], 'stream id');
  const streamArg = (i: number): Promise<StreamInfo> => streamAt(client, streamPosition(i));
  switch (command) {
    case 'stream.create':
      return createStream(client, args);
    case 'stream.list':
      return rows(byId(await client.streams.list()).map((s, i) => streamRow(s, i + 1)), ['id', 'serverId', 'name', 'topicsCount', 'messagesCount', 'sizeBytes']);
    case 'stream.get':
      return getStream(client, seedId(args[0], 'stream id'));
    case 'stream.update': {
      const stream = await streamArg(0);
      await client.streams.update(stream.id, args[1] ?? '');
      return text(`Stream ${stream.name} (ID ${streamPosition(0)}) renamed to ${args[1]}`);
    }
    case 'stream.delete': {
      const stream = await streamArg(0);
      await client.streams.delete(stream.id);
      return text(`Stream ${stream.name} (ID ${streamPosition(0)}) deleted; the streams after it move up one seed ID`);
    }
    case 'topic.create':
      return createTopic(client, args);
    case 'topic.list': {
      const stream = await streamArg(0);
      return rows(byId(await client.topics.list(stream.id)).map((t, i) => topicRow(t, i + 1)), ['id', 'serverId', 'name', 'partitionsCount', 'messagesCount', 'sizeBytes']);
    }
    case 'topic.get':
      return getTopic(client, await streamArg(0), seedId(args[1], 'topic id'));
    case 'topic.delete': {
      const stream = await streamArg(0);
      const topic = await topicAt(client, stream, seedId(args[1], 'topic id'));
      await client.topics.delete(stream.id, topic.id);
      return text(`Topic ${topic.name} deleted from stream ${stream.name}`);
    }
    case 'message.send':
      return sendSeed(client, args, await streamArg(0), streamPosition(0));
    case 'message.poll':
      return pollSeed(client, args);
    default:
      throw IggyError.of('InvalidCommand', `unknown seed command ${command}; known: ${SEED_COMMANDS.join(', ')}`);
  }
}

/** message.send|<stream>|<topic>|p|<partition>|<message id>|<payload> (also b|<id>|<payload>, k|<key>|<id>|<payload>). */
async function sendSeed(client: IggyClient, args: string[], stream: StreamInfo, streamPosition: number): Promise<Output> {
  const topic = await topicAt(client, stream, seedId(args[1], 'topic id'));
  const kind = args[2];
  let at = 3;
  let partitioning = Partitionings.balanced();
  let where = 'balanced partitioning';
  if (kind === 'p') {
    const partition = seedId(args[at++], 'partition id');
    if (partition > topic.partitionsCount) {
      throw IggyError.of('PartitionNotFound', `no partition with seed ID ${partition} in topic ${topic.name}: it has ${topic.partitionsCount}`);
    }
    partitioning = Partitionings.partitionId(partition - 1);
    where = `partition ${partition}`;
  } else if (kind === 'k') {
    partitioning = Partitionings.messagesKey(args[at++] ?? '');
    where = `the partition of key ${args[at - 1]}`;
  } else if (kind !== 'b') {
    throw IggyError.of('InvalidCommand', `partitioning must be p|<partition>, b or k|<key> (got ${kind ?? 'nothing'})`);
  }
  const id = parseU64(args[at++], 'message id');
  // The payload is the rest of the line: it may itself hold '|'.
  const payload = args.slice(at).join('|');
  await client.messages.send(stream.id, topic.id, [{ id, payload }], partitioning);
  return text(`Sent message ${id} '${payload}' to stream ${stream.name} (ID ${streamPosition}), topic ${topic.name} (ID ${seedId(args[1], 'topic id')}), ${where}`, { id, payload });
}

/** message.poll|c|<consumer>|<stream>|<topic>|<partition>|o|<offset>|<count>|n|s (strategy o|<n>, t|<µs>, f, l or n; a = auto commit; s = string, b = hex). */
async function pollSeed(client: IggyClient, args: string[]): Promise<Output> {
  const [consumerKind, consumerText, streamText, topicText, partitionText, strategyKind] = args;
  const stream = await streamAt(client, seedId(streamText, 'stream id'));
  const topic = await topicAt(client, stream, seedId(topicText, 'topic id'));
  let at = 6;
  const strategies: Record<string, () => ReturnType<typeof PollingStrategies.next>> = {
    o: () => PollingStrategies.offset(parseU64(args[at++], 'offset')),
    t: () => PollingStrategies.timestamp(parseU64(args[at++], 'timestamp')),
    f: PollingStrategies.first,
    l: PollingStrategies.last,
    n: PollingStrategies.next,
  };
  const strategyOf = strategies[strategyKind ?? ''];
  if (strategyOf === undefined) throw IggyError.of('InvalidCommand', `strategy must be o|<offset>, t|<timestamp>, f, l or n (got ${strategyKind ?? 'nothing'})`);
  const strategy = strategyOf();
  const count = parseU32(args[at++], 'messages count', 1);
  const commit = args[at++] ?? 'n';
  const format = args[at++] ?? 's';
  if (commit !== 'a' && commit !== 'n') throw IggyError.of('InvalidCommand', `auto commit must be a or n (got ${commit})`);
  if (format !== 's' && format !== 'b') throw IggyError.of('InvalidCommand', `format must be s (string) or b (hex bytes) (got ${format})`);
  const consumer = await consumerOf(client, consumerKind, consumerText, stream, topic);
  const partition = seedId(partitionText, 'partition id');
  const polled = await client.messages.poll(stream.id, topic.id, { consumer, partitionId: partition - 1, strategy, count, autoCommit: commit === 'a' });
  return rows(
    polled.messages.map((m) => ({
      offset: m.header.offset,
      id: m.header.id,
      timestamp: m.header.timestamp,
      payload: format === 's' ? new TextDecoder().decode(m.payload) : Buffer.from(m.payload).toString('hex'),
    })),
    ['offset', 'id', 'timestamp', 'payload'],
  );
}

async function consumerOf(client: IggyClient, kind: string | undefined, idText: string | undefined, stream: StreamInfo, topic: TopicInfo) {
  if (kind === 'c') return Consumers.single(parseU32(idText, 'consumer id'));
  if (kind !== 'g') throw IggyError.of('InvalidCommand', `consumer must be c (consumer) or g (consumer group) (got ${kind ?? 'nothing'})`);
  const position = seedId(idText, 'consumer group id');
  const group = byId(await client.groups.list(stream.id, topic.id))[position - 1];
  if (group === undefined) throw IggyError.of('ConsumerGroupIdNotFound', `no consumer group with seed ID ${position} in topic ${topic.name}`);
  // Only a member may poll for a group: this connection joins it (the
  // membership ends with the connection, as for any group member).
  await client.groups.join(stream.id, topic.id, group.id);
  return Consumers.group(group.id);
}
