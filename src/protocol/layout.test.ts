// The layout constants against BINARY.md §4.1 / STORAGE.md §2.3: fields in
// order, back to back, filling the header and the index entry exactly.
import { describe, expect, it } from 'vitest';
import { INDEX_ENTRY_BYTES, IndexEntryOffset, MESSAGE_HEADER_BYTES, MessageHeaderOffset, messageSizeBytesAt } from './layout.js';

/** Field sizes in bytes, in wire order. */
const HEADER_FIELD_BYTES = { checksum: 8, id: 16, offset: 8, timestamp: 8, originTimestamp: 8, userHeadersLength: 4, payloadLength: 4, reserved: 8 };
const INDEX_FIELD_BYTES = { relativeOffset: 4, endPosition: 4, timestamp: 8 };

function expectPacked(offsets: Record<string, number>, sizes: Record<string, number>, total: number): void {
  expect(Object.keys(offsets)).toEqual(Object.keys(sizes));
  let at = 0;
  for (const [field, size] of Object.entries(sizes)) {
    expect(offsets[field], field).toBe(at);
    at += size;
  }
  expect(at).toBe(total);
}

describe('layout', () => {
  it('packs the message header into 64 bytes', () => {
    expect(MESSAGE_HEADER_BYTES).toBe(64);
    expectPacked(MessageHeaderOffset, HEADER_FIELD_BYTES, MESSAGE_HEADER_BYTES);
  });

  it('packs an index entry into 16 bytes', () => {
    expect(INDEX_ENTRY_BYTES).toBe(16);
    expectPacked(IndexEntryOffset, INDEX_FIELD_BYTES, INDEX_ENTRY_BYTES);
  });

  it('sizes a message from its header at any position', () => {
    const bytes = new Uint8Array(8 + MESSAGE_HEADER_BYTES);
    const view = new DataView(bytes.buffer);
    view.setUint32(8 + MessageHeaderOffset.payloadLength, 1000, true);
    view.setUint32(8 + MessageHeaderOffset.userHeadersLength, 23, true);
    expect(messageSizeBytesAt(view, 8)).toBe(64 + 1000 + 23);
  });
});
