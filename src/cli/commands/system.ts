// ping, me, stats, snapshot, client (c), cluster (cl) metadata,
// consumer-group (g) and consumer-offset (o), with Iggy 0.8's arguments.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Consumers } from '../../../sdk/client.js';
import { IggyError } from '../../../src/errors/iggy_error.js';
import { SnapshotCompression, SnapshotType } from '../../../src/protocol/commands/system/get_snapshot.js';
import type { ClientRecord } from '../../../src/protocol/records/client_record.js';
import type { Stats } from '../../../src/protocol/records/stats.js';
import { Transport } from '../../../src/protocol/types.js';
import { record, rows, text, type Row } from '../output.js';
import { openClient } from '../session.js';
import { formatBytes, formatTimeUs, parseId, parseU32, parseU64 } from '../values.js';
import { groupRow } from './records.js';
import { type CommandArgs, type CommandGroup, type CommandSpec, LIST_MODE, need } from './types.js';

const TRANSPORT_NAMES: Record<number, string> = { [Transport.Tcp]: 'tcp', [Transport.Quic]: 'quic', [Transport.Http]: 'http', [Transport.WebSocket]: 'ws' };

export function clientRow(client: ClientRecord): Row {
  return {
    clientId: client.clientId,
    userId: client.userId,
    transport: TRANSPORT_NAMES[client.transport] ?? String(client.transport),
    address: client.address,
    consumerGroupsCount: client.consumerGroupsCount,
  };
}

export function statsRow(stats: Stats): Row {
  const { cacheMetrics: _cache, ...scalar } = stats;
  return { ...scalar, startTime: formatTimeUs(stats.startTimeUs), messagesSize: formatBytes(stats.messagesSizeBytes) } as Row;
}

export const pingCommand: CommandSpec = {
  name: 'ping', summary: 'ping the server (no login)', options: [{ long: 'count', short: 'c', kind: 'value' }],
  async run(cx, args) {
    const count = args.opt.count === undefined ? 1 : parseU32(String(args.opt.count), 'count', 1);
    const client = await openClient(cx.session.target(), false);
    const times: number[] = [];
    try {
      for (let i = 0; i < count; i++) {
        const started = performance.now();
        await client.system.ping();
        times.push(performance.now() - started);
        if (cx.mode !== 'json') cx.print(`Ping ${i + 1}: ${times[i]!.toFixed(3)} ms`);
      }
    } finally {
      await client.close();
    }
    const average = times.reduce((a, b) => a + b, 0) / times.length;
    return text(`Ping: ${count} sent, average ${average.toFixed(3)} ms`, { count, averageMs: average });
  },
};

export const meCommand: CommandSpec = {
  name: 'me', summary: 'this connection as the server sees it',
  async run(cx) {
    const me = await (await cx.client()).system.me();
    return record({ ...clientRow(me), consumerGroups: me.consumerGroups.map((g) => `${g.streamId}/${g.topicId}/${g.groupId}`).join(' ') || '-' }, 'Me');
  },
};

export const statsCommand: CommandSpec = {
  name: 'stats', summary: 'server statistics',
  async run(cx) {
    return record(statsRow(await (await cx.client()).system.stats()), 'Stats');
  },
};

const SNAPSHOT_TYPES: Record<string, number> = {
  filesystem_overview: SnapshotType.FilesystemOverview, process_list: SnapshotType.ProcessList, resource_usage: SnapshotType.ResourceUsage,
  test: SnapshotType.Test, server_logs: SnapshotType.ServerLogs, server_config: SnapshotType.ServerConfig, all: SnapshotType.All,
};
const COMPRESSIONS: Record<string, number> = { stored: 1, deflated: 2, bzip2: 3, zstd: 4, lzma: 5, xz: 6 };

