// One bench connection to an Iggy 0.8 server: request frames out, responses
// back in request order (BINARY.md §2.1: no request ids). Kept minimal on
// purpose: no retries, no reconnects, no per-request timers, so the client
// adds as little as possible to what is measured. Latency is taken where the
// response arrives, before any promise machinery runs.
//
// The TCP connection here writes to a raw socket and cuts frames with the
// SDK's chunk-list reader; QUIC and WebSocket (transport_connection.ts) carry
// the same frames over the SDK's transports; HTTP (http_connection.ts) turns
// each frame into its REST route. open.ts picks one by transport.
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { parseAddress as parseConfigAddress } from '../../src/config/units.js';
import { IggyError } from '../../src/errors/iggy_error.js';
import { ResponseFrameReader } from '../../sdk/transport/frame_reader.js';
import { getStatsFrame, loginUserFrame, decodeStats, type ServerStats } from './commands.js';

export interface Response {
  status: number;
  payload: Uint8Array;
  /** Milliseconds from handing the frame to the transport to the whole response being read. */
  latencyMs: number;
}

interface Pending {
  sentAt: number;
  resolve: (response: Response) => void;
  reject: (error: Error) => void;
}

/** Responses larger than this are a broken stream, not a poll (1 GiB). */
export const RESPONSE_PAYLOAD_BYTES_MAX = 1 << 30;

export interface Address {
  host: string;
  port: number;
}

/** The server's own address syntax (src/config/units.ts), with port 0 refused: a target must be dialable. */
export function parseAddress(text: string): Address {
  const address = parseConfigAddress(text);
  if (address === null || address.port === 0) throw new Error(`bad address "${text}": expected host:port`);
  return address;
}

/** What every bench connection offers, whatever carries it. */
export abstract class BenchConnection {
  /** Sends one frame; resolves with the raw response (any status). */
  abstract request(frameBytes: Uint8Array): Promise<Response>;

  abstract close(): Promise<void>;

  /** A raw TCP connection (the ceiling sink speaks only this). */
  static connect(address: Address, timeoutMs = 10_000): Promise<BenchConnection> {
    return TcpConnection.connect(address, timeoutMs);
  }

  /** Sends one frame and rejects with IggyError on a non-zero status. */
  async call(frameBytes: Uint8Array, what: string): Promise<Response> {
    const response = await this.request(frameBytes);
    if (response.status !== 0) throw IggyError.fromCode(response.status, what);
    return response;
  }

  async login(username: string, password: string): Promise<number> {
    const response = await this.call(loginUserFrame(username, password), `login as ${username}`);
    return response.payload.length >= 4 ? new DataView(response.payload.buffer, response.payload.byteOffset).getUint32(0, true) : -1;
  }

  async stats(): Promise<ServerStats> {
    const response = await this.call(getStatsFrame(), 'GetStats');
    return decodeStats(response.payload);
  }
}

/**
 * Frames out, responses matched by order: the part TCP, QUIC and WebSocket
 * share. A subclass writes the bytes (`send`) and feeds back what arrives
 * (`deliver`, `fail`).
 */
export abstract class OrderedConnection extends BenchConnection {
  readonly #pending: Pending[] = [];
  protected closed: Error | null = null;

  protected abstract send(frameBytes: Uint8Array): void;

  request(frameBytes: Uint8Array): Promise<Response> {
    if (this.closed !== null) return Promise.reject(this.closed);
    return new Promise<Response>((resolve, reject) => {
      this.#pending.push({ sentAt: performance.now(), resolve, reject });
      this.send(frameBytes);
    });
  }

  protected deliver(status: number, payload: Uint8Array): void {
    const pending = this.#pending.shift();
    if (pending === undefined) {
      this.fail(new Error(`unsolicited response with status ${status}`));
      return;
    }
    pending.resolve({ status, payload, latencyMs: performance.now() - pending.sentAt });
  }

  /** Rejects everything pending; later requests reject with the first error. */
  protected fail(error: Error): void {
    this.closed ??= error;
    for (const pending of this.#pending.splice(0)) pending.reject(error);
  }
}

class TcpConnection extends OrderedConnection {
  readonly #socket: net.Socket;

  private constructor(socket: net.Socket) {
    super();
    this.#socket = socket;
    const reader = new ResponseFrameReader((status, payload) => this.deliver(status, payload), RESPONSE_PAYLOAD_BYTES_MAX);
    socket.on('data', (chunk: Buffer) => {
      try {
        reader.push(chunk);
      } catch (error) {
        this.fail(error as Error);
      }
    });
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new Error('connection closed by the server')));
  }

  static override connect(address: Address, timeoutMs: number): Promise<TcpConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: address.host, port: address.port });
      const timer = setTimeout(() => socket.destroy(new Error(`connect to ${address.host}:${address.port} timed out`)), timeoutMs);
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        socket.setNoDelay(true);
        resolve(new TcpConnection(socket));
      });
    });
  }

  protected send(frameBytes: Uint8Array): void {
    this.#socket.write(frameBytes);
  }

  close(): Promise<void> {
    if (this.closed !== null && this.#socket.destroyed) return Promise.resolve();
    this.closed ??= new Error('connection closed by the bench');
    return new Promise((resolve) => {
      if (this.#socket.destroyed) return resolve();
      this.#socket.once('close', () => resolve());
      this.#socket.end();
      // A server that never closes its side must not hold the bench open.
      setTimeout(() => this.#socket.destroy(), 2000).unref();
    });
  }

  protected override fail(error: Error): void {
    super.fail(error);
    if (!this.#socket.destroyed) this.#socket.destroy();
  }
}
