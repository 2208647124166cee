// Start-up check of a partition's segments (STORAGE.md §2.5). A kill -9 or
// power loss can leave the last segment with a torn tail: a partial message at
// the end of .log, index entries past the end of .log, a partial index entry,
// or .log messages the index never got. For every segment the index is checked
// against the log (relative offsets 0,1,2…, increasing end positions, nothing
// past the log end); the last segment's trailing messages (up to
// TAIL_VERIFY_BYTES, or all with validate_checksum) are re-read and verified
// with core.verifyStored; log bytes after the last indexed message are walked
// message by message (length fields, checksum, offset) and indexed when whole.
// The first fault truncates both files there. A missing index is rebuilt from
// the log. Every repair is logged.
import { open, readdir, readFile, stat, unlink, writeFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Core } from '../../core/core.js';
import { PROTOCOL } from '../../limits.js';
import { log } from '../../log.js';
import { INDEX_ENTRY_BYTES, IndexEntryOffset, MESSAGE_HEADER_BYTES, MessageHeaderOffset } from '../../protocol/layout.js';
import { Segment } from '../segment/segment.js';

/** How much of the last segment's indexed tail is re-verified at start-up. */
export const TAIL_VERIFY_BYTES = 4 * 1024 * 1024;
const WALK_WINDOW_BYTES = 8 * 1024 * 1024;
const SEGMENT_NAME = /^(\d{20})\.(log|index)$/;

export interface RecoveryOptions {
  /** Verify every message of every segment (system.partition.validate_checksum). */
  verifyAll: boolean;
  /** Re-verify the last segment's indexed tail: off after a clean shutdown, which wrote and fsynced everything. */
  verifyTail: boolean;
}

/** Loads a partition's segments in offset order, repairing torn tails. Returns [] when there are none. */
export async function recoverSegments(directory: string, core: Core, options: RecoveryOptions): Promise<Segment[]> {
  const names = await readdir(directory);
  const logs = new Set<string>();
  const indexes = new Set<string>();
  for (const name of names) {
    const match = SEGMENT_NAME.exec(name);
    if (match === null) continue;
    (match[2] === 'log' ? logs : indexes).add(match[1]!);
  }
  for (const stem of indexes) {
    if (logs.has(stem)) continue;
    log.warn({ directory, stem }, 'recovery: removing an index without its log');
    await unlink(join(directory, `${stem}.index`));
  }
  const stems = [...logs].sort();
  const segments: Segment[] = [];
  for (let i = 0; i < stems.length; i += 1) {
    const stem = stems[i]!;
    const isLast = i === stems.length - 1;
    segments.push(await recoverSegment(directory, BigInt(stem), indexes.has(stem), isLast, core, options));
  }
  // A segment cut short leaves later segments starting past a gap; when those
  // are empty (the crash came right after a roll-over) they are dropped so the
  // repaired one is active again.
  for (let i = 0; i + 1 < segments.length; i += 1) {
    const expected = segments[i]!.nextOffset;
    if (segments[i + 1]!.startOffset === expected) continue;
    const rest = segments.slice(i + 1);
    if (rest.every((segment) => segment.messagesCount === 0)) {
      log.warn({ directory, expected: expected.toString(), dropped: rest.length }, 'recovery: removing empty segments after a gap');
      for (const segment of rest) await segment.remove();
      segments.length = i + 1;
      break;
    }
    log.error({ directory, expected: expected.toString(), found: segments[i + 1]!.startOffset.toString() }, 'recovery: offset gap between segments');
  }
  return segments;
}

