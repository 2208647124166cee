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
import { assert } from '../../../assert.js';
import { IggyError } from '../../../errors/iggy_error.js';
import { type Codec, type CommandCodec, EMPTY_CODEC } from '../../codec.js';
import { identifierSizeBytes, readIdentifier, writeIdentifier } from '../../identifier.js';
import { INDEX_ENTRY_BYTES, IndexEntryOffset, MESSAGE_HEADER_BYTES, MessageHeaderOffset as H } from '../../layout.js';
import { partitioningSizeBytes, readPartitioning, writePartitioning } from '../../partitioning.js';
import { Reader, Writer } from '../../reader.js';
import { type Identifier, type Partitioning, U64_MAX, type UserHeader } from '../../types.js';

const U128_MAX = (1n << 128n) - 1n;
import { userHeadersSizeBytes, writeUserHeaders } from '../../user_headers.js';

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
    // The per-message part is the client's hot path: plain DataView writes,
    // bigint work only for non-zero ids and timestamps, zeros written
    // explicitly (the target may come from allocUnsafe).
    const view = new DataView(target.buffer, target.byteOffset, target.byteLength);
    let at = w.offset;
    assert(at + INDEX_ENTRY_BYTES * r.messages.length <= target.length, 'SendMessages target too small for the index');
    let end = 0;
    for (const message of r.messages) {
      end += messageSizeBytes(message);
      view.setUint32(at + IndexEntryOffset.relativeOffset, 0, true);
      view.setUint32(at + IndexEntryOffset.endPosition, end, true);
      view.setUint32(at + IndexEntryOffset.timestamp, 0, true);
      view.setUint32(at + IndexEntryOffset.timestamp + 4, 0, true);
      at += INDEX_ENTRY_BYTES;
    }
    assert(at + end <= target.length, 'SendMessages target too small for the messages');
    for (const message of r.messages) {
      const id = message.id ?? 0n;
      const originTimestamp = message.originTimestamp ?? 0n;
      if (id < 0n || id > U128_MAX) throw IggyError.of('InvalidFormat', `message id out of u128 range: ${id}`);
      if (originTimestamp < 0n || originTimestamp > U64_MAX) throw IggyError.of('InvalidFormat', `origin timestamp out of u64 range: ${originTimestamp}`);
      const headersBytes = userHeadersSizeBytes(message.headers);
      target.fill(0, at, at + MESSAGE_HEADER_BYTES); // checksum, offset, timestamp, reserved: 0
      if (id !== 0n) {
        view.setBigUint64(at + H.id, id & U64_MAX, true);
        view.setBigUint64(at + H.id + 8, id >> 64n, true);
      }
      if (originTimestamp !== 0n) view.setBigUint64(at + H.originTimestamp, originTimestamp, true);
      view.setUint32(at + H.userHeadersLength, headersBytes, true);
      view.setUint32(at + H.payloadLength, message.payload.length, true);
      at += MESSAGE_HEADER_BYTES;
      target.set(message.payload, at);
      at += message.payload.length;
      if (headersBytes > 0) at = writeUserHeaders(new Writer(target, at), message.headers).offset;
    }
    return at;
  },
  decode: decodeBatch,
};

export const sendMessages: CommandCodec<SendMessagesRequest, void, SendMessagesBatch, void> = {
  code: 101,
  name: 'SendMessages',
  request: requestCodec,
  response: EMPTY_CODEC,
};
