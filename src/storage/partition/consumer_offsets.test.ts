// ConsumerOffsets on a real temp directory: what it writes is the 8-byte,
// u64 LE file per consumer or group (STORAGE.md §2.6), what it loads back,
// how it treats files a crash left malformed, and that the undo of a poll's
// commit never clobbers a newer value.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setLogLevel } from '../../log.js';
import { ConsumerOffsets } from './consumer_offsets.js';

setLogLevel('error'); // the malformed-file test logs a recovery warning on purpose

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'iggy-offsets-'));
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function opened(enforceFsync = false): Promise<ConsumerOffsets> {
  const offsets = new ConsumerOffsets(directory, enforceFsync);
  await offsets.makeDirectories();
  await offsets.load();
  return offsets;
}

function u64(value: bigint): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64LE(value, 0);
  return bytes;
}

describe('ConsumerOffsets', () => {
  it('stores each offset as 8 bytes u64 LE under consumers/ or groups/', async () => {
    const offsets = await opened(true);
    await offsets.store({ kind: 'consumer', id: 7 }, 42n);
    await offsets.store({ kind: 'group', id: 3 }, 0xffff_ffff_ffff_fffen);
    expect(await readFile(join(directory, 'offsets', 'consumers', '7'))).toEqual(u64(42n));
    expect(await readFile(join(directory, 'offsets', 'groups', '3'))).toEqual(u64(0xffff_ffff_ffff_fffen));
    expect(offsets.get({ kind: 'consumer', id: 7 })).toBe(42n);
    expect(offsets.get({ kind: 'group', id: 7 })).toBeUndefined(); // kinds are separate namespaces
  });

  it('overwrites in place and loads every stored value back', async () => {
    const offsets = await opened();
    await offsets.store({ kind: 'consumer', id: 1 }, 10n);
    await offsets.store({ kind: 'consumer', id: 1 }, 5n);
    await offsets.store({ kind: 'group', id: 2 }, 9n);
    expect((await readFile(join(directory, 'offsets', 'consumers', '1'))).length).toBe(8);
    const reloaded = await opened();
    expect(reloaded.get({ kind: 'consumer', id: 1 })).toBe(5n);
    expect(reloaded.get({ kind: 'group', id: 2 })).toBe(9n);
    expect(reloaded.lowest()).toBe(5n);
  });

  it('skips files a crash left empty or misnamed', async () => {
    await new ConsumerOffsets(directory, false).makeDirectories();
    await writeFile(join(directory, 'offsets', 'consumers', '4'), Buffer.alloc(0));
    await writeFile(join(directory, 'offsets', 'consumers', 'x1'), u64(1n));
    await writeFile(join(directory, 'offsets', 'groups', '5'), u64(77n));
    const offsets = await opened();
    expect(offsets.get({ kind: 'consumer', id: 4 })).toBeUndefined();
    expect(offsets.has({ kind: 'group', id: 5 })).toBe(true);
    expect(offsets.lowest()).toBe(77n);
  });

  it('deletes the value and its file, and reports when there was none', async () => {
    const offsets = await opened();
    await offsets.store({ kind: 'group', id: 8 }, 3n);
    expect(await offsets.delete({ kind: 'group', id: 8 })).toBe(true);
    expect(await offsets.delete({ kind: 'group', id: 8 })).toBe(false);
    expect(await readdir(join(directory, 'offsets', 'groups'))).toEqual([]);
    expect(offsets.lowest()).toBeUndefined();
  });

  it('undoes an advance only while nobody changed the value since', async () => {
    const offsets = await opened();
    const consumer = { kind: 'consumer', id: 1 } as const;
    const undoFirst = offsets.advance(consumer, 4n);
    undoFirst();
    expect(offsets.has(consumer)).toBe(false); // nothing was stored before
    await offsets.store(consumer, 2n);
    const undo = offsets.advance(consumer, 6n);
    offsets.advance(consumer, 9n); // an overlapping poll moved on
    undo();
    expect(offsets.get(consumer)).toBe(9n);
  });

  it('persists the value current when the write runs, not when it was queued', async () => {
    const offsets = await opened();
    const consumer = { kind: 'consumer', id: 2 } as const;
    offsets.advance(consumer, 1n);
    const first = offsets.persist(consumer);
    offsets.advance(consumer, 8n);
    await Promise.all([first, offsets.persist(consumer)]);
    expect(await readFile(join(directory, 'offsets', 'consumers', '2'))).toEqual(u64(8n));
  });

  it('clear forgets everything and leaves both folders empty', async () => {
    const offsets = await opened();
    await offsets.store({ kind: 'consumer', id: 1 }, 1n);
    await offsets.store({ kind: 'group', id: 1 }, 1n);
    await offsets.clear();
    expect(offsets.lowest()).toBeUndefined();
    expect(await readdir(join(directory, 'offsets', 'consumers'))).toEqual([]);
    expect(await readdir(join(directory, 'offsets', 'groups'))).toEqual([]);
  });

  it('after stop, queued writes leave the files alone', async () => {
    const offsets = await opened();
    const consumer = { kind: 'consumer', id: 3 } as const;
    offsets.advance(consumer, 5n);
    const write = offsets.persist(consumer);
    await offsets.stop();
    await write;
    expect(await readdir(join(directory, 'offsets', 'consumers'))).toEqual([]);
  });
});
