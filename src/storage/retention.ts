// Retention and background saving (STORAGE.md §2.6): the message cleaner
// removes sealed segments past a topic's message expiry or beyond its maximum
// size, and the message saver writes every journal on an interval. Both run on
// unref'd timers and never overlap themselves; close() waits for a pass in
// flight.
import type { ServerConfig } from '../config/config.js';
import { log } from '../log.js';
import { U64_MAX } from '../protocol/types.js';
import type { Catalog, TopicModel } from './catalog.js';
import { nowUs } from './clock.js';
import type { Partition } from './partition/partition.js';

/** What one retention pass removed. */
export interface CleanerReport {
  expiredSegments: number;
  oversizeSegments: number;
}

/** A config duration or size in µs or bytes; `unlimited` (Infinity) is u64::MAX as on the wire. */
export function toU64(value: number): bigint {
  return Number.isFinite(value) ? BigInt(Math.round(value)) : U64_MAX;
}

export class Retention {
  readonly #catalog: Catalog;
  readonly #topicDefaults: ServerConfig['system']['topic'];
  #cleaning: Promise<CleanerReport> | null = null;

  constructor(catalog: Catalog, config: ServerConfig) {
    this.#catalog = catalog;
    this.#topicDefaults = config.system.topic;
  }

  /** One pass; a call while a pass runs shares it. */
  run(): Promise<CleanerReport> {
    this.#cleaning ??= this.#clean().finally(() => {
      this.#cleaning = null;
    });
    return this.#cleaning;
  }

  /** Resolves once no pass is running (failures were logged by the timer). */
  async idle(): Promise<void> {
    await this.#cleaning?.catch(() => undefined);
  }

  async #clean(): Promise<CleanerReport> {
    const report: CleanerReport = { expiredSegments: 0, oversizeSegments: 0 };
    const now = nowUs();
    for (const topic of [...this.#catalog.topics()]) {
      const expiryUs = topic.messageExpiryUs === 0n ? toU64(this.#topicDefaults.message_expiry) : topic.messageExpiryUs;
      if (expiryUs !== U64_MAX) {
        for (const partition of topic.partitions) {
          report.expiredSegments += await partition.removeOldestSegments(
            Number.MAX_SAFE_INTEGER,
            (segment) => segment.lastTimestamp + expiryUs <= now,
          );
        }
      }
      const maxSizeBytes = topic.maxTopicSizeBytes === 0n ? toU64(this.#topicDefaults.max_size) : topic.maxTopicSizeBytes;
      if (maxSizeBytes !== U64_MAX) report.oversizeSegments += await shrinkTopic(topic, maxSizeBytes);
    }
    if (report.expiredSegments + report.oversizeSegments > 0) log.info({ ...report }, 'message cleaner removed segments');
    return report;
  }
}

/** Once a topic reaches 90 % of its maximum, oldest sealed segments (across partitions) go until it is below. */
async function shrinkTopic(topic: TopicModel, maxSizeBytes: bigint): Promise<number> {
  const threshold = (maxSizeBytes * 9n) / 10n;
  const topicSize = (): bigint => topic.partitions.reduce((sum, partition) => sum + partition.sizeBytes, 0n);
  let removed = 0;
  const stuck = new Set<Partition>();
  while (topicSize() >= threshold) {
    let oldest: { partition: Partition; timestamp: bigint } | null = null;
    for (const partition of topic.partitions) {
      if (stuck.has(partition) || partition.segments.length < 2) continue;
      const timestamp = partition.segments[0]!.firstTimestamp;
      if (oldest === null || timestamp < oldest.timestamp) oldest = { partition, timestamp };
    }
    if (oldest === null) break;
    const target = oldest.partition.segments[0]!;
    const count = await oldest.partition.removeOldestSegments(1, (segment) => segment === target);
    if (count === 0) stuck.add(oldest.partition);
    removed += count;
  }
  return removed;
}

/** The periodic message saver and cleaner of `[message_saver]` and `[data_maintenance.messages]`. */
export class BackgroundJobs {
  readonly #timers: NodeJS.Timeout[] = [];
  #saving: Promise<void> | null = null;

  constructor(config: ServerConfig, save: () => Promise<void>, retention: Retention) {
    const saver = config.message_saver;
    if (saver.enabled && Number.isFinite(saver.interval) && saver.interval > 0) {
      this.#every(saver.interval, () => this.#save(save));
    }
    const cleaner = config.data_maintenance.messages;
    if (cleaner.cleaner_enabled && Number.isFinite(cleaner.interval) && cleaner.interval > 0) {
      this.#every(cleaner.interval, () => {
        retention.run().catch((error: unknown) => log.error({ error }, 'message cleaner failed'));
      });
    }
  }

  /** Stops the timers and waits for a save in flight. */
  async stop(): Promise<void> {
    for (const timer of this.#timers) clearInterval(timer);
    this.#timers.length = 0;
    await this.#saving;
  }

  #every(intervalUs: number, job: () => void): void {
    this.#timers.push(setInterval(job, Math.max(1, intervalUs / 1000)).unref());
  }

  #save(save: () => Promise<void>): void {
    if (this.#saving !== null) return;
    this.#saving = save()
      .catch((error: unknown) => log.error({ error }, 'message saver failed'))
      .finally(() => {
        this.#saving = null;
      });
  }
}
