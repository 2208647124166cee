// Metadata log (state/log): append-only, one record per metadata change.
//
// Record layout (little-endian):
//   length   u32  payload bytes L
//   checksum u64  XXH3-64 (seed 0) of the payload
//   payload  L    UTF-8 JSON of a StateRecord (records.ts)
//
// Each append is written at the end of the file and fsynced before the change
// is applied, so a kill -9 (or power loss) at any instant leaves either the old
// or the new state. At start-up a torn tail (short header, short payload, or a
// bad checksum on the final record) is truncated away; a bad checksum on a
// record followed by more data is corruption (InvalidStateEntryChecksum 16).
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { assert } from '../../assert.js';
import type { Core } from '../../core/core.js';
import { IggyError } from '../../errors/iggy_error.js';
import { log } from '../../log.js';
import { decodeRecord, encodeRecord, type StateRecord } from './records.js';

const HEADER_BYTES = 12;

export class StateLog {
  readonly #core: Core;
  readonly #handle: FileHandle;
  #sizeBytes: number;
  #writtenBytes = 0;

  private constructor(core: Core, handle: FileHandle, sizeBytes: number) {
    this.#core = core;
    this.#handle = handle;
    this.#sizeBytes = sizeBytes;
  }

  /** Opens (creating if missing) the log and returns it with every intact record, in order. */
  static async open(path: string, core: Core): Promise<{ stateLog: StateLog; records: StateRecord[] }> {
    await mkdir(dirname(path), { recursive: true });
    const handle = await open(path, 'a+');
    await handle.close();
    const rw = await open(path, 'r+');
    try {
      const bytes = await rw.readFile();
      const records: StateRecord[] = [];
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      let position = 0;
      let torn: string | null = null;
      while (position < bytes.length) {
        if (position + HEADER_BYTES > bytes.length) {
          torn = 'short record header';
          break;
        }
        const length = view.getUint32(position, true);
        const checksum = view.getBigUint64(position + 4, true);
        const end = position + HEADER_BYTES + length;
        if (end > bytes.length) {
          torn = 'short record payload';
          break;
        }
        const payload = bytes.subarray(position + HEADER_BYTES, end);
        if (core.xxh3_64(payload) !== checksum) {
          if (end === bytes.length) {
            torn = 'bad checksum on the last record';
            break;
          }
          throw IggyError.of('InvalidStateEntryChecksum', `state log record at byte ${position}`);
        }
        records.push(decodeRecord(payload));
        position = end;
      }
      if (torn !== null) {
        log.warn({ path, keptBytes: position, droppedBytes: bytes.length - position, reason: torn }, 'state log: truncated torn tail');
        await rw.truncate(position);
        await rw.sync();
      }
      return { stateLog: new StateLog(core, rw, position), records };
    } catch (error) {
      await rw.close();
      throw error;
    }
  }

  /** Appends one record and fsyncs it. Callers serialise appends (one metadata queue). */
  async append(record: StateRecord): Promise<void> {
    const payload = encodeRecord(record);
    const frame = Buffer.allocUnsafe(HEADER_BYTES + payload.length);
    frame.writeUInt32LE(payload.length, 0);
    frame.writeBigUInt64LE(this.#core.xxh3_64(payload), 4);
    frame.set(payload, HEADER_BYTES);
    const { bytesWritten } = await this.#handle.write(frame, 0, frame.length, this.#sizeBytes);
    assert(bytesWritten === frame.length, 'state log: short write');
    await this.#handle.datasync();
    this.#sizeBytes += frame.length;
    this.#writtenBytes += frame.length;
  }

  get writtenBytes(): number {
    return this.#writtenBytes;
  }

  async close(): Promise<void> {
    await this.#handle.close();
  }
}