async function recoverSegment(
  directory: string,
  startOffset: bigint,
  hasIndex: boolean,
  isLast: boolean,
  core: Core,
  options: RecoveryOptions,
): Promise<Segment> {
  const probe = new Segment(directory, startOffset, new Uint8Array(0), 0);
  const logBytes = (await stat(probe.logPath)).size;
  const storedIndex = hasIndex ? await readFile(probe.indexPath) : null;
  const repairs: string[] = [];
  if (storedIndex === null) repairs.push('index missing: rebuilt from log');
  else if (storedIndex.length % INDEX_ENTRY_BYTES !== 0) repairs.push('partial index entry dropped');

  const handle = await open(probe.logPath, 'r+');
  try {
    // 1. The longest prefix of index entries that is well-formed and inside the log.
    const index = storedIndex ?? new Uint8Array(0);
    const view = new DataView(index.buffer, index.byteOffset, index.byteLength);
    const stored = Math.floor(index.length / INDEX_ENTRY_BYTES);
    let valid = 0;
    let previousEnd = 0;
    while (valid < stored) {
      const at = valid * INDEX_ENTRY_BYTES;
      const relative = view.getUint32(at + IndexEntryOffset.relativeOffset, true);
      const end = view.getUint32(at + IndexEntryOffset.endPosition, true);
      if (relative !== valid || end - previousEnd < MESSAGE_HEADER_BYTES || end > logBytes) break;
      previousEnd = end;
      valid += 1;
    }
    if (valid < stored) repairs.push(`${stored - valid} index entries past the log or malformed`);
    const endOf = (entry: number): number => (entry < 0 ? 0 : view.getUint32(entry * INDEX_ENTRY_BYTES + IndexEntryOffset.endPosition, true));

    // 2. Re-verify the indexed tail (checksums, lengths, offsets).
    if (valid > 0 && ((isLast && options.verifyTail) || options.verifyAll || endOf(valid - 1) !== logBytes)) {
      const limit = options.verifyAll ? Infinity : TAIL_VERIFY_BYTES;
      let first = valid - 1;
      while (first > 0 && endOf(valid - 1) - endOf(first - 2) <= limit) first -= 1;
      const from = endOf(first - 1);
      const bytes = await readAt(handle, from, endOf(valid - 1) - from);
      for (let entry = first; entry < valid; entry += 1) {
        const message = bytes.subarray(endOf(entry - 1) - from, endOf(entry) - from);
        if (!wholeMessage(message, core, startOffset + BigInt(entry))) {
          repairs.push(`message at offset ${startOffset + BigInt(entry)} fails verification`);
          valid = entry;
          break;
        }
      }
    }

    // 3. Walk log bytes that no index entry covers.
    const entries: Uint8Array[] = [index.subarray(0, valid * INDEX_ENTRY_BYTES)];
    let position = endOf(valid - 1);
    let count = valid;
    let rebuilt = 0;
    while (position < logBytes) {
      const window = await readAt(handle, position, Math.min(WALK_WINDOW_BYTES, logBytes - position));
      let used = 0;
      for (;;) {
        const size = messageSize(window, used);
        if (size === null || used + size > window.length) break;
        const message = window.subarray(used, used + size);
        if (!wholeMessage(message, core, startOffset + BigInt(count))) break;
        entries.push(indexEntryFor(message, count, position + used + size));
        used += size;
        count += 1;
        rebuilt += 1;
      }
      if (used === 0) {
        // A message larger than the window still fits if it is whole: widen once.
        const size = messageSize(window, 0);
        if (size !== null && size > window.length && position + size <= logBytes) {
          const message = await readAt(handle, position, size);
          if (wholeMessage(message, core, startOffset + BigInt(count))) {
            entries.push(indexEntryFor(message, count, position + size));
            position += size;
            count += 1;
            rebuilt += 1;
            continue;
          }
        }
        break;
      }
      position += used;
    }
    if (rebuilt > 0 && storedIndex !== null) repairs.push(`${rebuilt} unindexed messages indexed`);
    if (position < logBytes) repairs.push(`${logBytes - position} torn bytes cut from the log`);

    const finalIndex = Buffer.concat(entries);
    if (position < logBytes) {
      await handle.truncate(position);
      await handle.datasync();
    }
    if (storedIndex === null || !finalIndex.equals(storedIndex)) {
      await writeFile(probe.indexPath, finalIndex, { flush: true });
    }
    if (repairs.length > 0) {
      log.warn({ segment: probe.logPath, messages: count, bytes: position, repairs }, 'recovery: segment repaired');
    }
    return new Segment(directory, startOffset, new Uint8Array(finalIndex), position);
  } finally {
    await handle.close();
  }
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const bytes = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(bytes, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return bytes.subarray(0, done);
}

/** Size of the message starting at `at` from its length fields, or null when the header is cut or absurd. */
function messageSize(bytes: Uint8Array, at: number): number | null {
  if (at + MESSAGE_HEADER_BYTES > bytes.length) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset + at, MESSAGE_HEADER_BYTES);
  const userHeadersBytes = view.getUint32(MessageHeaderOffset.userHeadersLength, true);
  const payloadBytes = view.getUint32(MessageHeaderOffset.payloadLength, true);
  if (payloadBytes > PROTOCOL.messagePayloadBytesMax || userHeadersBytes > PROTOCOL.userHeadersBytesMax) return null;
  return MESSAGE_HEADER_BYTES + payloadBytes + userHeadersBytes;
}

/** The .index entry of a walked, whole message: its relative offset, end position and stored timestamp. */
function indexEntryFor(message: Uint8Array, relativeOffset: number, endPosition: number): Uint8Array {
  const entry = new Uint8Array(INDEX_ENTRY_BYTES);
  const view = new DataView(entry.buffer);
  const timestampUs = new DataView(message.buffer, message.byteOffset, MESSAGE_HEADER_BYTES).getBigUint64(MessageHeaderOffset.timestamp, true);
  view.setUint32(IndexEntryOffset.relativeOffset, relativeOffset, true);
  view.setUint32(IndexEntryOffset.endPosition, endPosition, true);
  view.setBigUint64(IndexEntryOffset.timestamp, timestampUs, true);
  return entry;
}

/** One message whose length fields span exactly these bytes, with a valid checksum and the expected offset. */
function wholeMessage(message: Uint8Array, core: Core, offset: bigint): boolean {
  return messageSize(message, 0) === message.length && core.verifyStored(message, 1, offset) === 0;
}
