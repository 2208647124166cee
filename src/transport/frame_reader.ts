// Request frame reader for byte-stream transports (TCP, TLS, WebSocket).
// Request (BINARY.md §2.1): [length:u32 LE][code:u32 LE][payload], length = 4 + payload.
//
// Bytes are buffered in a ChunkQueue; a frame is joined only once it is wholly
// buffered (STYLE.md §5): a payload inside one chunk is handed out as a view
// of it (it pins that chunk until the request is done), one that spans chunks
// costs exactly one copy. Never a Buffer.concat of a backlog.
//
// Framing faults, as the 0.8.0 server treats them:
//   length < 4           -> onMalformed(InvalidCommand); only the 4 length
//                           bytes are consumed and reading continues at the
//                           next header.
//   length > frame max   -> FrameTooLargeError thrown from push(); the stream
//                           cannot be resynchronised, so the caller answers
//                           InvalidCommand and closes the connection.
import { ERROR_CODE, IggyError } from '../errors/iggy_error.js';
import { ChunkQueue } from '../protocol/chunk_queue.js';

export interface RequestSink {
  /** A whole frame; `payload` is a view valid until the caller drops it. */
  onRequest(code: number, payload: Buffer): void;
  /** A frame that could not be read (status to answer, in order with requests). */
  onMalformed(status: number): void;
}

export class FrameTooLargeError extends IggyError {
  constructor(readonly lengthBytes: number, readonly maxBytes: number) {
    super(ERROR_CODE.InvalidCommand, `InvalidCommand: frame length ${lengthBytes} exceeds ${maxBytes}`);
  }
}

const EMPTY = Buffer.alloc(0);

export class RequestFrameReader {
  readonly #sink: RequestSink;
  readonly #frameSizeBytesMax: number;
  readonly #queue = new ChunkQueue<Buffer>((sizeBytes) => Buffer.allocUnsafe(sizeBytes));
  #paused = false;

  /** `frameSizeBytesMax` bounds the length field (code + payload). */
  constructor(sink: RequestSink, frameSizeBytesMax: number) {
    this.#sink = sink;
    this.#frameSizeBytesMax = frameSizeBytesMax;
  }

  get bufferedBytes(): number {
    return this.#queue.bufferedBytes;
  }

  /**
   * Stops handing out frames (the connection has enough requests pending);
   * bytes still arriving are buffered until resume(). Together with pausing
   * the socket this bounds the requests in flight even when one chunk holds
   * thousands of small frames.
   */
  pause(): void {
    this.#paused = true;
  }

  /** Hands out the frames buffered while paused, then continues as bytes arrive. May throw as push() does. */
  resume(): void {
    this.#paused = false;
    this.#parse();
  }

  get paused(): boolean {
    return this.#paused;
  }

  /** Feeds bytes as they arrive. Throws FrameTooLargeError on a length beyond the limit. */
  push(chunk: Buffer): void {
    this.#queue.push(chunk);
    this.#parse();
  }

  #parse(): void {
    const queue = this.#queue;
    while (!this.#paused && queue.bufferedBytes >= 4) {
      const length = queue.peekU32LE(0);
      if (length < 4) {
        queue.skip(4);
        this.#sink.onMalformed(ERROR_CODE.InvalidCommand);
        continue;
      }
      if (length > this.#frameSizeBytesMax) throw new FrameTooLargeError(length, this.#frameSizeBytesMax);
      if (queue.bufferedBytes < 4 + length) return; // wait for the rest; never join a partial frame
      const code = queue.peekU32LE(4);
      queue.skip(8);
      const payload = length === 4 ? EMPTY : queue.take(length - 4);
      this.#sink.onRequest(code, payload);
    }
  }
}
