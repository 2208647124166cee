// The metadata log keeps every whole record and drops a torn tail: cutting
// the file at every byte of its last record must reopen with exactly the
// records before it, and a damaged record in the middle is an error (16).
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { coreTs } from '../../core/core_ts.js';
import { IggyError } from '../../errors/iggy_error.js';
import { setLogLevel } from '../../log.js';
import type { StateRecord } from './records.js';
import { StateLog } from './state_log.js';

setLogLevel('error');

const RECORDS: StateRecord[] = [
  { op: 'stream.create', id: 0, name: 'alpha', createdAtUs: 1_700_000_000_000_000n },
  { op: 'pat.create', userId: 3, name: 'ci', tokenHash: 'ab', expiryAtUs: null },
  {
    op: 'user.permissions',
    id: 4,
    permissions: {
      global: {
        manageServers: true, readServers: false, manageUsers: false, readUsers: false, manageStreams: false,
        readStreams: true, manageTopics: false, readTopics: false, pollMessages: true, sendMessages: false,
      },
      streams: new Map([[7, { manageStream: false, readStream: true, manageTopics: false, readTopics: true, pollMessages: false, sendMessages: true, topics: new Map() }]]),
    },
  },
];

describe('StateLog', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function written(): Promise<{ path: string; sizes: number[] }> {
    dir = await mkdtemp(join(tmpdir(), 'iggy-state-'));
    const path = join(dir, 'state', 'log');
    const { stateLog, records } = await StateLog.open(path, coreTs);
    expect(records).toEqual([]);
    const sizes: number[] = [];
    for (const record of RECORDS) {
      await stateLog.append(record);
      sizes.push((await stat(path)).size);
    }
    await stateLog.close();
    return { path, sizes };
  }

  it('round-trips records, bigint and Map values included', async () => {
    const { path } = await written();
    const { stateLog, records } = await StateLog.open(path, coreTs);
    await stateLog.close();
    expect(records).toEqual(RECORDS);
  });

  it('drops a torn last record cut anywhere, and appends after it', async () => {
    const { path, sizes } = await written();
    const original = await readFile(path);
    // Every byte of the record header, then every 7th byte of its payload (each cut costs fsyncs).
    const cuts: number[] = [];
    for (let cut = sizes[1]!; cut < sizes[2]!; cut += cut < sizes[1]! + 14 ? 1 : 7) cuts.push(cut);
    cuts.push(sizes[2]! - 1);
    for (const cut of cuts) {
      await writeFile(path, original.subarray(0, cut));
      const { stateLog, records } = await StateLog.open(path, coreTs);
      expect(records).toEqual(RECORDS.slice(0, 2));
      expect((await stat(path)).size).toBe(sizes[1]);
      await stateLog.append(RECORDS[2]!);
      await stateLog.close();
      expect((await StateLog.open(path, coreTs).then(async (opened) => (await opened.stateLog.close(), opened.records)))).toEqual(RECORDS);
    }
  });

  it('drops a last record with a bad checksum, refuses one in the middle (16)', async () => {
    const { path, sizes } = await written();
    const bytes = await readFile(path);
    bytes[sizes[2]! - 1] = bytes[sizes[2]! - 1]! ^ 1;
    await writeFile(path, bytes);
    const opened = await StateLog.open(path, coreTs);
    await opened.stateLog.close();
    expect(opened.records).toEqual(RECORDS.slice(0, 2));

    await rm(dir, { recursive: true, force: true });
    const fresh = await written();
    const damaged = await readFile(fresh.path);
    damaged[fresh.sizes[0]! - 1] = damaged[fresh.sizes[0]! - 1]! ^ 1;
    await writeFile(fresh.path, damaged);
    await expect(StateLog.open(fresh.path, coreTs)).rejects.toSatisfy((error: unknown) => error instanceof IggyError && error.code === 16);
  });
});
