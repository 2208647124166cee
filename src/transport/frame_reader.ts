// Request frame reader for byte-stream transports (TCP, TLS, WebSocket).
// Request (BINARY.md §2.1): [length:u32 LE][code:u32 LE][payload], length = 4 + payload.
//
// Bytes are buffered in a ChunkQueue; a frame is joined only once it is wholly
// buffered (STYLE.md §5): a payload inside one chunk is handed out as a view
// of it (it pins that chunk until the request is done), one that spans chunks
// costs exactly one copy. Never a Buffer.concat of a backlog.
//
// Two ways to feed it. push(chunk) takes chunks as a transport received them.
// With a user buffer (TCP, tcp/user_buffer.ts) the socket reads straight into
// readBuffer() and reports received(bytes): headers land in a reused scratch
// buffer, and a frame's payload gets a buffer of its own, exactly its size,
// into which the kernel writes the rest of it. A 1 MB SendMessages batch is
// thus written once by the kernel and never joined; its buffer comes from
// the caller's allocator (BinarySession: storage.payloadBuffer, which keeps
// the batch in it and recycles it, storage/partition/payload_pool.ts).
// That mode extracts every whole frame at once and holds them while paused.
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
/** Read-into mode: where headers (and small frames) land; a read never needs more. */
const SCRATCH_BYTES = 64 * 1024;

/** Read-into mode: a payload buffer for a frame (`code`); the caller may lend one storage keeps (SendMessages). */
export type PayloadAllocator = (sizeBytes: number, code: number) => Buffer;

const allocateFresh: PayloadAllocator = (sizeBytes) => Buffer.allocUnsafe(sizeBytes);

type Held = { code: number; payload: Buffer } | { status: number } | { tooLarge: FrameTooLargeError };

export class RequestFrameReader {
  readonly #sink: RequestSink;
  readonly #frameSizeBytesMax: number;
  readonly #queue = new ChunkQueue<Buffer>((sizeBytes) => Buffer.allocUnsafe(sizeBytes));
  #paused = false;
  // ---- read-into mode (readBuffer/received) ----
  #scratch: Buffer | null = null;
  /** Unparsed scratch bytes: [#start, #end), fewer than a header. */
  #start = 0;
  #end = 0;
  /** The payload being read straight into its own buffer, #filled bytes so far. */
  #body: Buffer | null = null;
  #bodyCode = 0;
  #filled = 0;
  /** What the last readBuffer() lent: the scratch or #body. */
  #lentBody = false;
  /** A length beyond the limit was read: nothing after it means anything. */
  #broken = false;
  /** Whole frames extracted but not handed out (paused). */
  readonly #held: Held[] = [];

  readonly #allocatePayload: PayloadAllocator;

  /** `frameSizeBytesMax` bounds the length field (code + payload). */
  constructor(sink: RequestSink, frameSizeBytesMax: number, allocatePayload: PayloadAllocator = allocateFresh) {
    this.#sink = sink;
    this.#frameSizeBytesMax = frameSizeBytesMax;
    this.#allocatePayload = allocatePayload;
  }

  get bufferedBytes(): number {
    return this.#queue.bufferedBytes + (this.#end - this.#start) + this.#filled;
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
    this.#handOutHeld();
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

  /** Read-into mode: the buffer the next socket read should fill (lent until received()). */
  readBuffer(): Buffer {
    if (this.#body !== null) {
      this.#lentBody = true;
      return this.#body.subarray(this.#filled);
    }
    this.#lentBody = false;
    this.#scratch ??= Buffer.allocUnsafe(SCRATCH_BYTES);
    if (this.#start > 0) {
      this.#scratch.copyWithin(0, this.#start, this.#end);
      this.#end -= this.#start;
      this.#start = 0;
    }
    return this.#scratch.subarray(this.#end);
  }

  /** Read-into mode: `bytes` landed in the last readBuffer(). May throw FrameTooLargeError, as push() does. */
  received(bytes: number): void {
    if (this.#broken) return;
    if (this.#lentBody) {
      this.#filled += bytes;
      if (this.#filled === this.#body!.length) this.#completeBody();
    } else {
      this.#end += bytes;
      this.#extract();
    }
    this.#handOutHeld();
  }

  #completeBody(): void {
    this.#held.push({ code: this.#bodyCode, payload: this.#body! });
    this.#body = null;
    this.#filled = 0;
  }

  /** Moves every whole frame out of the scratch (payloads into their own buffers); starts the one cut short. */
  #extract(): void {
    const scratch = this.#scratch!;
    while (this.#end - this.#start >= 4) {
      const length = scratch.readUInt32LE(this.#start);
      if (length < 4) {
        this.#start += 4;
        this.#held.push({ status: ERROR_CODE.InvalidCommand });
        continue;
      }
      if (length > this.#frameSizeBytesMax) {
        this.#broken = true;
        this.#held.push({ tooLarge: new FrameTooLargeError(length, this.#frameSizeBytesMax) });
        return;
      }
      if (this.#end - this.#start < 8) return;
      this.#bodyCode = scratch.readUInt32LE(this.#start + 4);
      this.#start += 8;
      const payloadBytes = length - 4;
      this.#body = payloadBytes === 0 ? EMPTY : this.#allocatePayload(payloadBytes, this.#bodyCode);
      const part = Math.min(payloadBytes, this.#end - this.#start);
      scratch.copy(this.#body, 0, this.#start, this.#start + part);
      this.#start += part;
      this.#filled = part;
      if (part < payloadBytes) return; // the kernel writes the rest straight into #body
      this.#completeBody();
    }
  }

  #handOutHeld(): void {
    const held = this.#held;
    while (!this.#paused && held.length > 0) {
      const item = held.shift()!;
      if ('tooLarge' in item) {
        held.length = 0;
        throw item.tooLarge;
      }
      if ('status' in item) this.#sink.onMalformed(item.status);
      else this.#sink.onRequest(item.code, item.payload);
    }
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
