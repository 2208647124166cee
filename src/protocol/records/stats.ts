// Stats (GetStats response, BINARY.md §8.2):
//   [process_id u32][cpu_usage f32][total_cpu_usage f32][memory_usage u64]
//   [total_memory u64][available_memory u64][run_time u64 µs][start_time u64 µs]
//   [read_bytes u64][written_bytes u64][messages_size_bytes u64]
//   [streams_count u32][topics_count u32][partitions_count u32][segments_count u32]
//   [messages_count u64][clients_count u32][consumer_groups_count u32]
//   [hostname str32][os_name str32][os_version str32][kernel_version str32]
//   [iggy_server_version str32][iggy_server_semver u32]
//   [cache_metrics_count u32 C][C × (stream_id u32, topic_id u32, partition_id u32,
//                                    hits u64, misses u64, hit_ratio f32)]
//   [threads_count u32][free_disk_space u64][total_disk_space u64]
// The server writes every field. The decoder accepts a payload that ends at
// one of the later group boundaries (after kernel_version, after the semver,
// after the cache metrics, ...): older servers and the Node SDK's vectors stop
// there, and the missing fields read as zero/empty.
import type { Reader, Writer } from '../reader.js';
import { str32SizeBytes } from '../reader.js';

export interface CacheMetric {
  streamId: number;
  topicId: number;
  partitionId: number;
  hits: bigint;
  misses: bigint;
  hitRatio: number;
}

export interface Stats {
  processId: number;
  /** Percent. */
  cpuUsage: number;
  totalCpuUsage: number;
  memoryUsageBytes: bigint;
  totalMemoryBytes: bigint;
  availableMemoryBytes: bigint;
  runTimeUs: bigint;
  startTimeUs: bigint;
  readBytes: bigint;
  writtenBytes: bigint;
  messagesSizeBytes: bigint;
  streamsCount: number;
  topicsCount: number;
  partitionsCount: number;
  segmentsCount: number;
  messagesCount: bigint;
  clientsCount: number;
  consumerGroupsCount: number;
  hostname: string;
  osName: string;
  osVersion: string;
  kernelVersion: string;
  iggyServerVersion: string;
  /** major·1 000 000 + minor·1 000 + patch; 0 = unknown. */
  iggyServerSemver: number;
  cacheMetrics: CacheMetric[];
  threadsCount: number;
  freeDiskSpaceBytes: bigint;
  totalDiskSpaceBytes: bigint;
}

const CACHE_METRIC_BYTES = 32;

export function statsSizeBytes(stats: Stats): number {
  return (
    108 +
    str32SizeBytes(stats.hostname) + str32SizeBytes(stats.osName) + str32SizeBytes(stats.osVersion) + str32SizeBytes(stats.kernelVersion) +
    str32SizeBytes(stats.iggyServerVersion) + 4 +
    4 + CACHE_METRIC_BYTES * stats.cacheMetrics.length +
    4 + 8 + 8
  );
}

export function writeStats(writer: Writer, s: Stats): void {
  writer
    .u32(s.processId).f32(s.cpuUsage).f32(s.totalCpuUsage).u64(s.memoryUsageBytes).u64(s.totalMemoryBytes).u64(s.availableMemoryBytes)
    .u64(s.runTimeUs).u64(s.startTimeUs).u64(s.readBytes).u64(s.writtenBytes).u64(s.messagesSizeBytes)
    .u32(s.streamsCount).u32(s.topicsCount).u32(s.partitionsCount).u32(s.segmentsCount).u64(s.messagesCount)
    .u32(s.clientsCount).u32(s.consumerGroupsCount)
    .str32(s.hostname).str32(s.osName).str32(s.osVersion).str32(s.kernelVersion)
    .str32(s.iggyServerVersion).u32(s.iggyServerSemver)
    .u32(s.cacheMetrics.length);
  for (const m of s.cacheMetrics) writer.u32(m.streamId).u32(m.topicId).u32(m.partitionId).u64(m.hits).u64(m.misses).f32(m.hitRatio);
  writer.u32(s.threadsCount).u64(s.freeDiskSpaceBytes).u64(s.totalDiskSpaceBytes);
}

export function readStats(r: Reader): Stats {
  const stats: Stats = {
    processId: r.u32('process_id'),
    cpuUsage: r.f32('cpu_usage'),
    totalCpuUsage: r.f32('total_cpu_usage'),
    memoryUsageBytes: r.u64('memory_usage'),
    totalMemoryBytes: r.u64('total_memory'),
    availableMemoryBytes: r.u64('available_memory'),
    runTimeUs: r.u64('run_time'),
    startTimeUs: r.u64('start_time'),
    readBytes: r.u64('read_bytes'),
    writtenBytes: r.u64('written_bytes'),
    messagesSizeBytes: r.u64('messages_size_bytes'),
    streamsCount: r.u32('streams_count'),
    topicsCount: r.u32('topics_count'),
    partitionsCount: r.u32('partitions_count'),
    segmentsCount: r.u32('segments_count'),
    messagesCount: r.u64('messages_count'),
    clientsCount: r.u32('clients_count'),
    consumerGroupsCount: r.u32('consumer_groups_count'),
    hostname: r.str32('hostname'),
    osName: r.str32('os_name'),
    osVersion: r.str32('os_version'),
    kernelVersion: r.str32('kernel_version'),
    iggyServerVersion: '',
    iggyServerSemver: 0,
    cacheMetrics: [],
    threadsCount: 0,
    freeDiskSpaceBytes: 0n,
    totalDiskSpaceBytes: 0n,
  };
  if (r.remaining === 0) return stats;
  stats.iggyServerVersion = r.str32('iggy_server_version');
  if (r.remaining === 0) return stats;
  stats.iggyServerSemver = r.u32('iggy_server_semver');
  if (r.remaining === 0) return stats;
  const count = r.u32('cache_metrics_count');
  r.need(CACHE_METRIC_BYTES * count, 'cache metrics');
  for (let i = 0; i < count; i++) {
    stats.cacheMetrics.push({
      streamId: r.u32('stream_id'),
      topicId: r.u32('topic_id'),
      partitionId: r.u32('partition_id'),
      hits: r.u64('hits'),
      misses: r.u64('misses'),
      hitRatio: r.f32('hit_ratio'),
    });
  }
  if (r.remaining === 0) return stats;
  stats.threadsCount = r.u32('threads_count');
  stats.freeDiskSpaceBytes = r.u64('free_disk_space');
  stats.totalDiskSpaceBytes = r.u64('total_disk_space');
  return stats;
}
