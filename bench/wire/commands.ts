// The handful of Iggy 0.8 requests the bench speaks, as whole request frames
// built once before anything is measured. The bench must measure any 0.8
// server (ours, Apache Iggy's), so it talks the wire directly instead of
// through a client library whose overhead would be measured too; but every
// byte layout comes from src/protocol's command codecs and frame.ts, so the
// bench cannot drift from what the server and the SDK speak. What is left
// here is only the bench's own shaping: a batch of N messages of one size,
// the byte position of a poll's offset (patched in place between polls), and
// GetStats' bigints as plain numbers for the results JSON.
import { assert } from '../../src/assert.js';
import { joinConsumerGroup } from '../../src/protocol/commands/consumer_groups/join_consumer_group.js';
import { MESSAGE_HEADER_BYTES } from '../../src/protocol/commands/messages/message_header.js';
import { POLL_RESPONSE_HEADER_BYTES, pollMessages, type PollMessagesRequest } from '../../src/protocol/commands/messages/poll_messages.js';
import { sendMessages, type OutgoingMessage } from '../../src/protocol/commands/messages/send_messages.js';
import { getStats } from '../../src/protocol/commands/system/get_stats.js';
import { ping } from '../../src/protocol/commands/system/ping.js';
import { loginUser } from '../../src/protocol/commands/users/login_user.js';
import { encodeRequest } from '../../src/protocol/frame.js';
import type { Identifier, Partitioning } from '../../src/protocol/types.js';

export { MESSAGE_HEADER_BYTES, POLL_RESPONSE_HEADER_BYTES };

export function loginUserFrame(username: string, password: string): Uint8Array {
  return encodeRequest(loginUser, { username, password });
}

export function pingFrame(): Uint8Array {
  return encodeRequest(ping, undefined);
}

export function getStatsFrame(): Uint8Array {
  return encodeRequest(getStats, undefined);
}

export function joinConsumerGroupFrame(streamId: Identifier, topicId: Identifier, groupId: Identifier): Uint8Array {
  return encodeRequest(joinConsumerGroup, { streamId, topicId, groupId });
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
 * One SendMessages frame of `messagesCount` messages, encoded once by
 * src/protocol's codec (ids 0 = "server assigns", no user headers). The bench
 * re-sends the same bytes: the server stamps ids, offsets and timestamps, so
 * nothing in a batch must differ between sends, and the measured loop does no
 * encoding at all.
 */
export function sendMessagesFrame(options: SendMessagesFrameOptions): Uint8Array {
  const { messagesCount, messageSizeBytes } = options;
  assert(messagesCount >= 1, 'a batch holds at least one message');
  const fill = options.fillPayload ?? defaultFill;
  // One block for every payload: the codec copies each into the frame.
  const payloads = new Uint8Array(messagesCount * messageSizeBytes);
  const messages: OutgoingMessage[] = [];
  for (let i = 0; i < messagesCount; i++) {
    const payload = payloads.subarray(i * messageSizeBytes, (i + 1) * messageSizeBytes);
    fill(payload, i);
    messages.push({ payload });
  }
  return encodeRequest(sendMessages, { streamId: options.streamId, topicId: options.topicId, partitioning: options.partitioning, messages });
}

function defaultFill(payload: Uint8Array, messageIndex: number): void {
  for (let i = 0; i < payload.length; i++) payload[i] = (97 + ((i + messageIndex) % 26)) & 0xff;
}

export type PollMessagesFrameOptions = Omit<PollMessagesRequest, 'partitionId'> & {
  /** Absent: partition 0 for a consumer, round-robin for a group member. */
  partitionId: number | undefined;
};

/** PollMessages, encoded once; offset-strategy polls rewrite the value in place with `setPollOffset`. */
export function pollMessagesFrame(options: PollMessagesFrameOptions): Uint8Array {
  return encodeRequest(pollMessages, { ...options, partitionId: options.partitionId ?? null });
}

/** Byte offset of the polling strategy's u64 value inside a frame from `pollMessagesFrame`. */
export function pollOffsetValueAt(frameBytes: Uint8Array): number {
  // The request ends [strategy kind u8][value u64][count u32][auto_commit u8] (BINARY.md §8.21).
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

/**
 * The 16-byte header of a PollMessages response. The messages are counted,
 * not parsed: the codec decodes only the header's bytes, so no per-message
 * work lands on the measured client.
 */
export function readPollResponseHeader(payload: Uint8Array): PollResponseHeader {
  const { partitionId, currentOffset, count } = pollMessages.response.decode(payload.subarray(0, POLL_RESPONSE_HEADER_BYTES));
  return { partitionId, currentOffset, messagesCount: count };
}

/** GetStats' fields the bench reports, as numbers (JSON has no bigint; bench counters stay far below 2^53). */
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
  const s = getStats.response.decode(payload);
  return {
    processId: s.processId,
    cpuUsage: s.cpuUsage,
    totalCpuUsage: s.totalCpuUsage,
    memoryUsageBytes: Number(s.memoryUsageBytes),
    totalMemoryBytes: Number(s.totalMemoryBytes),
    availableMemoryBytes: Number(s.availableMemoryBytes),
    runTimeUs: Number(s.runTimeUs),
    startTimeUs: Number(s.startTimeUs),
    readBytes: Number(s.readBytes),
    writtenBytes: Number(s.writtenBytes),
    messagesSizeBytes: Number(s.messagesSizeBytes),
    streamsCount: s.streamsCount,
    topicsCount: s.topicsCount,
    partitionsCount: s.partitionsCount,
    segmentsCount: s.segmentsCount,
    messagesCount: Number(s.messagesCount),
    clientsCount: s.clientsCount,
    consumerGroupsCount: s.consumerGroupsCount,
    hostname: s.hostname,
    osName: s.osName,
    osVersion: s.osVersion,
    kernelVersion: s.kernelVersion,
    serverVersion: s.iggyServerVersion,
  };
}
