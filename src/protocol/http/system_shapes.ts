// System JSON shapes (HTTP.md §4): ClientInfo(Details), ClusterMetadata and
// Stats, both directions, plus the snapshot request's PascalCase names.
import { IggyError } from '../../errors/iggy_error.js';
import { SnapshotCompression, SnapshotType } from '../commands/system/get_snapshot.js';
import type { ClientDetails, ClientRecord } from '../records/client_record.js';
import { type ClusterMetadata, type ClusterNode, ClusterNodeRole, ClusterNodeStatus } from '../records/cluster_metadata.js';
import type { CacheMetric, Stats } from '../records/stats.js';
import { Transport } from '../types.js';
import { Fields } from './fields.js';
import type { Writable } from './json.js';
import { formatSize, parseSize } from './size.js';

type Json = { readonly [key: string]: Writable };

/** Reverse lookup of a name table; unknown names are InvalidFormat naming the field. */
function nameOf<V extends number>(table: Readonly<Record<string, V>>, value: V): string {
  return Object.keys(table).find((k) => table[k] === value)!;
}
function valueOf<V extends number>(table: Readonly<Record<string, V>>, name: string, field: string): V {
  if (!Object.hasOwn(table, name)) throw IggyError.of('InvalidFormat', `${field}: unknown value "${name}", expected one of ${Object.keys(table).join(', ')}`);
  return table[name]!;
}

const TRANSPORT_NAMES: Readonly<Record<string, Transport>> = { tcp: Transport.Tcp, quic: Transport.Quic, http: Transport.Http, ws: Transport.WebSocket };
const ROLE_NAMES: Readonly<Record<string, ClusterNodeRole>> = { leader: ClusterNodeRole.Leader, follower: ClusterNodeRole.Follower };
const STATUS_NAMES: Readonly<Record<string, ClusterNodeStatus>> = {
  healthy: ClusterNodeStatus.Healthy, starting: ClusterNodeStatus.Starting, stopping: ClusterNodeStatus.Stopping,
  unreachable: ClusterNodeStatus.Unreachable, maintenance: ClusterNodeStatus.Maintenance,
};
/** PascalCase as serde writes Iggy's snapshot enums (HTTP.md §5.1). */
export const SNAPSHOT_COMPRESSION_NAMES: Readonly<Record<string, SnapshotCompression>> = SnapshotCompression;
export const SNAPSHOT_TYPE_NAMES: Readonly<Record<string, SnapshotType>> = SnapshotType;

export const snapshotCompressionName = (c: SnapshotCompression): string => nameOf(SNAPSHOT_COMPRESSION_NAMES, c);
export const snapshotCompressionOf = (name: string, field: string): SnapshotCompression => valueOf(SNAPSHOT_COMPRESSION_NAMES, name, field);
export const snapshotTypeName = (t: SnapshotType): string => nameOf(SNAPSHOT_TYPE_NAMES, t);
export const snapshotTypeOf = (name: string, field: string): SnapshotType => valueOf(SNAPSHOT_TYPE_NAMES, name, field);

export function clientInfoJson(c: ClientRecord): Json {
  return { client_id: c.clientId, user_id: c.userId, address: c.address, transport: nameOf(TRANSPORT_NAMES, c.transport), consumer_groups_count: c.consumerGroupsCount };
}

export function readClientInfo(f: Fields): ClientRecord {
  return {
    clientId: f.u32('client_id'),
    userId: f.opt('user_id', f.u32),
    address: f.str('address'),
    transport: valueOf(TRANSPORT_NAMES, f.str('transport'), f.name('transport')),
    consumerGroupsCount: f.u32('consumer_groups_count'),
  };
}

export function clientInfoDetailsJson(c: ClientDetails): Json {
  const groups = c.consumerGroups.map((g) => ({ stream_id: g.streamId, topic_id: g.topicId, group_id: g.groupId }));
  return { ...clientInfoJson({ ...c, consumerGroupsCount: c.consumerGroups.length }), consumer_groups: groups };
}

export function readClientInfoDetails(f: Fields): ClientDetails {
  const consumerGroups = f.list('consumer_groups').map((g) => ({ streamId: g.u32('stream_id'), topicId: g.u32('topic_id'), groupId: g.u32('group_id') }));
  return { ...readClientInfo(f), consumerGroups };
}

export function clusterMetadataJson(m: ClusterMetadata): Json {
  const nodes = m.nodes.map((n) => ({
    name: n.name, ip: n.ip, endpoints: { ...n.endpoints }, role: nameOf(ROLE_NAMES, n.role), status: nameOf(STATUS_NAMES, n.status),
  }));
  return { name: m.name, nodes };
}

