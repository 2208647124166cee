// The ceiling: the least a Node server must do for this workload, so the
// ratio "our server / ceiling" is measured on this machine, not assumed. It
// reads length-prefixed request frames from TCP as views of the received
// chunks (never joined), appends every frame to one file (one positional
// writev of those views), answers each with a minimal empty OK once its
// write returned (the page cache has it: what the outside harness's ceiling
// and Iggy's threshold-triggered save promise before an ack), and
// serves polls by offset from the frames as received, kept in memory: a
// 24-byte header and the views of the stored message block, no copy. That is the
// least any server can do for a poll (a first try read the bytes back from the
// file, and our server, serving from its cache, beat that "ceiling"). No
// validation, no checksums, no indexes beyond an in-memory list, no users
// (LoginUser is acked as user 0).
//
// Request  = [length u32 = 4 + payload][code u32][payload]
// Response = [status u32][length u32][payload]  (BINARY.md §2.1)
// SendMessages payload (§4.4): [M u32][stream id][topic id][partitioning][count u32][16·count index][messages]
// PollMessages payload (§8.21): [consumer][stream id][topic id][opt partition 5][strategy kind u8, value u64][count u32][auto_commit u8]
// Poll response (§4.5): [partition_id u32][current_offset u64][count u32][messages]
import { open, type FileHandle } from 'node:fs/promises';
import net from 'node:net';
import { pollMessages } from '../src/protocol/commands/messages/poll_messages.js';
import { sendMessages } from '../src/protocol/commands/messages/send_messages.js';
import { loginUser } from '../src/protocol/commands/users/login_user.js';
import { PollingKind } from '../src/protocol/types.js';
import { SliceQueue, sliceRange } from './slice_queue.js';

const OK_EMPTY = Buffer.from([0, 0, 0, 0, 0, 0, 0, 0]);
const OK_LOGIN = Buffer.from([0, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0]);
/** Linux's limit on the buffers of one writev. */
const IOV_MAX = 1024;
// Codes and kinds from src/protocol; the sink parses only the few fields it needs, by hand, to stay minimal.
const CODE_LOGIN = loginUser.code;
const CODE_POLL = pollMessages.code;
const CODE_SEND = sendMessages.code;
const POLL_OFFSET = PollingKind.Offset;
const POLL_FIRST = PollingKind.First;

interface StoredBatch {
  firstOffset: number;
  count: number;
  /** The messages block: views of the received frame (which is also in the file). */
  messages: Buffer[];
  messagesBytes: number;
}

interface StreamLog {
  nextOffset: number;
  batches: StoredBatch[];
}

export interface CeilingSink {
  readonly port: number;
  readonly stats: { frames: number; bytesWritten: number };
  close(): Promise<void>;
}

/** Enough of a frame's start to parse any request's fixed fields: header, metadata length, identifiers, count. */
const PREFIX_BYTES_MAX = 8 + 4 + 3 * 257 + 6 + 4;

/** Identifier at `at`: numeric ids are keyed by value, names by their text. */
function identifierKey(payload: Buffer, at: number): { key: string; end: number } {
  const kind = payload[at];
  const length = payload[at + 1] as number;
  const key = kind === 1 ? String(payload.readUInt32LE(at + 2)) : `s:${payload.toString('utf8', at + 2, at + 2 + length)}`;
  return { key, end: at + 2 + length };
}

export interface CeilingSinkOptions {
  file: string;
  host?: string;
  port?: number;
  /**
   * Keep every received batch in memory for polls (default true). A
   * send-only workload needs no such cache, and keeping it is not free: every
   * retained socket chunk makes the next one fresh memory (page faults the
   * kernel must zero), which cost the sink more CPU than its writes.
   */
  retainForPolls?: boolean;
}

/** writev as often as it takes: a positional writev may write less than asked. */
async function writeAllAt(file: FileHandle, slices: Buffer[], position: number): Promise<void> {
  let rest = slices;
  let at = position;
  while (rest.length > 0) {
    const group = rest.length > IOV_MAX ? rest.slice(0, IOV_MAX) : rest;
    const { bytesWritten } = await file.writev(group, at);
    if (bytesWritten === 0) throw new Error('writev wrote nothing');
    at += bytesWritten;
    rest = sliceRange(rest, bytesWritten);
  }
}

