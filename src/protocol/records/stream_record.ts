// StreamRecord (BINARY.md §8.0), 33 + N bytes:
// [id u32][created_at u64 µs][topics_count u32][size_bytes u64][messages_count u64][name Name]
import type { StreamInfo } from '../model.js';
import { type Reader, type Writer, str8SizeBytes } from '../reader.js';

export type StreamRecord = StreamInfo;

export const streamRecordSizeBytes = (stream: StreamRecord): number => 32 + str8SizeBytes(stream.name);

export function writeStreamRecord(writer: Writer, stream: StreamRecord): void {
  writer.u32(stream.id).u64(stream.createdAtUs).u32(stream.topicsCount).u64(stream.sizeBytes).u64(stream.messagesCount).name(stream.name);
}

export function readStreamRecord(reader: Reader): StreamRecord {
  const id = reader.u32('stream id');
  const createdAtUs = reader.u64('created_at');
  const topicsCount = reader.u32('topics_count');
  const sizeBytes = reader.u64('size_bytes');
  const messagesCount = reader.u64('messages_count');
  const name = reader.name('stream name');
  return { id, createdAtUs, name, topicsCount, sizeBytes, messagesCount };
}
