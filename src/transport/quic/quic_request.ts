// Reads the one request frame of a QUIC stream (BINARY.md §2.1):
// [length u32 LE][code u32 LE][payload: length - 4 bytes]. The client
// finishes its side after the frame; bytes past it are ignored, as Iggy 0.8
// reads exactly one frame. A frame that is short, cut off or longer than the
// limit is answered InvalidCommand (3): each stream carries one request, so
// nothing else gets out of sync.
import type { QUICStream } from '@matrixai/quic';
import { ERROR_CODE } from '../../errors/iggy_error.js';

export type QuicRequest = { code: number; payload: Buffer } | number;

const HEADER_BYTES = 8;

export async function readRequest(stream: QUICStream, frameSizeBytesMax: number): Promise<QuicRequest> {
  const reader = stream.readable.getReader();
  const chunks: Buffer[] = [];
  let buffered = 0;
  let wanted = HEADER_BYTES;
  let header: { code: number; length: number } | null = null;
  try {
    while (buffered < wanted) {
      const { value, done } = await reader.read();
      if (done) return ERROR_CODE.InvalidCommand; // the client finished before a whole frame
      chunks.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
      buffered += value.byteLength;
      if (header === null && buffered >= HEADER_BYTES) {
        const head = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
        const length = head.readUInt32LE(0);
        if (length < 4 || length > frameSizeBytesMax) return ERROR_CODE.InvalidCommand;
        header = { code: head.readUInt32LE(4), length };
        wanted = 4 + length;
      }
    }
  } finally {
    reader.releaseLock();
  }
  // The payload is joined once, when all of it arrived (STYLE.md §5).
  const frame = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, buffered);
  return { code: header!.code, payload: frame.subarray(HEADER_BYTES, wanted) };
}
