// GetSnapshot: login only, no permission. A ZIP of diagnostic text files
// chosen by the requested types (BINARY.md §8.3): filesystem_overview (the data directory tree),
// process_list (/proc), resource_usage, test, server_logs, server_config
// (secrets redacted); `all` = every type. Compression 1 stores entries and 2
// deflates them; bzip2/zstd/lzma/xz (3..6) are not available in Node, so those
// archives are written with stored entries, which every unzip tool reads.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { SnapshotCompression, SnapshotType, type GetSnapshotRequest, type GetSnapshotResponse } from '../../../protocol/commands/system/get_snapshot.js';
import type { ServerContext } from '../../context.js';
import { collectStats } from '../../stats.js';
import type { Operation } from '../principal.js';
import { writeZip, type ZipEntry } from './snapshot_zip.js';

/** Bounds so a snapshot stays small whatever the data directory or host holds. */
const FILES_LISTED_MAX = 10_000;
const PROCESSES_LISTED_MAX = 2_000;

async function filesystemOverview(root: string): Promise<string> {
  const lines: string[] = [`data directory: ${root}`];
  const walk = async (dir: string, depth: number): Promise<void> => {
    let names: string[];
    try {
      names = (await readdir(dir)).sort();
    } catch (error) {
      lines.push(`${dir}: ${(error as Error).message}`);
      return;
    }
    for (const name of names) {
      if (lines.length >= FILES_LISTED_MAX) return;
      const full = path.join(dir, name);
      const info = await stat(full).catch(() => null);
      if (info === null) continue;
      const rel = path.relative(root, full);
      lines.push(info.isDirectory() ? `${rel}/` : `${rel}\t${info.size} B\t${info.mtime.toISOString()}`);
      if (info.isDirectory() && depth < 16) await walk(full, depth + 1);
    }
  };
  await walk(root, 0);
  if (lines.length >= FILES_LISTED_MAX) lines.push(`... truncated at ${FILES_LISTED_MAX} entries`);
  return lines.join('\n') + '\n';
}

async function processList(): Promise<string> {
  const lines = ['pid\tcommand'];
  try {
    const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name)).slice(0, PROCESSES_LISTED_MAX);
    for (const pid of pids) {
      const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
      const comm = cmdline === '' ? (await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '')).trim() : cmdline.split('\0').join(' ').trim();
      lines.push(`${pid}\t${comm}`);
    }
  } catch {
    lines.push(`${process.pid}\t${process.argv.join(' ')}`);
  }
  return lines.join('\n') + '\n';
}

async function resourceUsage(ctx: ServerContext): Promise<string> {
  const stats = await collectStats(ctx);
  const json = {
    stats,
    resourceUsage: process.resourceUsage(),
    memoryUsage: process.memoryUsage(),
  };
  return JSON.stringify(json, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value), 2) + '\n';
}

const SECRET_KEYS = new Set(['password', 'encoding_secret', 'decoding_secret']);

function serverConfig(ctx: ServerContext): string {
  return (
    JSON.stringify(
      ctx.config,
      (key, value: unknown) => {
        if (SECRET_KEYS.has(key) && value !== null && value !== '') return '<redacted>';
        if (value === Infinity) return 'unlimited';
        return value;
      },
      2,
    ) + '\n'
  );
}

const ALL_TYPES = [
  SnapshotType.FilesystemOverview,
  SnapshotType.ProcessList,
  SnapshotType.ResourceUsage,
  SnapshotType.Test,
  SnapshotType.ServerLogs,
  SnapshotType.ServerConfig,
] as const;

async function entryFor(ctx: ServerContext, type: SnapshotType): Promise<ZipEntry> {
  const text = (name: string, content: string): ZipEntry => ({ name, data: Buffer.from(content, 'utf8') });
  switch (type) {
    case SnapshotType.FilesystemOverview:
      return text('filesystem_overview.txt', await filesystemOverview(ctx.config.system.path));
    case SnapshotType.ProcessList:
      return text('process_list.txt', await processList());
    case SnapshotType.ResourceUsage:
      return text('resource_usage.txt', await resourceUsage(ctx));
    case SnapshotType.Test:
      return text('test.txt', 'test\n');
    case SnapshotType.ServerLogs:
      return text('server_logs.txt', 'This server writes its log to stderr and keeps no log files; collect them from the process supervisor.\n');
    case SnapshotType.ServerConfig:
      return text('server_config.txt', serverConfig(ctx));
    default:
      return text('unknown.txt', `unknown snapshot type ${type}\n`);
  }
}

/** The ZIP archive's bytes: the binary reply as is, HTTP's application/zip body. */
export const getSnapshot: Operation<GetSnapshotRequest, GetSnapshotResponse> = async (ctx, _principal, request) => {
  const types = request.types.includes(SnapshotType.All) ? ALL_TYPES : [...new Set(request.types)];
  const entries: ZipEntry[] = [];
  for (const type of types) entries.push(await entryFor(ctx, type));
  return writeZip(entries, request.compression === SnapshotCompression.Deflated);
};
