// Response frame reader for stream transports (TCP, TLS; WebSocket concatenates
// messages into the same stream). Response (BINARY.md §2.1):
//   [status:u32 LE][length:u32 LE][payload: length bytes]
// Errors carry no payload, but the length is honoured whatever the status.
//
// Chunks are kept in a list with a byte count and joined only once a whole
// frame is buffered (STYLE.md §5): a 100 MiB poll arriving in 64 KiB chunks
// costs one copy, not a quadratic re-concatenation. A payload that lies within
// one chunk is handed out as a view of it. Browser-safe: Uint8Array only.
import { IggyError } from '../../src/errors/iggy_error.js';
import { RESPONSE_HEADER_BYTES } from '../../src/protocol/frame.js';

export type ResponseHandler = (status: number, payload: Uint8Array) => void;

const EMPTY = new Uint8Array(0);

export class ResponseFrameReader {
  readonly #onFrame: ResponseHandler;
  readonly #payloadBytesMax: number;
  #chunks: Uint8Array[] = [];
  /** Bytes of chunks[0] already consumed. */
  #head = 0;
  #bufferedBytes = 0;

  constructor(onFrame: ResponseHandler, payloadBytesMax: number) {
    this.#onFrame = onFrame;
    this.#payloadBytesMax = payloadBytesMax;
  }

  get bufferedBytes(): number {
    return this.#bufferedBytes;
  }

  /**
   * Feeds bytes as they arrive. Throws IggyError InvalidBytesResponse on a
   * length beyond the limit: the stream cannot be trusted after that, so the
   * caller must drop the connection.
   */
  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.#chunks.push(chunk);
    this.#bufferedBytes += chunk.length;
    while (this.#bufferedBytes >= RESPONSE_HEADER_BYTES) {
      const length = this.#peekU32LE(4);
      if (length > this.#payloadBytesMax) {
        throw IggyError.of('InvalidBytesResponse', `response payload of ${length} bytes exceeds ${this.#payloadBytesMax}`);
      }
      if (this.#bufferedBytes < RESPONSE_HEADER_BYTES + length) return; // wait; never concat a backlog
      const status = this.#peekU32LE(0);
      this.#skip(RESPONSE_HEADER_BYTES);
      const payload = length === 0 ? EMPTY : this.#take(length);
      this.#onFrame(status, payload);
    }
  }

  /** Drops buffered bytes (after a disconnect). */
  reset(): void {
    this.#chunks = [];
    this.#head = 0;
    this.#bufferedBytes = 0;
  }

  /** Reads a u32 at `at` bytes past the read position, across chunk borders, without copying. */
  #peekU32LE(at: number): number {
    let value = 0;
    let chunkIndex = 0;
    let index = this.#head + at;
    for (let byte = 0; byte < 4; byte++) {
      let chunk = this.#chunks[chunkIndex]!;
      while (index >= chunk.length) {
        index -= chunk.length;
        chunkIndex++;
        chunk = this.#chunks[chunkIndex]!;
      }
      value |= chunk[index]! << (8 * byte);
      index++;
    }
    return value >>> 0;
  }

  #skip(count: number): void {
    this.#bufferedBytes -= count;
    while (count > 0) {
      const chunk = this.#chunks[0]!;
      const available = chunk.length - this.#head;
      if (count < available) {
        this.#head += count;
        return;
      }
      count -= available;
      this.#chunks.shift();
      this.#head = 0;
    }
  }

  /** The next `count` bytes: a view when they sit in one chunk, else one copy. */
  #take(count: number): Uint8Array {
    const first = this.#chunks[0]!;
    if (first.length - this.#head >= count) {
      const view = first.subarray(this.#head, this.#head + count);
      this.#skip(count);
      return view;
    }
    const joined = new Uint8Array(count);
    let written = 0;
    while (written < count) {
      const chunk = this.#chunks[0]!;
      const part = Math.min(chunk.length - this.#head, count - written);
      joined.set(chunk.subarray(this.#head, this.#head + part), written);
      written += part;
      this.#skip(part);
    }
    return joined;
  }
}
