// The binary Dispatcher: one logical connection over a replaceable Transport
// (TCP today; QUIC and WebSocket carry the same frames), with request
// pipelining (responses are matched to requests by order, BINARY.md §2.1: the
// protocol has no request ids), per-request timeouts, and automatic reconnect
// with exponential backoff. After every (re)connect the session runs first
// (the client logs in again there) before queued requests go out.
// Browser-safe: no node: imports.
import { assert } from '../src/assert.js';
import { IggyError, isRetriable } from '../src/errors/iggy_error.js';
import { Emitter } from './emitter.js';
import { SDK_LIMITS } from './limits.js';
import { sleep, type Sleep } from './sleep.js';
import { encodeRequest } from '../src/protocol/frame.js';
import type { Command, Dispatcher, DispatcherEvents, DispatcherState, RequestOptions, Session, SessionCall } from './dispatcher.js';
import type { Transport, TransportFactory } from './transport/transport.js';

export type { ClientCodec, RequestOptions } from './dispatcher.js';

export interface ReconnectOptions {
  /** Default true. */
  enabled?: boolean;
  delayMsMin?: number;
  delayMsMax?: number;
  /** Consecutive failed attempts before the client gives up and closes. */
  attemptsMax?: number;
}

export interface ConnectionOptions {
  transport: TransportFactory;
  requestTimeoutMs?: number;
  inFlightRequestsMax?: number;
  queuedRequestsMax?: number;
  reconnect?: boolean | ReconnectOptions;
}

/** The dispatcher's names, kept for existing callers. */
export type ConnectionState = DispatcherState;
export type ConnectionEvents = DispatcherEvents;

interface Pending {
  readonly frame: Uint8Array;
  resend: boolean;
  readonly label: string;
  readonly decode: (payload: Uint8Array) => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  timer: ReturnType<typeof setTimeout> | undefined;
  settled: boolean;
}

const DISCONNECTED = IggyError.of('Disconnected', '').code;

/** Failures of the network or of a hung peer (the error table's column), as opposed to a refusal by the server. */
const isConnectionFailure = (error: unknown): boolean => isRetriable(error, 'connection');

function labelOf(codec: { readonly code: number; readonly name?: string }): string {
  return codec.name ?? `command ${codec.code}`;
}

export class Connection extends Emitter<DispatcherEvents> implements Dispatcher {
  readonly #options: ConnectionOptions;
  readonly #requestTimeoutMs: number;
  readonly #inFlightMax: number;
  readonly #queuedMax: number;
  readonly #reconnect: Required<ReconnectOptions>;
  #session: Session | null = null;
  #transport: Transport | null = null;
  #state: ConnectionState = 'connecting';
  /** Written, awaiting a response, in write order. */
  #inFlight: Pending[] = [];
  /** Not yet written: waiting for the connection or a pipeline slot. */
  #queued: Pending[] = [];
  #writeBlocked = false;
  #backoff: Sleep | null = null;
  /** A connect + handshake is running: a close now fails it, it does not start another loop. */
  #connecting = false;
  #idle: Array<() => void> = [];
  #closing: Promise<void> | null = null;

  constructor(options: ConnectionOptions) {
    super();
    this.#options = options;
    this.#requestTimeoutMs = options.requestTimeoutMs ?? SDK_LIMITS.requestTimeoutMs;
    this.#inFlightMax = options.inFlightRequestsMax ?? SDK_LIMITS.inFlightRequestsMax;
    this.#queuedMax = options.queuedRequestsMax ?? SDK_LIMITS.queuedRequestsMax;
    const reconnect = typeof options.reconnect === 'object' ? options.reconnect : { enabled: options.reconnect ?? true };
    this.#reconnect = {
      enabled: reconnect.enabled ?? true,
      delayMsMin: reconnect.delayMsMin ?? SDK_LIMITS.reconnectDelayMsMin,
      delayMsMax: reconnect.delayMsMax ?? SDK_LIMITS.reconnectDelayMsMax,
      attemptsMax: reconnect.attemptsMax ?? SDK_LIMITS.reconnectAttemptsMax,
    };
    assert(this.#inFlightMax >= 1, 'inFlightRequestsMax must be at least 1');
  }

  get state(): ConnectionState {
    return this.#state;
  }

  get transportName(): string {
    return this.#transport?.name ?? 'none';
  }

  /** Runs after each connect before queued requests are written (the client re-logs in here). */
  setSession(session: Session | null): void {
    this.#session = session;
  }

