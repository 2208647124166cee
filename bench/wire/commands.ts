// The handful of Iggy 0.8 requests the bench speaks (BINARY.md §8), as whole
// request frames built once, plus the few response fields it reads. The bench
// must measure any 0.8 server (ours, Apache Iggy's), so it talks the wire
// directly instead of through a client library whose overhead would be
// measured too; the field writers come from src/protocol, so layouts are not
// written twice.
//
// Frames: request = [length u32 = 4 + payload][code u32][payload];
//         response = [status u32][length u32][payload] (BINARY.md §2.1).
import { assert } from '../../src/assert.js';
import { COMMAND } from '../../src/protocol/codes.js';
import { writeConsumer, consumerSizeBytes } from '../../src/protocol/consumer.js';
import { REQUEST_HEADER_BYTES, writeRequestHeader } from '../../src/protocol/frame.js';
import { identifierSizeBytes, writeIdentifier } from '../../src/protocol/identifier.js';
import { partitioningSizeBytes, writePartitioning } from '../../src/protocol/partitioning.js';
import { POLLING_STRATEGY_BYTES, writePollingStrategy } from '../../src/protocol/polling_strategy.js';
import { Reader, Writer, str8SizeBytes } from '../../src/protocol/reader.js';
import type { Consumer, Identifier, Partitioning, PollingStrategy } from '../../src/protocol/types.js';

/** Message header size on the wire and on disk (BINARY.md §4.1). */
export const MESSAGE_HEADER_BYTES = 64;
/** Index entry per message in a SendMessages request (BINARY.md §4.4). */
export const SEND_INDEX_ENTRY_BYTES = 16;
/** PollMessages response header: partition_id u32, current_offset u64, count u32 (BINARY.md §4.5). */
export const POLL_RESPONSE_HEADER_BYTES = 16;

function frame(code: number, payloadBytes: number, write: (writer: Writer) => void): Uint8Array {
  const bytes = new Uint8Array(REQUEST_HEADER_BYTES + payloadBytes);
  const start = writeRequestHeader(bytes, 0, code, payloadBytes);
  const writer = new Writer(bytes, start);
  write(writer);
  assert(writer.offset === bytes.length, `command ${code}: sized ${payloadBytes}, wrote ${writer.offset - start}`);
  return bytes;
}

/** LoginUser (38): Name username, str8 password, u32 version length 0, u32 context length 0. */
export function loginUserFrame(username: string, password: string): Uint8Array {
  return frame(COMMAND.LoginUser, str8SizeBytes(username) + str8SizeBytes(password) + 8, (w) => {
    w.name(username, 'username').str8(password, 'password').u32(0).u32(0);
  });
}

export function pingFrame(): Uint8Array {
  return frame(COMMAND.Ping, 0, () => {});
}

export function getStatsFrame(): Uint8Array {
  return frame(COMMAND.GetStats, 0, () => {});
}

/** JoinConsumerGroup (604): stream id, topic id, group id. */
export function joinConsumerGroupFrame(streamId: Identifier, topicId: Identifier, groupId: Identifier): Uint8Array {
  return frame(COMMAND.JoinConsumerGroup, identifierSizeBytes(streamId) + identifierSizeBytes(topicId) + identifierSizeBytes(groupId), (w) => {
    writeIdentifier(w, streamId, 'stream id');
    writeIdentifier(w, topicId, 'topic id');
    writeIdentifier(w, groupId, 'group id');
  });
}

export interface SendMessagesFrameOptions {
  streamId: Identifier;
  topicId: Identifier;
  partitioning: Partitioning;
  messagesCount: number;
  /** Payload bytes per message (the bench's "message size"). */
  messageSizeBytes: number;
  /** Fills each payload; the default writes a repeating byte pattern (not zeros, so nothing compresses it away). */
  fillPayload?: (payload: Uint8Array, messageIndex: number) => void;
}

/**
 * SendMessages (101), BINARY.md §4.4:
 *   [metadata_length u32 M][stream id][topic id][partitioning][messages_count u32]
 *   [index: messages_count × (0 u32, end position u32, 0 u64)]
 *   [messages: header (64) | payload, no user headers]
 * Each message header is zero except payload_length: the server assigns id,
 * offset, timestamp and checksum. The frame is built once and re-sent as is:
 * the bench measures the server, not the client's encoder.
 */
export function sendMessagesFrame(options: SendMessagesFrameOptions): Uint8Array {
  const { streamId, topicId, partitioning, messagesCount, messageSizeBytes } = options;
  assert(messagesCount >= 1, 'a batch holds at least one message');
  const metadataBytes = identifierSizeBytes(streamId) + identifierSizeBytes(topicId) + partitioningSizeBytes(partitioning) + 4;
  const messageBytes = MESSAGE_HEADER_BYTES + messageSizeBytes;
  const payloadBytes = 4 + metadataBytes + SEND_INDEX_ENTRY_BYTES * messagesCount + messageBytes * messagesCount;
  const fill = options.fillPayload ?? defaultFill;
  return frame(COMMAND.SendMessages, payloadBytes, (w) => {
    w.u32(metadataBytes);
    writeIdentifier(w, streamId, 'stream id');
    writeIdentifier(w, topicId, 'topic id');
    writePartitioning(w, partitioning);
    w.u32(messagesCount);
    for (let i = 0; i < messagesCount; i++) w.u32(0).u32(messageBytes * (i + 1)).u64(0n);
    for (let i = 0; i < messagesCount; i++) {
      // checksum, id (u128), offset, timestamp, origin_timestamp: all 0.
      w.zeros(48).u32(0).u32(messageSizeBytes).zeros(8);
      const at = w.offset;
      w.zeros(messageSizeBytes);
      fill(w.bytes.subarray(at, at + messageSizeBytes), i);
    }
  });
}

