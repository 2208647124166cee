// A bare-bones WebSocket client for transport tests (the `ws` package, as
// Node 20 has no global WebSocket): sends raw bytes as binary messages and
// collects every binary message the server sends, one response per message,
// so tests see exactly how the server frames its replies.
import WebSocket from 'ws';

export interface WsResponse {
  status: number;
  payload: Buffer;
}

export class WsRawClient {
  readonly ws: WebSocket;
  readonly closed: Promise<{ code: number }>;
  /** Every message received, in order. */
  readonly messages: Buffer[] = [];
  readonly #waiting: Array<() => void> = [];

  constructor(ws: WebSocket) {
    this.ws = ws;
    this.closed = new Promise((resolve) => ws.once('close', (code) => resolve({ code })));
    ws.on('message', (data: Buffer, isBinary) => {
      if (!isBinary) return;
      this.messages.push(data);
      for (const wake of this.#waiting.splice(0)) wake();
    });
    ws.on('error', () => undefined);
    void this.closed.then(() => {
      for (const wake of this.#waiting.splice(0)) wake();
    });
  }

  static connect(url: string, options: WebSocket.ClientOptions = {}): Promise<WsRawClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, options);
      ws.binaryType = 'nodebuffer';
      ws.once('open', () => resolve(new WsRawClient(ws)));
      ws.once('error', reject);
    });
  }

  /** Resolves once `count` messages arrived in total; rejects if the socket closes first. */
  async waitForMessages(count: number): Promise<Buffer[]> {
    while (this.messages.length < count) {
      if (this.ws.readyState === WebSocket.CLOSED) throw new Error(`closed after ${this.messages.length} of ${count} messages`);
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    }
    return this.messages.slice(0, count);
  }

  /** Sends each chunk as its own binary message and returns the next `expected` responses. */
  async exchange(chunks: readonly Uint8Array[], expected: number): Promise<WsResponse[]> {
    const start = this.messages.length;
    for (const chunk of chunks) this.ws.send(chunk, { binary: true });
    const all = await this.waitForMessages(start + expected);
    return all.slice(start).map(parseResponse);
  }

  send(code: number, payload: Uint8Array = new Uint8Array(0)): Promise<WsResponse> {
    return this.exchange([frame(code, payload)], 1).then((r) => r[0]!);
  }

  close(): Promise<{ code: number }> {
    this.ws.close();
    return this.closed;
  }
}

/** One response message: [status u32][length u32][payload], and nothing else. */
export function parseResponse(message: Buffer): WsResponse {
  const length = message.readUInt32LE(4);
  if (message.length !== 8 + length) throw new Error(`message of ${message.length} bytes holds a ${length}-byte response`);
  return { status: message.readUInt32LE(0), payload: message.subarray(8) };
}

export function frame(code: number, payload: Uint8Array = new Uint8Array(0)): Buffer {
  const out = Buffer.allocUnsafe(8 + payload.length);
  out.writeUInt32LE(4 + payload.length, 0);
  out.writeUInt32LE(code, 4);
  out.set(payload, 8);
  return out;
}
