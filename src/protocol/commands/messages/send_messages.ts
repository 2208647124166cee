// SendMessages — 101 (BINARY.md §8.22, §4.4).
// Request:
//   [metadata_length u32 M]
//   [stream_id Identifier][topic_id Identifier][Partitioning]   (metadata, M bytes
//   [messages_count u32 N]                                       ending with the count)
//   [index entries 16 × N: u32 0, u32 cumulative end position, u64 0]
//   [messages: N × (64-byte header, payload P, user headers H)]
// Response: empty OK.
//
// Server side, `decode` copies nothing: the partitioning key, index table and
// messages block are views of the payload. Metadata checks only, as in the
// 0.8.0 server: M beyond the payload → InvalidCommand (3); M too small for the
// count or any identifier problem → InvalidIdentifier (6); partitioning
// problems → 3; N = 0 → InvalidMessagesCount (4009); index table beyond the
// payload → 3. Per-message validation (spans, sizes, limits) is the core's
// validateBatch. The count sits in the last 4 metadata bytes, as the server
// reads it.
// Client side, `encode` writes the 64-byte headers with checksum, offset,
// timestamp and reserved 0 (the server sets them) and id 0 = "assign".
import { IggyError } from '../../../errors/iggy_error.js';
import { type Codec, type CommandCodec, EMPTY_CODEC } from '../../codec.js';
import { identifierSizeBytes, readIdentifier, writeIdentifier } from '../../identifier.js';
import { partitioningSizeBytes, readPartitioning, writePartitioning } from '../../partitioning.js';
import { Reader, Writer } from '../../reader.js';
import type { Identifier, Partitioning, UserHeader } from '../../types.js';
import { userHeadersSizeBytes, writeUserHeaders } from '../../user_headers.js';
import { INDEX_ENTRY_BYTES, MESSAGE_HEADER_BYTES } from './message_header.js';

/** One message as an application sends it. */
export interface OutgoingMessage {
  /** u128; 0n or absent = let the server assign a UUID. */
  id?: bigint;
  payload: Uint8Array;
  headers?: readonly UserHeader[];
  /** µs since epoch, stored verbatim; absent = 0. */
  originTimestamp?: bigint;
}

/** Client side: what the SDK encodes. */
export interface SendMessagesRequest {
  streamId: Identifier;
  topicId: Identifier;
  partitioning: Partitioning;
  messages: readonly OutgoingMessage[];
}

/** Server side: what `decode` returns (views of the request payload). */
export interface SendMessagesBatch {
  streamId: Identifier;
  topicId: Identifier;
  partitioning: Partitioning;
  count: number;
  /** 16·count bytes: the client's index table. */
  indexes: Uint8Array;
  /** The messages block, back to back. */
  messages: Uint8Array;
}

function messageSizeBytes(message: OutgoingMessage): number {
  return MESSAGE_HEADER_BYTES + message.payload.length + userHeadersSizeBytes(message.headers);
}

function metadataSizeBytes(r: SendMessagesRequest): number {
  return identifierSizeBytes(r.streamId) + identifierSizeBytes(r.topicId) + partitioningSizeBytes(r.partitioning) + 4;
}

function decodeBatch(payload: Uint8Array): SendMessagesBatch {
  const reader = new Reader(payload);
  const metadataBytes = reader.u32('metadata length');
  const metadata = new Reader(reader.bytesView(metadataBytes, 'metadata'));
  if (metadataBytes < 4) throw IggyError.of('InvalidIdentifier', `metadata length ${metadataBytes} leaves no room for the messages count`);
  const fields = new Reader(metadata.bytes.subarray(0, metadataBytes - 4));
  let streamId: Identifier;
  let topicId: Identifier;
  try {
    streamId = readIdentifier(fields, 'stream id');
    topicId = readIdentifier(fields, 'topic id');
  } catch (cause) {
    throw IggyError.of('InvalidIdentifier', cause instanceof Error ? cause.message : 'bad identifier', { cause });
  }
  const partitioning = readPartitioning(fields);
  metadata.offset = metadataBytes - 4;
  const count = metadata.u32('messages count');
  if (count === 0) throw IggyError.of('InvalidMessagesCount', 'a batch needs at least one message');
  const indexes = reader.bytesView(count * INDEX_ENTRY_BYTES, 'index table');
  return { streamId, topicId, partitioning, count, indexes, messages: reader.rest() };
}

const requestCodec: Codec<SendMessagesRequest, SendMessagesBatch> = {
  sizeBytes(r) {
    let size = 4 + metadataSizeBytes(r) + INDEX_ENTRY_BYTES * r.messages.length;
    for (const message of r.messages) size += messageSizeBytes(message);
    return size;
  },
  encodeInto(target, offset, r) {
    if (r.messages.length === 0) throw IggyError.of('InvalidMessagesCount', 'a batch needs at least one message');
    const w = new Writer(target, offset);
    w.u32(metadataSizeBytes(r));
    writeIdentifier(w, r.streamId, 'stream id');
    writeIdentifier(w, r.topicId, 'topic id');
    writePartitioning(w, r.partitioning).u32(r.messages.length);
    let end = 0;
    for (const message of r.messages) {
      end += messageSizeBytes(message);
      w.u32(0).u32(end).u64(0n);
    }
    for (const message of r.messages) {
      const headersBytes = userHeadersSizeBytes(message.headers);
      w.u64(0n).u128(message.id ?? 0n).u64(0n).u64(0n).u64(message.originTimestamp ?? 0n);
      w.u32(headersBytes).u32(message.payload.length).u64(0n);
      w.bytesFrom(message.payload);
      writeUserHeaders(w, message.headers);
    }
    return w.offset;
  },
  decode: decodeBatch,
};

export const sendMessages: CommandCodec<SendMessagesRequest, void, SendMessagesBatch, void> = {
  code: 101,
  name: 'SendMessages',
  request: requestCodec,
  response: EMPTY_CODEC,
};