function defaultFill(payload: Uint8Array, messageIndex: number): void {
  for (let i = 0; i < payload.length; i++) payload[i] = (97 + ((i + messageIndex) % 26)) & 0xff;
}

export interface PollMessagesFrameOptions {
  consumer: Consumer;
  streamId: Identifier;
  topicId: Identifier;
  /** Absent: partition 0 for a consumer, round-robin for a group member. */
  partitionId: number | undefined;
  strategy: PollingStrategy;
  count: number;
  autoCommit: boolean;
}

export function pollMessagesPayloadBytes(options: Pick<PollMessagesFrameOptions, 'consumer' | 'streamId' | 'topicId'>): number {
  return consumerSizeBytes(options.consumer) + identifierSizeBytes(options.streamId) + identifierSizeBytes(options.topicId) + 5 + POLLING_STRATEGY_BYTES + 4 + 1;
}

/**
 * PollMessages (100), BINARY.md §8.21: Consumer, stream id, topic id,
 * OptPartition (flag u8 + u32), PollingStrategy (kind u8 + value u64),
 * count u32, auto_commit u8. Offset-strategy polls rewrite the value in place
 * with `setPollOffset`, so the frame is still built only once.
 */
export function pollMessagesFrame(options: PollMessagesFrameOptions): Uint8Array {
  return frame(COMMAND.PollMessages, pollMessagesPayloadBytes(options), (w) => {
    writeConsumer(w, options.consumer);
    writeIdentifier(w, options.streamId, 'stream id');
    writeIdentifier(w, options.topicId, 'topic id');
    w.u8(options.partitionId === undefined ? 0 : 1).u32(options.partitionId ?? 0);
    writePollingStrategy(w, options.strategy);
    w.u32(options.count).bool(options.autoCommit);
  });
}

/** Byte offset of the polling strategy's u64 value inside a frame from `pollMessagesFrame`. */
export function pollOffsetValueAt(frameBytes: Uint8Array): number {
  // The strategy sits 9 + 4 + 1 bytes before the end: [kind u8][value u64][count u32][auto_commit u8].
  return frameBytes.length - 1 - 4 - 8;
}

/** Rewrites the polling value (offset) of a poll frame in place. */
export function setPollOffset(frameBytes: Uint8Array, valueAt: number, offset: number): void {
  new DataView(frameBytes.buffer, frameBytes.byteOffset, frameBytes.byteLength).setBigUint64(valueAt, BigInt(offset), true);
}

export interface PollResponseHeader {
  partitionId: number;
  currentOffset: bigint;
  messagesCount: number;
}

/** Reads the 16-byte header of a PollMessages response (the messages are counted, not parsed). */
export function readPollResponseHeader(payload: Uint8Array): PollResponseHeader {
  const reader = new Reader(payload);
  return { partitionId: reader.u32('partition id'), currentOffset: reader.u64('current offset'), messagesCount: reader.u32('messages count') };
}

/** GetStats (10) response, BINARY.md §8.2: the fixed fields and the version; the rest is skipped. */
export interface ServerStats {
  processId: number;
  cpuUsage: number;
  totalCpuUsage: number;
  memoryUsageBytes: number;
  totalMemoryBytes: number;
  availableMemoryBytes: number;
  runTimeUs: number;
  startTimeUs: number;
  readBytes: number;
  writtenBytes: number;
  messagesSizeBytes: number;
  streamsCount: number;
  topicsCount: number;
  partitionsCount: number;
  segmentsCount: number;
  messagesCount: number;
  clientsCount: number;
  consumerGroupsCount: number;
  hostname: string;
  osName: string;
  osVersion: string;
  kernelVersion: string;
  serverVersion: string;
}

export function decodeStats(payload: Uint8Array): ServerStats {
  const r = new Reader(payload);
  // u64 counters become numbers: informational, and far below 2^53 in a bench.
  const u64 = (what: string) => Number(r.u64(what));
  return {
    processId: r.u32('process id'),
    cpuUsage: r.f32('cpu usage'),
    totalCpuUsage: r.f32('total cpu usage'),
    memoryUsageBytes: u64('memory usage'),
    totalMemoryBytes: u64('total memory'),
    availableMemoryBytes: u64('available memory'),
    runTimeUs: u64('run time'),
    startTimeUs: u64('start time'),
    readBytes: u64('read bytes'),
    writtenBytes: u64('written bytes'),
    messagesSizeBytes: u64('messages size'),
    streamsCount: r.u32('streams count'),
    topicsCount: r.u32('topics count'),
    partitionsCount: r.u32('partitions count'),
    segmentsCount: r.u32('segments count'),
    messagesCount: u64('messages count'),
    clientsCount: r.u32('clients count'),
    consumerGroupsCount: r.u32('consumer groups count'),
    hostname: r.str32('hostname'),
    osName: r.str32('os name'),
    osVersion: r.str32('os version'),
    kernelVersion: r.str32('kernel version'),
    serverVersion: r.str32('server version'),
  };
}