  /** First connect: fails fast (no retry), so a wrong address is reported at once. */
  async open(): Promise<void> {
    assert(this.#state === 'connecting', `open() in state ${this.#state}`);
    try {
      await this.#connectOnce();
    } catch (error) {
      this.#shutdown(error as Error);
      throw error;
    }
  }

  /**
   * Sends one command and resolves with its decoded response. Requests queue
   * while reconnecting; the timeout counts from this call. A request that was
   * in flight when the connection dropped rejects with Disconnected (8): it may
   * or may not have been applied, so only the caller can decide to retry.
   */
  call<Request, Response>(codec: Command<Request, Response>, command: Request, options: RequestOptions = {}): Promise<Response> {
    if (this.#state === 'closing' || this.#state === 'closed') {
      return Promise.reject(IggyError.of('ClientShutdown', `${labelOf(codec)}: the client is closed`));
    }
    if (this.#queued.length >= this.#queuedMax) {
      return Promise.reject(IggyError.of('BackgroundSendBufferOverflow', `${this.#queued.length} requests queued`));
    }
    let frame: Uint8Array;
    try {
      frame = encodeRequest(codec, command);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<Response>((resolve, reject) => {
      const pending = this.#pending(frame, labelOf(codec), codec.response.decode, resolve as (v: unknown) => void, reject, options.timeoutMs);
      pending.resend = options.resendOnReconnect === true;
      this.#queued.push(pending);
      this.#pump();
    });
  }

  /** Writes a request now, ahead of the queue: the session's `call`, which runs before queued requests are released. */
  readonly #callAhead: SessionCall = <Request, Response>(codec: Command<Request, Response>, command: Request): Promise<Response> => {
    const transport = this.#transport;
    if (transport === null) return Promise.reject(IggyError.of('NotConnected', labelOf(codec)));
    const frame = encodeRequest(codec, command);
    return new Promise<Response>((resolve, reject) => {
      const pending = this.#pending(frame, labelOf(codec), codec.response.decode, resolve as (v: unknown) => void, reject, undefined);
      this.#inFlight.push(pending);
      transport.write(frame);
    });
  };

  /** Waits for every queued and in-flight request to settle, then closes. Idempotent. */
  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    if (this.#state === 'closed') return;
    const wasReady = this.#state === 'ready';
    this.#state = 'closing';
    this.#backoff?.cancel();
    if (wasReady && (this.#queued.length > 0 || this.#inFlight.length > 0)) {
      await new Promise<void>((resolve) => this.#idle.push(resolve));
    }
    this.#shutdown(IggyError.of('ClientShutdown', 'the client was closed'));
  }

  #pending(
    frame: Uint8Array,
    label: string,
    decode: (payload: Uint8Array) => unknown,
    resolve: (value: unknown) => void,
    reject: (error: unknown) => void,
    timeoutMs: number | undefined,
  ): Pending {
    const pending: Pending = { frame, resend: false, label, decode, resolve, reject, timer: undefined, settled: false };
    const ms = timeoutMs ?? this.#requestTimeoutMs;
    if (ms > 0 && Number.isFinite(ms)) {
      pending.timer = setTimeout(() => {
        // Still counted in #inFlight if written: its late response must be
        // matched and dropped to keep the order.
        this.#settle(pending, undefined, IggyError.of('TaskTimeout', `${label}: no response within ${ms} ms`));
        const queuedAt = this.#queued.indexOf(pending);
        if (queuedAt >= 0) this.#queued.splice(queuedAt, 1);
        this.#checkIdle();
      }, ms);
    }
    return pending;
  }

  #settle(pending: Pending, value: unknown, error?: unknown): void {
    if (pending.settled) return;
    pending.settled = true;
    clearTimeout(pending.timer);
    if (error === undefined) pending.resolve(value);
    else pending.reject(error);
  }

  #pump(): void {
    const transport = this.#transport;
    if (transport === null || (this.#state !== 'ready' && this.#state !== 'closing')) return;
    while (!this.#writeBlocked && this.#queued.length > 0 && this.#inFlight.length < this.#inFlightMax) {
      const pending = this.#queued.shift()!;
      if (pending.settled) continue;
      this.#inFlight.push(pending);
      if (!transport.write(pending.frame)) {
        this.#writeBlocked = true;
        void transport.drained().then(() => {
          this.#writeBlocked = false;
          if (this.#transport === transport) this.#pump();
        });
      }
    }
  }

  #onResponse(transport: Transport, status: number, payload: Uint8Array): void {
    if (transport !== this.#transport) return;
    const pending = this.#inFlight.shift();
    if (pending === undefined) {
      // A response nobody asked for: the stream is out of sync; start over.
      transport.close();
      this.#onClose(transport, IggyError.of('InvalidBytesResponse', `unexpected response with status ${status}`));
      return;
    }
    if (status === DISCONNECTED) {
      // The server is shutting down (BINARY.md §2.1): it reads nothing more
      // from this connection, so drop it now and reconnect rather than wait.
      // It answered without running the request, so one that may be resent
      // goes out again after the reconnect, ahead of the rest, as if the
      // connection had dropped before its answer.
      if (pending.resend && !pending.settled) this.#inFlight.unshift(pending);
      else this.#settle(pending, undefined, IggyError.fromCode(status, pending.label));
      transport.close();
      this.#onClose(transport, IggyError.of('Disconnected', 'the server is shutting down'));
      return;
    }
    if (!pending.settled) {
      if (status !== 0) {
        this.#settle(pending, undefined, IggyError.fromCode(status, pending.label));
      } else {
        let value: unknown;
        let failure: unknown;
        try {
          value = pending.decode(payload);
        } catch (error) {
          failure = error;
        }
        this.#settle(pending, value, failure);
      }
    }
    this.#pump();
    this.#checkIdle();
  }

  #onClose(transport: Transport, error: Error | undefined): void {
    if (transport !== this.#transport) return;
    this.#transport = null;
    this.#writeBlocked = false;
    const cause = error ?? IggyError.of('Disconnected', 'connection closed');
    const inFlight = this.#inFlight;
    this.#inFlight = [];
    const resend: Pending[] = [];
    for (const pending of inFlight) {
      if (pending.settled) continue;
      if (pending.resend && this.#reconnect.enabled && this.#state !== 'closing' && !this.#connecting) resend.push(pending);
      else this.#settle(pending, undefined, IggyError.of('Disconnected', `${pending.label}: connection lost before the response`, { cause }));
    }
    // Written before anything still queued, so they go first again.
    this.#queued.unshift(...resend);
    if (this.#state === 'closing' || this.#state === 'closed') {
      this.#shutdown(IggyError.of('ClientShutdown', 'the client was closed'));
      return;
    }
    if (this.#connecting) return; // #connectOnce sees the failed handshake and reports it
    this.emit('disconnect', cause);
    if (!this.#reconnect.enabled) {
      this.#shutdown(cause);
      this.emit('error', cause);
      return;
    }
    this.#state = 'reconnecting';
    void this.#reconnectLoop();
  }

  async #reconnectLoop(): Promise<void> {
    let attempts = 0;
    let lastError: unknown;
    while (this.#state === 'reconnecting') {
      if (attempts >= this.#reconnect.attemptsMax) break;
      const ceiling = Math.min(this.#reconnect.delayMsMax, this.#reconnect.delayMsMin * 2 ** Math.min(attempts, 20));
      // Full jitter keeps a fleet of clients from reconnecting in lockstep.
      this.#backoff = sleep(ceiling / 2 + Math.random() * (ceiling / 2));
      await this.#backoff.promise;
      this.#backoff = null;
      if (this.#state !== 'reconnecting') return;
      attempts++;
      try {
        await this.#connectOnce();
        this.emit('reconnect', { attempts });
        return;
      } catch (error) {
        lastError = error;
        if (!isConnectionFailure(error)) break; // the server refused the handshake (e.g. 42): retrying will not help
      }
    }
    if (this.#state !== 'reconnecting') return;
    // A refused handshake (e.g. InvalidCredentials 42) is reported as itself.
    const error =
      lastError !== undefined && !isConnectionFailure(lastError)
        ? (lastError as Error)
        : IggyError.of('CannotEstablishConnection', `gave up reconnecting after ${attempts} attempts`, { cause: lastError });
    this.#shutdown(error);
    this.emit('error', error);
  }

  async #connectOnce(): Promise<void> {
    const transport = this.#options.transport();
    this.#transport = transport;
    this.#connecting = true;
    try {
      await transport.connect({
        onResponse: (status, payload) => this.#onResponse(transport, status, payload),
        onClose: (error) => this.#onClose(transport, error),
      });
      if (this.#session !== null) await this.#session(this.#callAhead);
    } catch (error) {
      if (this.#transport === transport) {
        this.#transport = null;
        for (const pending of this.#inFlight.splice(0)) this.#settle(pending, undefined, error);
      }
      transport.close();
      throw error;
    } finally {
      this.#connecting = false;
    }
    if (this.#transport !== transport) throw IggyError.of('Disconnected', 'connection lost during the handshake');
    if (this.#state === 'connecting' || this.#state === 'reconnecting') this.#state = 'ready';
    this.#pump();
  }

  /** True when nothing is queued or in flight (the heartbeat only pings an idle connection). */
  get idle(): boolean {
    return this.#queued.length === 0 && this.#inFlight.length === 0;
  }

  #checkIdle(): void {
    if (this.#idle.length === 0 || this.#queued.length > 0 || this.#inFlight.some((p) => !p.settled)) return;
    const idle = this.#idle;
    this.#idle = [];
    for (const wake of idle) wake();
  }

  #shutdown(error: Error): void {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    this.#backoff?.cancel();
    const transport = this.#transport;
    this.#transport = null;
    transport?.close();
    for (const pending of [...this.#queued, ...this.#inFlight]) this.#settle(pending, undefined, error);
    this.#queued = [];
    this.#inFlight = [];
    const idle = this.#idle;
    this.#idle = [];
    for (const wake of idle) wake();
    this.emit('close', undefined);
  }
}
