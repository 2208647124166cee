// PollMessages — 100 (BINARY.md §8.21, §4.5).
// Request: [Consumer][stream_id Identifier][topic_id Identifier][OptPartition]
//          [PollingStrategy: kind u8, value u64][count u32][auto_commit u8 non-zero = true]
// Response: [partition_id u32][current_offset u64][messages_count u32]
//           then the messages back to back (64-byte header, payload, user headers),
//           exactly as stored, no index.
// The server encodes only the 16-byte header: the messages follow as the
// stored chunks (no copy). The client decodes header and messages into
// PolledMessages whose payloads and header values are views of the response.
import { IggyError } from '../../../errors/iggy_error.js';
import { type Codec, type CommandCodec, defineCodec } from '../../codec.js';
import { consumerSizeBytes, readConsumer, writeConsumer } from '../../consumer.js';
import { MESSAGE_HEADER_BYTES, MessageHeaderOffset as H } from '../../layout.js';
import { OPT_PARTITION_BYTES, readOptPartition, writeOptPartition } from '../../opt_partition.js';
import { POLLING_STRATEGY_BYTES, readPollingStrategy, writePollingStrategy } from '../../polling_strategy.js';
import { Reader, Writer } from '../../reader.js';
import type { Consumer, MessageHeader, PolledMessage, PollingStrategy } from '../../types.js';
import { decodeUserHeaders, userHeadersSizeBytes, writeUserHeaders } from '../../user_headers.js';
import { type StreamTopic, readStreamTopic, streamTopicSizeBytes, writeStreamTopic } from '../stream_topic.js';

export interface PollMessagesRequest extends StreamTopic {
  consumer: Consumer;
  /** null/undefined = absent (partition 0, or the group member's next partition). */
  partitionId?: number | null;
  strategy: PollingStrategy;
  count: number;
  autoCommit: boolean;
}

/** What the server encodes: the response header. */
export interface PollMessagesResponseHeader {
  partitionId: number;
  /** Offset of the last message in the partition; 0n when empty. */
  currentOffset: bigint;
  count: number;
}

/** What the client decodes. */
export interface PolledMessages extends PollMessagesResponseHeader {
  messages: PolledMessage[];
}

export const POLL_RESPONSE_HEADER_BYTES = 16;

/**
 * Decodes the messages block of a poll response (client side), from the
 * reader's offset to its end. Payloads and user-header values are views.
 * This is the consumer's hot path: one DataView, direct reads, and the u128
 * id composed with bigint shifts only when its high half is set.
 */
export function decodePolledMessages(reader: Reader): PolledMessage[] {
  const bytes = reader.bytes;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const messages: PolledMessage[] = [];
  let at = reader.offset;
  while (at < bytes.length) {
    reader.offset = at;
    reader.need(MESSAGE_HEADER_BYTES, 'message header');
    const idHigh = view.getBigUint64(at + H.id + 8, true);
    const idLow = view.getBigUint64(at + H.id, true);
    const header: MessageHeader = {
      checksum: view.getBigUint64(at + H.checksum, true),
      id: idHigh === 0n ? idLow : idLow | (idHigh << 64n),
      offset: view.getBigUint64(at + H.offset, true),
      timestamp: view.getBigUint64(at + H.timestamp, true),
      originTimestamp: view.getBigUint64(at + H.originTimestamp, true),
      userHeadersLength: view.getUint32(at + H.userHeadersLength, true),
      payloadLength: view.getUint32(at + H.payloadLength, true),
      reserved: view.getBigUint64(at + H.reserved, true),
    };
    if (header.reserved !== 0n) throw IggyError.of('InvalidReservedField', `message at offset ${header.offset} has reserved ${header.reserved}`);
    reader.offset = at + MESSAGE_HEADER_BYTES;
    const payload = reader.bytesView(header.payloadLength, 'message payload');
    const userHeaders = header.userHeadersLength === 0 ? [] : decodeUserHeaders(reader.bytesView(header.userHeadersLength, 'user headers'));
    messages.push({ header, payload, userHeaders });
    at = reader.offset;
  }
  return messages;
}

const responseCodec: Codec<PollMessagesResponseHeader, PolledMessages> = {
  sizeBytes: () => POLL_RESPONSE_HEADER_BYTES,
  encodeInto(target, offset, v) {
    return new Writer(target, offset).u32(v.partitionId).u64(v.currentOffset).u32(v.count).offset;
  },
  decode(payload) {
    const reader = new Reader(payload);
    const partitionId = reader.u32('partition id');
    const currentOffset = reader.u64('current offset');
    const count = reader.u32('messages count');
    return { partitionId, currentOffset, count, messages: decodePolledMessages(reader) };
  },
};

/**
 * The messages block as the wire carries it (BINARY.md §4.1): each message's
 * 64-byte header, payload and user headers, back to back, the inverse of
 * decodePolledMessages. For clients that hold decoded messages and need the
 * stored form (the CLI's message files, a poll answered as JSON).
 */
export function encodePolledMessages(messages: readonly PolledMessage[]): Uint8Array {
  let total = 0;
  for (const m of messages) total += MESSAGE_HEADER_BYTES + m.payload.length + userHeadersSizeBytes(m.userHeaders);
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const { header, payload, userHeaders } of messages) {
    const w = new Writer(bytes, at);
    w.u64(header.checksum).u128(header.id).u64(header.offset).u64(header.timestamp).u64(header.originTimestamp);
    w.u32(userHeadersSizeBytes(userHeaders)).u32(payload.length).u64(0n);
    bytes.set(payload, at + MESSAGE_HEADER_BYTES);
    at = writeUserHeaders(new Writer(bytes, at + MESSAGE_HEADER_BYTES + payload.length), userHeaders).offset;
  }
  return bytes;
}

export const pollMessages: CommandCodec<PollMessagesRequest, PollMessagesResponseHeader, PollMessagesRequest & { partitionId: number | null }, PolledMessages> = {
  code: 100,
  name: 'PollMessages',
  request: defineCodec(
    (r) => consumerSizeBytes(r.consumer) + streamTopicSizeBytes(r) + OPT_PARTITION_BYTES + POLLING_STRATEGY_BYTES + 4 + 1,
    (w, r) => {
      writeOptPartition(writeStreamTopic(writeConsumer(w, r.consumer), r), r.partitionId);
      writePollingStrategy(w, r.strategy).u32(r.count).bool(r.autoCommit);
    },
    (reader) => {
      const consumer = readConsumer(reader);
      const { streamId, topicId } = readStreamTopic(reader);
      const partitionId = readOptPartition(reader);
      const strategy = readPollingStrategy(reader);
      const count = reader.u32('count');
      const autoCommit = reader.bool('auto_commit');
      return { consumer, streamId, topicId, partitionId, strategy, count, autoCommit };
    },
  ),
  response: responseCodec,
};
