// Request frame reader for byte-stream transports (TCP, TLS, WebSocket).
// Request (BINARY.md §2.1): [length:u32 LE][code:u32 LE][payload], length = 4 + payload.
//
// Chunks are kept in a list with a byte count; a frame is joined only once it
// is wholly buffered (STYLE.md §5): a payload inside one chunk is handed out
// as a view of it (it pins that chunk until the request is done), one that
// spans chunks costs exactly one copy. Never a Buffer.concat of a backlog.
//
// Framing faults, as the 0.8.0 server treats them:
//   length < 4           -> onMalformed(InvalidCommand); only the 4 length
//                           bytes are consumed and reading continues at the
//                           next header.
//   length > frame max   -> FrameTooLargeError thrown from push(); the stream
//                           cannot be resynchronised, so the caller answers
//                           InvalidCommand and closes the connection.
import { ERROR_CODE, IggyError } from '../../errors/iggy_error.js';

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
  #chunks: Buffer[] = [];
  /** Bytes of chunks[0] already consumed. */
  #head = 0;
  #bufferedBytes = 0;
  #paused = false;

  /** `frameSizeBytesMax` bounds the length field (code + payload). */
  constructor(sink: RequestSink, frameSizeBytesMax: number) {
    this.#sink = sink;
    this.#frameSizeBytesMax = frameSizeBytesMax;
  }

  get bufferedBytes(): number {
    return this.#bufferedBytes;
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
    if (chunk.length > 0) {
      this.#chunks.push(chunk);
      this.#bufferedBytes += chunk.length;
    }
    this.#parse();
  }

  #parse(): void {
    while (!this.#paused && this.#bufferedBytes >= 4) {
      const length = this.#peekU32LE(0);
      if (length < 4) {
        this.#skip(4);
        this.#sink.onMalformed(ERROR_CODE.InvalidCommand);
        continue;
      }
      if (length > this.#frameSizeBytesMax) throw new FrameTooLargeError(length, this.#frameSizeBytesMax);
      if (this.#bufferedBytes < 4 + length) return; // wait for the rest; never join a partial frame
      const code = this.#peekU32LE(4);
      this.#skip(8);
      const payload = length === 4 ? EMPTY : this.#take(length - 4);
      this.#sink.onRequest(code, payload);
    }
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

  /** The next `count` bytes: a view when they lie in one chunk, else one copy. */
  #take(count: number): Buffer {
    const first = this.#chunks[0]!;
    if (first.length - this.#head >= count) {
      const view = first.subarray(this.#head, this.#head + count);
      this.#skip(count);
      return view;
    }
    const joined = Buffer.allocUnsafe(count);
    let written = 0;
    while (written < count) {
      const chunk = this.#chunks[0]!;
      const n = Math.min(chunk.length - this.#head, count - written);
      chunk.copy(joined, written, this.#head, this.#head + n);
      written += n;
      this.#skip(n);
    }
    return joined;
  }
}
