// Where the catalogue lives on disk (STORAGE.md §1): streams/<id>/topics/<id>/
// partitions/<id>, and the start-up pass that makes the directories agree with
// the replayed metadata.
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { log } from '../log.js';
import type { Catalog } from './catalog.js';

export function streamDir(root: string, streamId: number): string {
  return join(root, 'streams', String(streamId));
}

export function topicDir(root: string, streamId: number, topicId: number): string {
  return join(streamDir(root, streamId), 'topics', String(topicId));
}

export function partitionDir(root: string, streamId: number, topicId: number, partitionId: number): string {
  return join(topicDir(root, streamId, topicId), 'partitions', String(partitionId));
}

const children = async (path: string): Promise<string[]> => readdir(path).catch(() => []);
const numeric = (name: string): number | undefined => (/^\d+$/.test(name) ? Number(name) : undefined);

async function removeOrphan(path: string, what: string): Promise<void> {
  log.warn({ path }, `start-up: removing a ${what} directory absent from the metadata`);
  await rm(path, { recursive: true, force: true });
}

/**
 * Directories the metadata log no longer knows go: a crash between a delete's
 * record and its rm, or between a create's mkdir and its record, leaves them.
 */
export async function reconcileDirectories(root: string, catalog: Catalog): Promise<void> {
  const streamsDir = join(root, 'streams');
  for (const name of await children(streamsDir)) {
    const id = numeric(name);
    const stream = id === undefined ? undefined : catalog.streams.get(id);
    if (stream === undefined) {
      await removeOrphan(join(streamsDir, name), 'stream');
      continue;
    }
    const topicsDir = join(streamsDir, name, 'topics');
    for (const topicName of await children(topicsDir)) {
      const topicId = numeric(topicName);
      const topic = topicId === undefined ? undefined : stream.topics.get(topicId);
      if (topic === undefined) {
        await removeOrphan(join(topicsDir, topicName), 'topic');
        continue;
      }
      const partitionsDir = join(topicsDir, topicName, 'partitions');
      for (const partitionName of await children(partitionsDir)) {
        const partitionId = numeric(partitionName);
        if (partitionId !== undefined && partitionId < topic.partitionCreatedAt.length) continue;
        await removeOrphan(join(partitionsDir, partitionName), 'partition');
      }
    }
  }
}
