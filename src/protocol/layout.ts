// Byte layout of a stored message and of an index entry: the one place these
// facts are written. Codecs, the TypeScript core, storage and recovery read
// headers and index entries in place, so they share these names instead of
// numbers. (The AssemblyScript core in assembly/ keeps its own copy: it cannot
// import TypeScript; test/core/parity.test.ts holds the two in step.)
//
// Message header (BINARY.md §4.1), 64 bytes, then payload (P), then user headers (H):
//   0 checksum u64 | 8 id u128 | 24 offset u64 | 32 timestamp u64 µs
//  40 origin_timestamp u64 | 48 user_headers_length u32 H | 52 payload_length u32 P
//  56 reserved u64 (must be 0)
//
// Index entry, 16 bytes, one per message: in SendMessages' index table
// (BINARY.md §4.2, offset and timestamp must be 0) and in a segment's .index
// file (STORAGE.md §2.3):
//   0 relative offset u32 (offset − segment start) | 4 end position u32 | 8 timestamp u64 µs

export const MESSAGE_HEADER_BYTES = 64;

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

export const INDEX_ENTRY_BYTES = 16;

export const IndexEntryOffset = {
  relativeOffset: 0,
  /** Just past the message: the next entry's start. */
  endPosition: 4,
  timestamp: 8,
} as const;

/** Bytes the message whose header starts at `at` occupies: 64 + P + H (the caller checks the header is in range). */
export function messageSizeBytesAt(view: DataView, at: number): number {
  return (
    MESSAGE_HEADER_BYTES +
    view.getUint32(at + MessageHeaderOffset.payloadLength, true) +
    view.getUint32(at + MessageHeaderOffset.userHeadersLength, true)
  );
}