export const snapshotCommand: CommandSpec = {
  name: 'snapshot', summary: 'download a diagnostics snapshot (ZIP)',
  options: [
    { long: 'compression', short: 'c', kind: 'value' },
    { long: 'snapshot-types', short: 's', kind: 'value', repeat: true },
    { long: 'out-dir', short: 'o', kind: 'value' },
  ],
  async run(cx, args) {
    const compressionName = String(args.opt.compression ?? 'deflated');
    const compression = COMPRESSIONS[compressionName];
    if (compression === undefined) throw IggyError.of('InvalidFormat', `compression must be one of ${Object.keys(COMPRESSIONS).join(', ')}`);
    const typeNames = ((args.opt['snapshot-types'] as string[] | undefined) ?? ['test']).flatMap((t) => t.split(/[ ,]/)).filter((t) => t !== '');
    const types = typeNames.map((name) => {
      const type = SNAPSHOT_TYPES[name];
      if (type === undefined) throw IggyError.of('InvalidFormat', `snapshot type must be one of ${Object.keys(SNAPSHOT_TYPES).join(', ')}`);
      return type as SnapshotType;
    });
    const zip = await (await cx.client()).system.snapshot({ compression: compression as SnapshotCompression, types });
    const file = path.join(String(args.opt['out-dir'] ?? '.'), `snapshot_${new Date().toISOString().replace(/[:.]/g, '-')}.zip`);
    writeFileSync(file, zip);
    return text(`Snapshot of ${zip.length} bytes stored to ${file}`, { file, sizeBytes: zip.length });
  },
};

export const clientCommands: CommandGroup = {
  name: 'client', aliases: ['c'], summary: 'connected clients: get, list',
  actions: [
    {
      name: 'get', aliases: ['g'], summary: 'one client', args: ['client_id'],
      async run(cx, args) {
        const client = await (await cx.client()).system.client(parseU32(args.pos.client_id, 'client id'));
        if (client === null) throw IggyError.of('ClientNotFound', `client ${need(args, 'client_id')} not found`);
        return record(clientRow(client), `Client ${client.clientId}`);
      },
    },
    {
      name: 'list', aliases: ['l'], summary: 'every connected client', options: [LIST_MODE],
      async run(cx) {
        return rows((await (await cx.client()).system.clients()).map(clientRow));
      },
    },
  ],
};

export const clusterCommands: CommandGroup = {
  name: 'cluster', aliases: ['cl'], summary: 'cluster: metadata',
  actions: [
    {
      name: 'metadata', aliases: ['m'], summary: 'cluster name and nodes', options: [LIST_MODE],
      async run(cx) {
        const metadata = await (await cx.client()).system.clusterMetadata();
        return rows(metadata.nodes.map((n) => ({
          cluster: metadata.name, name: n.name, ip: n.ip, tcp: n.endpoints.tcp, quic: n.endpoints.quic,
          http: n.endpoints.http, websocket: n.endpoints.websocket, role: n.role, status: n.status,
        })));
      },
    },
  ],
};

const st = (args: CommandArgs) => [parseId(need(args, 'stream_id'), 'stream id'), parseId(need(args, 'topic_id'), 'topic id')] as const;

