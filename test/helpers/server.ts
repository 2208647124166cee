// Integration-test harness: the real server on 127.0.0.1, port 0, a fresh
// temp data dir, root iggy/iggy; and a minimal raw TCP client speaking the
// frames of BINARY.md §2.1 (responses matched to requests in order).
// Everything a test starts is stopped by `close()` (call it in afterEach).
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { loadConfig, type ServerConfig } from '../../src/config/config.js';
import { setLogLevel } from '../../src/log.js';
import { setPasswordHashParams } from '../../src/server/auth/password.js';
import type { Codec } from '../../src/protocol/codec.js';
import { encodePayload } from '../../src/protocol/frame.js';
import { startServer, type RunningServer, type StartServerOptions } from '../../src/app.js';

// Start-up lines on every test would bury failures; IGGY_LOG_LEVEL still wins.
if (process.env.IGGY_LOG_LEVEL === undefined) setLogLevel('warn');
// Cheap scrypt for test users (1 MiB instead of 32 MiB): hundreds of logins
// across the suite would otherwise cost minutes on two cores. The default
// parameters are covered by src/server/auth/password.test.ts.
setPasswordHashParams({ ln: 10, r: 8, p: 1 });

export type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

export interface TestServer {
  /** TCP port of the running server (changes on restart). */
  readonly port: number;
  readonly dataDir: string;
  readonly config: ServerConfig;
  /** The running server (its ctx, dispatch, transports). */
  readonly server: RunningServer;
  /** Stops the server and starts it again on the same data dir. */
  restart(): Promise<void>;
  /** Stops the server, closes raw clients opened through it and removes the data dir. */
  close(): Promise<void>;
  /** A raw client connected to this server; closed by close(). */
  connect(options?: RawClientOptions): Promise<RawClient>;
}

function deepMerge<T>(base: T, overrides: DeepPartial<T> | undefined): T {
  if (overrides === undefined) return base;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(overrides)) {
    const current = out[key];
    out[key] =
      value !== null && typeof value === 'object' && !Array.isArray(value) && current !== null && typeof current === 'object'
        ? deepMerge(current, value as never)
        : value;
  }
  return out as T;
}

/** The config a test server runs with: defaults, TCP only on 127.0.0.1:0, root iggy/iggy, `overrides` on top. */
export function testConfig(dataDir: string, overrides?: DeepPartial<ServerConfig>): ServerConfig {
  // IGGY_CORE picks the core for the whole suite (vitest.config.ts runs the
  // server tests once per core); unset means the config default, auto.
  const env = process.env.IGGY_CORE ? { IGGY_SYSTEM_CORE: process.env.IGGY_CORE } : {};
  const base = loadConfig({ env, withDefaultRootCredentials: true });
  const test = deepMerge(base, {
    tcp: { address: '127.0.0.1:0' },
    quic: { enabled: false },
    http: { enabled: false },
    websocket: { enabled: false },
    root: { username: 'iggy', password: 'iggy' },
  } as DeepPartial<ServerConfig>);
  const merged = deepMerge(test, overrides);
  return { ...merged, system: { ...merged.system, path: dataDir } };
}

