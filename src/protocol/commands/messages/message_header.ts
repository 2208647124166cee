// Message header (BINARY.md §4.1), 64 bytes, then payload (P), then user headers (H):
//   0 checksum u64 | 8 id u128 | 24 offset u64 | 32 timestamp u64 µs
//  40 origin_timestamp u64 | 48 user_headers_length u32 H | 52 payload_length u32 P
//  56 reserved u64 (must be 0)
import type { Reader } from '../../reader.js';
import type { MessageHeader } from '../../types.js';

export const MESSAGE_HEADER_BYTES = 64;
export const INDEX_ENTRY_BYTES = 16;

export const MessageHeaderOffset = {
  checksum: 0,
  id: 8,
  offset: 24,
  timestamp: 32,
  originTimestamp: 40,
  userHeadersLength: 48,
  payloadLength: 52,
  reserved: 56,
} as const;

export function readMessageHeader(reader: Reader): MessageHeader {
  reader.need(MESSAGE_HEADER_BYTES, 'message header');
  return {
    checksum: reader.u64('checksum'),
    id: reader.u128('id'),
    offset: reader.u64('offset'),
    timestamp: reader.u64('timestamp'),
    originTimestamp: reader.u64('origin_timestamp'),
    userHeadersLength: reader.u32('user_headers_length'),
    payloadLength: reader.u32('payload_length'),
    reserved: reader.u64('reserved'),
  };
}