export function readClusterMetadata(f: Fields): ClusterMetadata {
  const nodes = f.list('nodes').map((n): ClusterNode => {
    const e = n.obj('endpoints');
    const port = (key: string): number => {
      const value = e.u32(key);
      if (value > 0xffff) throw IggyError.of('InvalidFormat', `${e.name(key)}: ${value} is not a port`);
      return value;
    };
    return {
      name: n.str('name'), ip: n.str('ip'),
      endpoints: { tcp: port('tcp'), quic: port('quic'), http: port('http'), websocket: port('websocket') },
      role: valueOf(ROLE_NAMES, n.str('role'), n.name('role')),
      status: valueOf(STATUS_NAMES, n.str('status'), n.name('status')),
    };
  });
  return { name: f.str('name'), nodes };
}

const SIZE_FIELDS = [
  ['memoryUsageBytes', 'memory_usage'], ['totalMemoryBytes', 'total_memory'], ['availableMemoryBytes', 'available_memory'],
  ['readBytes', 'read_bytes'], ['writtenBytes', 'written_bytes'], ['messagesSizeBytes', 'messages_size_bytes'],
  ['freeDiskSpaceBytes', 'free_disk_space'], ['totalDiskSpaceBytes', 'total_disk_space'],
] as const;
const COUNT_FIELDS = [
  ['streamsCount', 'streams_count'], ['topicsCount', 'topics_count'], ['partitionsCount', 'partitions_count'], ['segmentsCount', 'segments_count'],
  ['clientsCount', 'clients_count'], ['consumerGroupsCount', 'consumer_groups_count'], ['threadsCount', 'threads_count'], ['processId', 'process_id'],
] as const;
const TEXT_FIELDS = [
  ['hostname', 'hostname'], ['osName', 'os_name'], ['osVersion', 'os_version'], ['kernelVersion', 'kernel_version'], ['iggyServerVersion', 'iggy_server_version'],
] as const;

export function statsJson(s: Stats): Json {
  const out: Record<string, Writable> = { cpu_usage: s.cpuUsage, total_cpu_usage: s.totalCpuUsage, run_time: s.runTimeUs, start_time: s.startTimeUs, messages_count: s.messagesCount };
  for (const [ours, theirs] of SIZE_FIELDS) out[theirs] = formatSize(s[ours]);
  for (const [ours, theirs] of COUNT_FIELDS) out[theirs] = s[ours];
  for (const [ours, theirs] of TEXT_FIELDS) out[theirs] = s[ours];
  // 0 is our "unknown" semver; Iggy writes null.
  out.iggy_server_semver = s.iggyServerSemver === 0 ? null : s.iggyServerSemver;
  const metrics: Record<string, Writable> = {};
  for (const m of s.cacheMetrics) metrics[`${m.streamId}-${m.topicId}-${m.partitionId}`] = { hits: m.hits, misses: m.misses, hit_ratio: m.hitRatio };
  out.cache_metrics = metrics;
  return out;
}

export function readStats(f: Fields): Stats {
  const stats = {
    cpuUsage: f.f32('cpu_usage'), totalCpuUsage: f.f32('total_cpu_usage'), runTimeUs: f.u64('run_time'), startTimeUs: f.u64('start_time'),
    messagesCount: f.u64('messages_count'), iggyServerSemver: f.opt('iggy_server_semver', f.u32) ?? 0, cacheMetrics: readCacheMetrics(f),
  } as Record<string, unknown>;
  for (const [ours, theirs] of SIZE_FIELDS) stats[ours] = parseSize(f.raw(theirs), f.name(theirs));
  for (const [ours, theirs] of COUNT_FIELDS) stats[ours] = f.u32(theirs);
  for (const [ours, theirs] of TEXT_FIELDS) stats[ours] = f.str(theirs);
  return stats as unknown as Stats;
}

function readCacheMetrics(f: Fields): CacheMetric[] {
  if (!f.has('cache_metrics')) return [];
  const all = f.obj('cache_metrics');
  return Object.keys(all.object).map((key) => {
    const ids = /^(\d+)-(\d+)-(\d+)$/.exec(key);
    if (ids === null) throw IggyError.of('InvalidFormat', `${all.at}: key "${key}" is not <stream>-<topic>-<partition>`);
    const m = all.obj(key);
    return { streamId: Number(ids[1]), topicId: Number(ids[2]), partitionId: Number(ids[3]), hits: m.u64('hits'), misses: m.u64('misses'), hitRatio: m.f32('hit_ratio') };
  });
}