export async function startTestServer(overrides?: DeepPartial<ServerConfig>, options?: StartServerOptions): Promise<TestServer> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'iggy-ts-test-'));
  const config = testConfig(dataDir, overrides);
  let server: RunningServer;
  try {
    server = await startServer(config, options);
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const clients = new Set<RawClient>();
  let running = true;
  const handle: TestServer = {
    get port() {
      return server.tcpAddress!.port;
    },
    dataDir,
    config,
    get server() {
      return server;
    },
    async restart() {
      for (const client of clients) client.destroy();
      clients.clear();
      await server.close();
      server = await startServer(config, options);
    },
    async close() {
      if (!running) return;
      running = false;
      for (const client of clients) client.destroy();
      clients.clear();
      try {
        await server.close();
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    },
    async connect(clientOptions) {
      const client = await connectRaw(server.tcpAddress!.port, clientOptions);
      clients.add(client);
      void client.closed.then(() => clients.delete(client));
      return client;
    },
  };
  return handle;
}

export interface RawResponse {
  status: number;
  payload: Buffer;
}

export interface RawClientOptions {
  host?: string;
  /** Connect with TLS (self-signed certs: pass `ca`, or `rejectUnauthorized: false`). */
  tls?: tls.ConnectionOptions;
}

/**
 * A bare-bones client: frames requests, reads responses in order. It does no
 * retries and no validation, so tests see exactly what the server sends.
 */
export class RawClient {
  readonly socket: net.Socket;
  readonly closed: Promise<void>;
  #buffered: Buffer = Buffer.alloc(0);
  readonly #waiting: Array<{ resolve: (r: RawResponse) => void; reject: (e: Error) => void }> = [];
  #ended = false;

  constructor(socket: net.Socket) {
    this.socket = socket;
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.#ended = true;
      for (const w of this.#waiting.splice(0)) w.reject(new Error('connection closed'));
    });
    socket.on('end', () => socket.end());
  }

  /** Whether the server closed the connection. */
  get ended(): boolean {
    return this.#ended;
  }

  #onData(chunk: Buffer): void {
    // Test client: simple concatenation is fine here (the server is what must not do this).
    this.#buffered = this.#buffered.length === 0 ? chunk : Buffer.concat([this.#buffered, chunk]);
    while (this.#buffered.length >= 8) {
      const length = this.#buffered.readUInt32LE(4);
      if (this.#buffered.length < 8 + length) return;
      const status = this.#buffered.readUInt32LE(0);
      const payload = Buffer.from(this.#buffered.subarray(8, 8 + length));
      this.#buffered = this.#buffered.subarray(8 + length);
      const waiter = this.#waiting.shift();
      if (waiter === undefined) this.unsolicited.push({ status, payload });
      else waiter.resolve({ status, payload });
    }
  }

  /** Responses that arrived with no request waiting (e.g. Disconnected on shutdown). */
  readonly unsolicited: RawResponse[] = [];

  /** Sends one request frame and resolves with its response. */
  send(code: number, payload: Uint8Array = new Uint8Array(0)): Promise<RawResponse> {
    const frame = Buffer.allocUnsafe(8 + payload.length);
    frame.writeUInt32LE(4 + payload.length, 0);
    frame.writeUInt32LE(code, 4);
    frame.set(payload, 8);
    return this.sendRaw(frame, 1).then((responses) => responses[0]!);
  }

  /** Writes arbitrary bytes and resolves with the next `expectedResponses` responses. */
  sendRaw(bytes: Uint8Array, expectedResponses: number): Promise<RawResponse[]> {
    const promises: Array<Promise<RawResponse>> = [];
    for (let i = 0; i < expectedResponses; i++) {
      promises.push(new Promise((resolve, reject) => this.#waiting.push({ resolve, reject })));
    }
    if (this.#ended) for (const w of this.#waiting.splice(0)) w.reject(new Error('connection closed'));
    else this.socket.write(bytes);
    return Promise.all(promises);
  }

  /**
   * Sends a command encoded by its codec; decodes an OK payload with the
   * response codec (value undefined on error). Uses the real codecs, so a test
   * also checks that server and SDK agree on the layout.
   */
  async call<Req, Res>(
    command: { code: number; request: Pick<Codec<Req, unknown>, 'sizeBytes' | 'encodeInto'>; response: Pick<Codec<unknown, Res>, 'decode'> },
    request: Req,
  ): Promise<RawResponse & { value: Res | undefined }> {
    const response = await this.send(command.code, encodePayload(command.request, request));
    return { ...response, value: response.status === 0 ? command.response.decode(response.payload) : undefined };
  }

  /** LoginUser (38); resolves with the user id, rejects with the status on failure. */
  async login(username: string, password: string): Promise<number> {
    const response = await this.send(38, encodeLoginUser(username, password));
    if (response.status !== 0) throw Object.assign(new Error(`login failed with status ${response.status}`), { status: response.status });
    return response.payload.readUInt32LE(0);
  }

  close(): Promise<void> {
    this.socket.end();
    return this.closed;
  }

  destroy(): void {
    this.socket.destroy();
  }
}

/** LoginUser payload: Name username, str8 password, u32 version len 0, u32 context len 0. */
export function encodeLoginUser(username: string, password: string): Buffer {
  const user = Buffer.from(username, 'utf8');
  const pass = Buffer.from(password, 'utf8');
  return Buffer.concat([Buffer.from([user.length]), user, Buffer.from([pass.length]), pass, Buffer.alloc(8)]);
}

export function connectRaw(port: number, options: RawClientOptions = {}): Promise<RawClient> {
  const host = options.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    if (options.tls) {
      const socket = tls.connect({ host, port, ...options.tls }, () => {
        socket.off('error', reject);
        resolve(new RawClient(socket));
      });
      socket.once('error', reject);
    } else {
      const socket = net.connect({ host, port }, () => {
        socket.off('error', reject);
        resolve(new RawClient(socket));
      });
      socket.once('error', reject);
    }
  });
}
