// The metadata log as its writers see it: one queue on which changes run one
// at a time (validate, append the fsynced record, then apply it in memory),
// and the appliers the records are replayed into at start-up. Storage applies
// the catalogue's records (streams, topics, partitions, groups); the user and
// token store of src/server/auth registers for its own, so users live above
// storage while sharing its log, its queue and its crash semantics.
import { assert } from '../../assert.js';
import type { Core } from '../../core/core.js';
import { IggyError } from '../../errors/iggy_error.js';
import { SerialQueue } from '../serial_queue.js';
import type { StateRecord } from './records.js';
import { StateLog } from './state_log.js';

export type RecordOp = StateRecord['op'];

/** Keeps some of the records' in-memory state; `owns` tells which ops are its. */
export interface RecordApplier {
  owns(op: RecordOp): boolean;
  apply(record: StateRecord): void;
}

/** What a writer of metadata needs: its turn on the queue, and a way to record a change durably. */
export interface MetadataWriter {
  /** Runs `change` after every change queued before it. */
  run<T>(change: () => Promise<T>): Promise<T>;
  /** Appends `record` (fsynced), then applies it to its owner. Call inside run(). */
  commit(record: StateRecord): Promise<void>;
}

export class MetadataLog implements MetadataWriter {
  readonly #queue = new SerialQueue();
  readonly #appliers: RecordApplier[];
  #log: StateLog | null = null;
  #closed = false;

  constructor(appliers: readonly RecordApplier[]) {
    this.#appliers = [...appliers];
  }

  /** Opens the log and replays every record into its applier; returns how many there were. */
  async open(path: string, core: Core): Promise<number> {
    const { stateLog, records } = await StateLog.open(path, core);
    this.#log = stateLog;
    for (const record of records) this.#apply(record);
    return records.length;
  }

  run<T>(change: () => Promise<T>): Promise<T> {
    return this.#queue.run(change);
  }

  async commit(record: StateRecord): Promise<void> {
    await this.persist(record);
    this.#apply(record);
  }

  /** Appends without applying, for a change whose in-memory part the caller does itself afterwards. */
  async persist(record: StateRecord): Promise<void> {
    assert(this.#log !== null, 'metadata log not open');
    if (this.#closed) throw IggyError.of('Error', 'storage is closed');
    await this.#log.append(record);
  }

  /** Resolves once every change queued so far has finished. */
  drain(): Promise<void> {
    return this.#queue.drain();
  }

  get writtenBytes(): number {
    return this.#log?.writtenBytes ?? 0;
  }

  /** Waits for queued changes, then closes the file; later changes fail. */
  async close(): Promise<void> {
    await this.#queue.drain();
    this.#closed = true;
    await this.#log?.close();
  }

  #apply(record: StateRecord): void {
    const owner = this.#appliers.find((applier) => applier.owns(record.op));
    assert(owner !== undefined, `no applier for ${record.op}`);
    owner.apply(record);
  }
}
