// The stored consumer and consumer-group offsets of one partition
// (STORAGE.md §2.6): `offsets/consumers/<id>` and `offsets/groups/<id>`, each
// 8 bytes, the offset as u64 LE, overwritten in place as Iggy does.
//
// The in-memory map is the truth polls read; files follow it on their own
// SerialQueue, so auto-commit never waits behind the partition's message
// writes and fsyncs. Validation against the log (empty partition, offset past
// the current one) is the partition's: this module only keeps values.
import { mkdir, open, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { log } from '../../log.js';
import { SerialQueue } from '../serial_queue.js';
import type { ConsumerKey } from '../types.js';

/** u64 LE, the whole file. */
const OFFSET_FILE_BYTES = 8;

const FOLDERS = { consumer: 'consumers', group: 'groups' } as const;

function offsetKey(consumer: ConsumerKey): string {
  return `${consumer.kind}:${consumer.id}`;
}

export class ConsumerOffsets {
  readonly #directory: string;
  readonly #enforceFsync: boolean;
  readonly #offsets = new Map<string, bigint>();
  readonly #writes = new SerialQueue();
  /** Set when the partition is being deleted: queued writes no longer touch its files. */
  #stopped = false;

  /** `directory` is the partition's; its files live under `offsets/`. */
  constructor(directory: string, enforceFsync: boolean) {
    this.#directory = directory;
    this.#enforceFsync = enforceFsync;
  }

  /** Creates both folders (a new partition, or one whose folders went missing). */
  async makeDirectories(): Promise<void> {
    for (const folder of Object.values(FOLDERS)) await mkdir(join(this.#directory, 'offsets', folder), { recursive: true });
  }

  /** Reads every stored offset; malformed files are skipped (a crash can leave one empty). */
  async load(): Promise<void> {
    for (const kind of ['consumer', 'group'] as const) {
      const folder = join(this.#directory, 'offsets', FOLDERS[kind]);
      for (const name of await readdir(folder)) {
        const bytes = await readFile(join(folder, name)).catch(() => null);
        if (!/^\d+$/.test(name) || bytes === null || bytes.length !== OFFSET_FILE_BYTES) {
          // A crash between creating and writing an offset file leaves it empty: nothing was stored.
          log.warn({ folder, name }, 'recovery: ignoring a malformed consumer offset file');
          continue;
        }
        this.#offsets.set(offsetKey({ kind, id: Number(name) }), bytes.readBigUInt64LE(0));
      }
    }
  }

  get(consumer: ConsumerKey): bigint | undefined {
    return this.#offsets.get(offsetKey(consumer));
  }

  has(consumer: ConsumerKey): boolean {
    return this.#offsets.has(offsetKey(consumer));
  }

  /** Lowest stored offset of any consumer or group; undefined when none is stored. */
  lowest(): bigint | undefined {
    let lowest: bigint | undefined;
    for (const offset of this.#offsets.values()) if (lowest === undefined || offset < lowest) lowest = offset;
    return lowest;
  }

  /** Sets the offset and persists it. */
  async store(consumer: ConsumerKey, offset: bigint): Promise<void> {
    this.#offsets.set(offsetKey(consumer), offset);
    await this.persist(consumer);
  }

  /**
   * Sets the offset in memory only, for a poll that commits as it is
   * planned; returns the undo for when the poll fails. The undo leaves a
   * value alone that someone else changed meanwhile.
   */
  advance(consumer: ConsumerKey, offset: bigint): () => void {
    const key = offsetKey(consumer);
    const previous = this.#offsets.get(key);
    this.#offsets.set(key, offset);
    return () => {
      if (this.#offsets.get(key) !== offset) return;
      if (previous === undefined) this.#offsets.delete(key);
      else this.#offsets.set(key, previous);
    };
  }

  /**
   * Persists the consumer's offset. The file gets the in-memory value as of
   * when the write runs, not when it was asked for: overlapping polls finish
   * their reads in any order, and the file must end at the latest value.
   */
  persist(consumer: ConsumerKey): Promise<void> {
    const path = this.#path(consumer);
    return this.#writes.run(async () => {
      const offset = this.#offsets.get(offsetKey(consumer));
      if (this.#stopped || offset === undefined) return; // deleted meanwhile: its removal is queued
      const bytes = Buffer.allocUnsafe(OFFSET_FILE_BYTES);
      bytes.writeBigUInt64LE(offset, 0);
      // Overwritten in place (8 bytes at 0, as Iggy does): no truncation window.
      const handle = await open(path, 'r+').catch(async (error: unknown) => {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        return open(path, 'w');
      });
      try {
        await handle.write(bytes, 0, OFFSET_FILE_BYTES, 0);
        if (this.#enforceFsync) await handle.datasync();
      } finally {
        await handle.close();
      }
    });
  }

  /** Forgets the offset and removes its file; false (nothing done) when none was stored. */
  async delete(consumer: ConsumerKey): Promise<boolean> {
    if (!this.#offsets.delete(offsetKey(consumer))) return false;
    const path = this.#path(consumer);
    await this.#writes.run(() => rm(path, { force: true }));
    return true;
  }

  /** Forgets every offset and empties both folders (purge). */
  async clear(): Promise<void> {
    this.#offsets.clear();
    await this.#writes.run(async () => {
      for (const folder of Object.values(FOLDERS)) {
        const path = join(this.#directory, 'offsets', folder);
        await rm(path, { recursive: true, force: true });
        await mkdir(path, { recursive: true });
      }
    });
  }

  /** Resolves once every write queued so far has finished. */
  drain(): Promise<void> {
    return this.#writes.drain();
  }

  /** The partition is going away: writes still queued are skipped; resolves when none runs. */
  stop(): Promise<void> {
    this.#stopped = true;
    return this.#writes.drain();
  }

  #path(consumer: ConsumerKey): string {
    return join(this.#directory, 'offsets', FOLDERS[consumer.kind], String(consumer.id));
  }
}
