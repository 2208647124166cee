// One bench TCP connection to an Iggy 0.8 server: writes request frames,
// cuts response frames with the SDK's chunk-list reader and hands them back in
// request order (BINARY.md §2.1: no request ids). Kept minimal on purpose: no
// retries, no reconnects, no per-request timers, so the client adds as little
// as possible to what is measured. Latency is taken in the data callback,
// before any promise machinery runs.
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { parseAddress as parseConfigAddress } from '../../src/config/units.js';
import { IggyError } from '../../src/errors/iggy_error.js';
import { ResponseFrameReader } from '../../sdk/transport/frame_reader.js';
import { getStatsFrame, loginUserFrame, decodeStats, type ServerStats } from './commands.js';

export interface Response {
  status: number;
  payload: Uint8Array;
  /** Milliseconds from handing the frame to the socket to the whole response being read. */
  latencyMs: number;
}

interface Pending {
  sentAt: number;
  resolve: (response: Response) => void;
  reject: (error: Error) => void;
}

/** Responses larger than this are a broken stream, not a poll (1 GiB). */
const RESPONSE_PAYLOAD_BYTES_MAX = 1 << 30;

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

export class BenchConnection {
  readonly #socket: net.Socket;
  readonly #pending: Pending[] = [];
  #closed: Error | null = null;

  private constructor(socket: net.Socket) {
    this.#socket = socket;
    const reader = new ResponseFrameReader((status, payload) => {
      const pending = this.#pending.shift();
      if (pending === undefined) {
        this.#fail(new Error(`unsolicited response with status ${status}`));
        return;
      }
      pending.resolve({ status, payload, latencyMs: performance.now() - pending.sentAt });
    }, RESPONSE_PAYLOAD_BYTES_MAX);
    socket.on('data', (chunk: Buffer) => {
      try {
        reader.push(chunk);
      } catch (error) {
        this.#fail(error as Error);
      }
    });
    socket.on('error', (error) => this.#fail(error));
    socket.on('close', () => this.#fail(new Error('connection closed by the server')));
  }

  static connect(address: Address, timeoutMs = 10_000): Promise<BenchConnection> {
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
        resolve(new BenchConnection(socket));
      });
    });
  }

  /** Sends one frame; resolves with the raw response (any status). */
  request(frameBytes: Uint8Array): Promise<Response> {
    if (this.#closed !== null) return Promise.reject(this.#closed);
    return new Promise<Response>((resolve, reject) => {
      this.#pending.push({ sentAt: performance.now(), resolve, reject });
      this.#socket.write(frameBytes);
    });
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

  close(): Promise<void> {
    if (this.#closed !== null && this.#socket.destroyed) return Promise.resolve();
    this.#closed ??= new Error('connection closed by the bench');
    return new Promise((resolve) => {
      if (this.#socket.destroyed) return resolve();
      this.#socket.once('close', () => resolve());
      this.#socket.end();
      // A server that never closes its side must not hold the bench open.
      setTimeout(() => this.#socket.destroy(), 2000).unref();
    });
  }

  #fail(error: Error): void {
    this.#closed ??= error;
    for (const pending of this.#pending.splice(0)) pending.reject(error);
    if (!this.#socket.destroyed) this.#socket.destroy();
  }
}