export const consumerGroupCommands: CommandGroup = {
  name: 'consumer-group', aliases: ['g'], summary: 'consumer groups: create, delete, get, list',
  actions: [
    {
      name: 'create', aliases: ['c'], summary: 'create a group', args: ['stream_id', 'topic_id', 'name'],
      options: [{ long: 'group-id', short: 'g', kind: 'value' }],
      async run(cx, args) {
        const group = await (await cx.client()).groups.create(...st(args), need(args, 'name'));
        const wanted = args.opt['group-id'];
        if (wanted !== undefined && parseU32(String(wanted), 'group id') !== group.id) {
          throw IggyError.of('InvalidCommand', `group was created with id ${group.id}, not the requested ${String(wanted)} (the server assigns ids)`);
        }
        return text(`Consumer group ${group.name} created with ID ${group.id}`, groupRow(group));
      },
    },
    {
      name: 'delete', aliases: ['d'], summary: 'delete a group', args: ['stream_id', 'topic_id', 'group_id'],
      async run(cx, args) {
        await (await cx.client()).groups.delete(...st(args), parseId(need(args, 'group_id'), 'group id'));
        return text(`Consumer group ${need(args, 'group_id')} deleted`);
      },
    },
    {
      name: 'get', aliases: ['g'], summary: 'a group and its members', args: ['stream_id', 'topic_id', 'group_id'],
      async run(cx, args) {
        const details = await (await cx.client()).groups.get(...st(args), parseId(need(args, 'group_id'), 'group id'));
        if (details === null) throw IggyError.of('ConsumerGroupIdNotFound', `consumer group ${need(args, 'group_id')} not found`);
        return record(groupRow(details.group, details.members), `Consumer group ${details.group.name}`);
      },
    },
    {
      name: 'list', aliases: ['l'], summary: 'the groups of a topic', args: ['stream_id', 'topic_id'], options: [LIST_MODE],
      async run(cx, args) {
        const client = await cx.client();
        const groups = await client.groups.list(...st(args));
        // An unknown topic also answers []: tell the two apart.
        if (groups.length === 0 && (await client.topics.get(...st(args))) === null) {
          throw IggyError.of('TopicIdNotFound', `topic ${need(args, 'topic_id')} in stream ${need(args, 'stream_id')} not found`);
        }
        return rows(groups.map((g) => groupRow(g)), ['id', 'name', 'partitionsCount', 'membersCount']);
      },
    },
  ],
};

const KIND = { long: 'kind', short: 'k', kind: 'value' } as const;
function consumerOf(args: CommandArgs) {
  const id = parseId(need(args, 'consumer_id'), 'consumer id');
  const kind = String(args.opt.kind ?? 'consumer');
  if (kind === 'consumer') return Consumers.single(id);
  if (kind === 'consumer-group' || kind === 'consumer_group') return Consumers.group(id);
  throw IggyError.of('InvalidFormat', `kind must be consumer or consumer-group (got ${kind})`);
}

export const consumerOffsetCommands: CommandGroup = {
  name: 'consumer-offset', aliases: ['o'], summary: 'consumer offsets: get, set, delete',
  actions: [
    {
      name: 'get', aliases: ['g'], summary: 'a stored offset', args: ['consumer_id', 'stream_id', 'topic_id', 'partition_id'], options: [KIND],
      async run(cx, args) {
        const partitionId = parseU32(args.pos.partition_id, 'partition id');
        const offset = await (await cx.client()).offsets.get(consumerOf(args), ...st(args), partitionId);
        if (offset === null) throw IggyError.of('ConsumerOffsetNotFound', `no offset stored for consumer ${need(args, 'consumer_id')} in partition ${partitionId}`);
        return record({ consumerId: need(args, 'consumer_id'), partitionId: offset.partitionId, currentOffset: offset.currentOffset, storedOffset: offset.storedOffset }, 'Consumer offset');
      },
    },
    {
      name: 'set', aliases: ['s'], summary: 'store an offset', args: ['consumer_id', 'stream_id', 'topic_id', 'partition_id', 'offset'], options: [KIND],
      async run(cx, args) {
        const partitionId = parseU32(args.pos.partition_id, 'partition id');
        const offset = parseU64(args.pos.offset, 'offset');
        await (await cx.client()).offsets.store(consumerOf(args), ...st(args), partitionId, offset);
        return text(`Consumer offset ${offset} stored for consumer ${need(args, 'consumer_id')} in partition ${partitionId}`);
      },
    },
    {
      // Not in Iggy 0.8's CLI; the command (122) is in its protocol.
      name: 'delete', aliases: ['d'], summary: 'delete a stored offset', args: ['consumer_id', 'stream_id', 'topic_id', 'partition_id'], options: [KIND],
      async run(cx, args) {
        const partitionId = parseU32(args.pos.partition_id, 'partition id');
        await (await cx.client()).offsets.delete(consumerOf(args), ...st(args), partitionId);
        return text(`Consumer offset deleted for consumer ${need(args, 'consumer_id')} in partition ${partitionId}`);
      },
    },
  ],
};
