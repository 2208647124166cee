// The binary protocol over one ordered byte stream (BINARY.md §2.1): frames
// in -> dispatch -> replies out, shared by every transport that carries
// Iggy's request/response frames (TCP, TLS, WebSocket binary messages, a
// QUIC stream). A transport adapts its connection to a ByteSink and feeds
// the bytes it reads to push(), or reads them in place (readBuffer() and
// received()); it holds no protocol logic of its own.
//
// Requests form one in-order pipeline and replies leave in request order. A
// request is dispatched only after the previous one finished, except that
// SendMessages and PollMessages may overlap one another (PIPELINED): their
// effect is applied when they are dispatched (a batch is stamped and visible,
// a read is planned), and what they await is only durability or disk bytes.
// So a second batch is stamped while the first one's write is in flight and
// both writes may share one fsync (group commit); any other command waits for
// everything before it, and everything after it waits for it.
// Backpressure (STYLE.md §5):
//   * reading pauses once `pendingRequestsMax` requests are buffered, or
//     `pendingResponseBytesMax` bytes wait in the sink, and resumes as they
//     drain;
//   * a `false` from sink.write() stops dispatching until drained().
// A slow reader therefore stalls only itself. Every frame's declared payload
// is read in full before it is dispatched (SendMessages included), so the
// stream stays in sync after any error reply. A reply is handed to the sink
// as its 8-byte header plus the handler's chunks: one header allocation per
// reply, payload chunks never concatenated.
import { ERROR_CODE } from '../errors/iggy_error.js';
import { PROTOCOL } from '../limits.js';
import { log } from '../log.js';
import { COMMAND } from '../protocol/codes.js';
import type { Reply, ServerContext, Session } from '../server/context.js';
import type { Dispatch, DispatchResult } from '../server/dispatch.js';
import { replySizeBytes } from '../server/dispatch.js';
import { FrameTooLargeError, RequestFrameReader, type RequestSink } from './frame_reader.js';

/** Where a session's replies go, and the reading side it may pause. */
export interface ByteSink {
  /**
   * Writes one reply: `header`, then `body` (one chunk or several, possibly
   * empty), in order and without reusing them. false = the sink is full;
   * the adapter calls drained() once it can take more. `onSent`, if the
   * sink supports it, runs once every byte was handed to the operating
   * system (never after a failed write): the chunks' memory may then be reused.
   */
  write(header: Uint8Array, body: Reply, onSent?: () => void): boolean;
  /** Stops delivering input to push() until resume(). */
  pause(): void;
  resume(): void;
  /** Closes after what was written is sent; input may still arrive and is dropped. */
  end(): void;
  /** Bytes written but not yet sent: what the response-byte limit bounds. */
  readonly queuedBytes: number;
}

export interface BinarySessionLimits {
  /** Bounds a request's length field (code + payload). */
  frameSizeBytesMax: number;
  /** Requests buffered or in dispatch before reading pauses. */
  pendingRequestsMax: number;
  /** sink.queuedBytes at which reading pauses. */
  pendingResponseBytesMax: number;
}

type Pending = { code: number; payload: Buffer } | { status: number; close: boolean };

/** Commands that may be dispatched while others of them are in flight (see the file comment). */
const PIPELINED: ReadonlySet<number> = new Set([COMMAND.SendMessages, COMMAND.PollMessages]);

/** A dispatched request, in request order; `result` is set once it settled. */
interface InFlight {
  readonly pipelined: boolean;
  result: DispatchResult | null;
  /** Close the connection after this reply (session.closeAfterReply as of its dispatch). */
  close: boolean;
}

const EMPTY_BODY = new Uint8Array(0);
/** Smaller SendMessages payloads are copied by storage anyway (its slabs take small batches). */
const PAYLOAD_POOLED_BYTES_MIN = 16 * 1024;

export class BinarySession implements RequestSink {
  readonly session: Session;
  readonly #ctx: ServerContext;
  readonly #dispatch: Dispatch;
  readonly #sink: ByteSink;
  readonly #limits: BinarySessionLimits;
  readonly #reader: RequestFrameReader;
  readonly #queue: Pending[] = [];
  /** Dispatched requests whose replies have not been written yet, in request order. */
  readonly #inFlight: InFlight[] = [];
  #waitingDrain = false;
  #readingPaused = false;
  /** No more requests are read (fatal frame error, end or shutdown). */
  #stopped = false;
  #shuttingDown = false;
  #closed = false;