export async function startCeilingSink(options: CeilingSinkOptions): Promise<CeilingSink> {
  const retain = options.retainForPolls ?? true;
  const file: FileHandle = await open(options.file, 'w+');
  let filePosition = 0;
  const streams = new Map<string, StreamLog>();
  const stats = { frames: 0, bytesWritten: 0 };
  const sockets = new Set<net.Socket>();
  const pendingWrites = new Set<Promise<void>>();

  const streamLog = (key: string): StreamLog => {
    let log = streams.get(key);
    if (log === undefined) streams.set(key, (log = { nextOffset: 0, batches: [] }));
    return log;
  };

  /**
   * Handles one frame, given as views of the received chunks and a parsed
   * copy of its start; resolves with the response bytes. Offsets are taken
   * on arrival, in order.
   */
  const handle = (code: number, prefix: Buffer, slices: Buffer[], frameBytes: number): Promise<Buffer> | Buffer | Buffer[] => {
    stats.frames++;
    const payload = prefix.subarray(8);
    if (code === CODE_SEND) {
      const metadataLength = payload.readUInt32LE(0);
      const { key } = identifierKey(payload, 4);
      const count = payload.readUInt32LE(metadataLength);
      const blockStart = 8 + 4 + metadataLength + 16 * count;
      const log = streamLog(key);
      const written = writeAllAt(file, slices, filePosition).then(() => {
        stats.bytesWritten += frameBytes;
      });
      pendingWrites.add(written);
      void written.finally(() => pendingWrites.delete(written));
      if (retain) log.batches.push({ firstOffset: log.nextOffset, count, messages: sliceRange(slices, blockStart), messagesBytes: frameBytes - blockStart });
      log.nextOffset += count;
      filePosition += frameBytes;
      return written.then(() => OK_EMPTY);
    }
    if (code === CODE_POLL) {
      let at = 1; // consumer kind
      at = identifierKey(payload, at).end; // consumer id
      const stream = identifierKey(payload, at);
      at = identifierKey(payload, stream.end).end + 5; // topic id, opt partition
      const strategy = payload[at] as number;
      const value = Number(payload.readBigUInt64LE(at + 1));
      const log = streams.get(stream.key);
      const wanted = strategy === POLL_OFFSET ? value : strategy === POLL_FIRST ? 0 : -1;
      const batch = log === undefined || wanted < 0 ? undefined : findBatch(log.batches, wanted);
      // Whole stored batches only: the bench polls at batch boundaries.
      return log === undefined || batch === undefined ? [pollHeader(log, 0, 0)] : [pollHeader(log, batch.count, batch.messagesBytes), ...batch.messages];
    }
    return code === CODE_LOGIN ? OK_LOGIN : OK_EMPTY;
  };

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    // Responses leave in request order even when file operations finish out of order.
    let tail: Promise<unknown> = Promise.resolve();
    const queue = new SliceQueue();
    socket.on('data', (chunk: Buffer) => {
      queue.push(chunk);
      while (queue.bufferedBytes >= 8) {
        const total = 4 + queue.peekU32LE(0);
        if (queue.bufferedBytes < total) return;
        const prefix = queue.peek(Math.min(total, PREFIX_BYTES_MAX));
        const reply = handle(prefix.readUInt32LE(4), prefix, queue.takeSlices(total), total);
        tail = tail.then(() => reply).then(
          (bytes) => {
            if (!Array.isArray(bytes)) return socket.write(bytes);
            socket.cork();
            for (const part of bytes) socket.write(part);
            socket.uncork();
            return true;
          },
          () => socket.destroy(),
        );
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  let closing: Promise<void> | null = null;
  return {
    port,
    stats,
    /** Stops listening, drops connections, waits for queued writes, closes the file. Idempotent. */
    close() {
      closing ??= closeAll();
      return closing;
    },
  };

  async function closeAll(): Promise<void> {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await Promise.allSettled([...pendingWrites]);
    await file.close();
  }
}

function findBatch(batches: readonly StoredBatch[], offset: number): StoredBatch | undefined {
  let low = 0;
  let high = batches.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const batch = batches[mid]!;
    if (offset < batch.firstOffset) high = mid - 1;
    else if (offset >= batch.firstOffset + batch.count) low = mid + 1;
    else return batch;
  }
  return undefined;
}

/** Frame header and poll header in front of `count` messages of `messagesBytes` sent after it. */
function pollHeader(log: StreamLog | undefined, count: number, messagesBytes: number): Buffer {
  const bytes = Buffer.allocUnsafe(24);
  bytes.writeUInt32LE(0, 0);
  bytes.writeUInt32LE(16 + messagesBytes, 4);
  bytes.writeUInt32LE(0, 8);
  bytes.writeBigUInt64LE(BigInt(Math.max(0, (log?.nextOffset ?? 0) - 1)), 12);
  bytes.writeUInt32LE(count, 20);
  return bytes;
}
