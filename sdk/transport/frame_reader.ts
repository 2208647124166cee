// Response frame reader for stream transports (TCP, TLS; WebSocket concatenates
// messages into the same stream). Response (BINARY.md §2.1):
//   [status:u32 LE][length:u32 LE][payload: length bytes]
// Errors carry no payload, but the length is honoured whatever the status.
//
// Bytes are buffered in a ChunkQueue and joined only once a whole frame is
// buffered (STYLE.md §5): a 100 MiB poll arriving in 64 KiB chunks costs one
// copy, not a quadratic re-concatenation. A payload that lies within one chunk
// is handed out as a view of it. Browser-safe: Uint8Array only.
import { IggyError } from '../../src/errors/iggy_error.js';
import { ChunkQueue } from '../../src/protocol/chunk_queue.js';
import { RESPONSE_HEADER_BYTES } from '../../src/protocol/frame.js';

export type ResponseHandler = (status: number, payload: Uint8Array) => void;

const EMPTY = new Uint8Array(0);

export class ResponseFrameReader {
  readonly #onFrame: ResponseHandler;
  readonly #payloadBytesMax: number;
  readonly #queue = new ChunkQueue<Uint8Array>((sizeBytes) => new Uint8Array(sizeBytes));

  constructor(onFrame: ResponseHandler, payloadBytesMax: number) {
    this.#onFrame = onFrame;
    this.#payloadBytesMax = payloadBytesMax;
  }

  get bufferedBytes(): number {
    return this.#queue.bufferedBytes;
  }

  /**
   * Feeds bytes as they arrive. Throws IggyError InvalidBytesResponse on a
   * length beyond the limit: the stream cannot be trusted after that, so the
   * caller must drop the connection.
   */
  push(chunk: Uint8Array): void {
    const queue = this.#queue;
    queue.push(chunk);
    while (queue.bufferedBytes >= RESPONSE_HEADER_BYTES) {
      const length = queue.peekU32LE(4);
      if (length > this.#payloadBytesMax) {
        throw IggyError.of('InvalidBytesResponse', `response payload of ${length} bytes exceeds ${this.#payloadBytesMax}`);
      }
      if (queue.bufferedBytes < RESPONSE_HEADER_BYTES + length) return; // wait; never concat a backlog
      const status = queue.peekU32LE(0);
      queue.skip(RESPONSE_HEADER_BYTES);
      const payload = length === 0 ? EMPTY : queue.take(length);
      this.#onFrame(status, payload);
    }
  }

  /** Drops buffered bytes (after a disconnect). */
  reset(): void {
    this.#queue.clear();
  }
}