  constructor(ctx: ServerContext, dispatch: Dispatch, session: Session, sink: ByteSink, limits: BinarySessionLimits) {
    this.#ctx = ctx;
    this.#dispatch = dispatch;
    this.session = session;
    this.#sink = sink;
    this.#limits = limits;
    this.#reader = new RequestFrameReader(this, limits.frameSizeBytesMax, (sizeBytes, code) => this.#allocatePayload(sizeBytes, code));
  }

  /** Read-into mode: large SendMessages payloads go where storage keeps their batches; the rest is fresh memory. */
  #allocatePayload(sizeBytes: number, code: number): Buffer {
    if (code === COMMAND.SendMessages && sizeBytes >= PAYLOAD_POOLED_BYTES_MIN) return this.#ctx.storage.payloadBuffer(sizeBytes);
    return Buffer.allocUnsafe(sizeBytes);
  }

  /** No request buffered or in dispatch. */
  get idle(): boolean {
    return this.#inFlight.length === 0 && this.#queue.length === 0;
  }

  /**
   * Read-into mode (frame_reader.ts): the buffer the transport's next read
   * should fill, and how many bytes landed there. Bytes received once the
   * session stopped reading are dropped.
   */
  readBuffer(): Buffer {
    return this.#reader.readBuffer();
  }

  received(bytes: number): void {
    if (this.#stopped) return;
    this.#guardFraming(() => this.#reader.received(bytes));
  }

  /**
   * Bytes read from the peer, in order, that a transport could not read in
   * place (a TLS record's plaintext, a WebSocket message whose buffer dies
   * with its callback): copied once, into the read-into buffers, so a
   * SendMessages payload still lands where storage keeps its batch. Dropped
   * once the session stopped reading.
   */
  push(bytes: Uint8Array): void {
    for (let at = 0; at < bytes.length && !this.#stopped; ) {
      const target = this.#reader.readBuffer();
      const n = Math.min(target.length, bytes.length - at);
      if (n === 0) return; // nothing to read into (never expected): drop rather than spin
      target.set(bytes.subarray(at, at + n));
      at += n;
      this.received(n);
    }
  }

  /** The sink can take more after a write returned false. */
  drained(): void {
    this.#waitingDrain = false;
    this.#pump();
  }

  /** The connection is gone: drop what is pending, write nothing more. */
  closed(): void {
    this.#closed = true;
    this.#queue.length = 0;
    this.#inFlight.length = 0;
  }

  /** Graceful shutdown: no more reading; idle now -> Disconnected (8), else after the pipeline drains. */
  shutdown(): void {
    if (this.#closed || this.#shuttingDown) return;
    this.#shuttingDown = true;
    this.#stopped = true;
    this.#sink.pause();
    if (this.idle) this.#sayDisconnected();
  }

  onRequest(code: number, payload: Buffer): void {
    // Iggy caps non-SendMessages payloads at 10 MiB; the payload was read in full, so the stream stays in sync.
    if (code !== COMMAND.SendMessages && payload.length > PROTOCOL.controlPayloadBytesMax) {
      this.#queue.push({ status: ERROR_CODE.InvalidCommand, close: false });
    } else {
      this.#queue.push({ code, payload });
    }
    this.#pump();
  }

  onMalformed(status: number): void {
    this.#queue.push({ status, close: false });
    this.#pump();
  }

  /** Runs the reader; a length beyond the limit cannot be skipped: answer in order, then close. */
  #guardFraming(read: () => void): void {
    try {
      read();
    } catch (error) {
      if (!(error instanceof FrameTooLargeError)) throw error;
      this.#stopped = true;
      this.#queue.push({ status: ERROR_CODE.InvalidCommand, close: true });
      this.#pump();
    }
  }

  #pump(): void {
    while (!this.#waitingDrain && !this.#closed && this.#queue.length > 0 && this.#mayDispatch(this.#queue[0]!)) {
      const item = this.#queue.shift()!;
      if ('status' in item) {
        this.#writeError(item.status);
        if (item.close) this.#end();
        continue;
      }
      this.#start(item.code, item.payload);
    }
    this.#updateReading();
    if (this.#shuttingDown && this.idle && !this.#closed) this.#sayDisconnected();
  }

  /** Nothing in flight, or it and everything in flight are PIPELINED. */
  #mayDispatch(item: Pending): boolean {
    const inFlight = this.#inFlight;
    if (inFlight.length === 0) return true;
    if ('status' in item || !PIPELINED.has(item.code)) return false;
    return inFlight[inFlight.length - 1]!.pipelined;
  }

  #start(code: number, payload: Buffer): void {
    const entry: InFlight = { pipelined: PIPELINED.has(code), result: null, close: false };
    const result = this.#dispatchSafely(code, payload);
    // Dispatch is over: a payload buffer storage lent and no batch kept goes back to it.
    if (code === COMMAND.SendMessages) void Promise.resolve(result).finally(() => this.#ctx.storage.returnBytes([payload]));
    if (!(result instanceof Promise)) {
      entry.result = result;
      entry.close = this.session.closeAfterReply;
      if (this.#inFlight.length === 0) return this.#writeResult(entry);
      this.#inFlight.push(entry);
      return;
    }
    this.#inFlight.push(entry);
    result.then(
      (reply) => this.#settle(entry, reply),
      (error: unknown) => {
        log.error({ error: String(error) }, 'dispatch rejected');
        this.#settle(entry, ERROR_CODE.Error);
      },
    );
  }

  /** A dispatched request finished: write every reply at the head that is ready, then continue. */
  #settle(entry: InFlight, result: DispatchResult): void {
    if (this.#closed) return;
    entry.result = result;
    // Only a request that ran alone can have asked to close (PIPELINED ones never do).
    if (!entry.pipelined) entry.close = this.session.closeAfterReply;
    const inFlight = this.#inFlight;
    while (inFlight.length > 0 && inFlight[0]!.result !== null && !this.#closed) {
      this.#writeResult(inFlight.shift()!); // may end the session, which empties inFlight
    }
    this.#pump();
  }

  #dispatchSafely(code: number, payload: Buffer): DispatchResult | Promise<DispatchResult> {
    try {
      return this.#dispatch(this.#ctx, this.session, code, payload);
    } catch (error) {
      // dispatch catches everything it can; reaching here is a bug in dispatch itself.
      log.error({ error: String(error) }, 'dispatch threw');
      return ERROR_CODE.Error;
    }
  }

  #writeResult(entry: InFlight): void {
    const result = entry.result!;
    if (typeof result === 'number') this.#writeError(result);
    else this.#write(0, result);
    if (entry.close) this.#end();
  }

  #writeError(status: number): void {
    this.#write(status, EMPTY_BODY);
  }

  /** Response (BINARY.md §2.1): [status:u32 LE][length:u32 LE][payload]; errors carry none. */
  #write(status: number, body: Reply): void {
    const header = Buffer.allocUnsafe(8);
    header.writeUInt32LE(status, 0);
    header.writeUInt32LE(replySizeBytes(body), 4);
    // Poll chunks may be storage's read buffers, reused once the socket is done with them.
    const onSent = body instanceof Uint8Array ? undefined : () => this.#ctx.storage.returnBytes(body);
    if (!this.#sink.write(header, body, onSent)) this.#waitingDrain = true;
  }

  /** Pauses reading while too much is pending; resumes once it drained. */
  #updateReading(): void {
    if (this.#stopped || this.#closed) return;
    const pending = this.#queue.length + this.#inFlight.length;
    const full = pending >= this.#limits.pendingRequestsMax || this.#sink.queuedBytes >= this.#limits.pendingResponseBytesMax;
    if (full && !this.#readingPaused) {
      this.#readingPaused = true;
      this.#reader.pause();
      this.#sink.pause();
    } else if (!full && this.#readingPaused) {
      this.#readingPaused = false;
      this.#sink.resume();
      this.#guardFraming(() => this.#reader.resume()); // may hand out buffered frames, re-entering #pump
    }
  }

  #end(): void {
    this.#stopped = true;
    this.#queue.length = 0;
    this.#inFlight.length = 0;
    this.#sink.end();
  }

  #sayDisconnected(): void {
    this.#writeError(ERROR_CODE.Disconnected);
    this.#end();
  }
}
