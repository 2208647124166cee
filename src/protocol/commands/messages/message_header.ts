// Reads a message header (BINARY.md §4.1) into its fields; the byte layout
// itself is in ../../layout.ts.
import { MESSAGE_HEADER_BYTES } from '../../layout.js';
import type { Reader } from '../../reader.js';
import type { MessageHeader } from '../../types.js';

// Re-exported for the modules that have always imported them from here.
export { INDEX_ENTRY_BYTES, MESSAGE_HEADER_BYTES, MessageHeaderOffset } from '../../layout.js';

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
