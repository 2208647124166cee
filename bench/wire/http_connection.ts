// A bench connection over Iggy's HTTP API (HTTP.md): each request frame the
// bench builds is sent as its REST route, and the answer comes back in the
// binary response layout, so actors, the fill and GetStats work unchanged.
// Routes, JSON and the JWT are the SDK's (HttpDispatcher and the bindings of
// src/protocol/http); only SendMessages skips the per-call encoding: the
// bench re-sends the same frame, so its URL and JSON body are built once per
// frame, as the binary transports send pre-encoded bytes. A poll's JSON is
// parsed and its Base64 payloads decoded, as any HTTP consumer must.
import { performance } from 'node:perf_hooks';
import { IggyError } from '../../src/errors/iggy_error.js';
import { commandByCode } from '../../src/protocol/commands/index.js';
import { decodePolledMessages, encodePolledMessages, pollMessages, type PolledMessages } from '../../src/protocol/commands/messages/poll_messages.js';
import { sendMessages } from '../../src/protocol/commands/messages/send_messages.js';
import { REQUEST_HEADER_BYTES } from '../../src/protocol/frame.js';
import { sendMessagesBinding } from '../../src/protocol/http/bindings/messages.js';
import { writeJson } from '../../src/protocol/http/json.js';
import { Reader } from '../../src/protocol/reader.js';
import { HttpDispatcher } from '../../sdk/transport/http/http_dispatcher.js';
import { errorOf, urlOf } from '../../sdk/transport/http/http_exchange.js';
import { BenchConnection, type Response } from './connection.js';

const EMPTY = new Uint8Array(0);
const REQUEST_TIMEOUT_MS = 60_000;

interface PreparedSend {
  url: string;
  body: string;
}

export class HttpConnection extends BenchConnection {
  readonly #baseUrl: string;
  readonly #dispatcher: HttpDispatcher;
  readonly #sends = new WeakMap<Uint8Array, PreparedSend>();
  #closed = false;

  private constructor(baseUrl: string) {
    super();
    this.#baseUrl = baseUrl;
    this.#dispatcher = new HttpDispatcher({ url: baseUrl, requestTimeoutMs: REQUEST_TIMEOUT_MS });
  }

  /** Checks the API answers (GET /ping); the bench's login frame logs in later. */
  static async open(baseUrl: string): Promise<HttpConnection> {
    const connection = new HttpConnection(baseUrl);
    await connection.#dispatcher.open();
    return connection;
  }

  async request(frameBytes: Uint8Array): Promise<Response> {
    if (this.#closed) throw new Error('connection closed by the bench');
    const sentAt = performance.now();
    try {
      const payload = await this.#exchange(frameBytes);
      return { status: 0, payload, latencyMs: performance.now() - sentAt };
    } catch (error) {
      if (!(error instanceof IggyError)) throw error;
      return { status: error.code, payload: EMPTY, latencyMs: performance.now() - sentAt };
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#dispatcher.close();
  }

  async #exchange(frameBytes: Uint8Array): Promise<Uint8Array> {
    const code = new DataView(frameBytes.buffer, frameBytes.byteOffset, frameBytes.byteLength).getUint32(4, true);
    const command = commandByCode(code);
    if (command === undefined) throw IggyError.of('InvalidCommand', `command ${code} is not an Iggy 0.8 command`);
    if (code === sendMessages.code) return this.#send(frameBytes);
    const request = command.request.decode(frameBytes.subarray(REQUEST_HEADER_BYTES));
    const response: unknown = await this.#dispatcher.call(command, request);
    if (code === pollMessages.code) return pollResponseBytes(response as PolledMessages);
    const bytes = new Uint8Array(command.response.sizeBytes(response));
    command.response.encodeInto(bytes, 0, response);
    return bytes;
  }

  async #send(frameBytes: Uint8Array): Promise<Uint8Array> {
    const prepared = this.#sends.get(frameBytes) ?? this.#prepareSend(frameBytes);
    const token = this.#dispatcher.accessToken;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token !== null) headers.authorization = `Bearer ${token.token}`;
    let answer: globalThis.Response;
    try {
      answer = await fetch(prepared.url, { method: 'POST', headers, body: prepared.body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    } catch (cause) {
      throw IggyError.of('Disconnected', `SendMessages: no answer from ${this.#baseUrl}`, { cause });
    }
    if (answer.status !== 201) throw errorOf(answer.status, await answer.text(), 'SendMessages (POST messages)');
    await answer.body?.cancel();
    return EMPTY;
  }

  #prepareSend(frameBytes: Uint8Array): PreparedSend {
    const batch = sendMessages.request.decode(frameBytes.subarray(REQUEST_HEADER_BYTES));
    const messages = decodePolledMessages(new Reader(batch.messages)).map((m) => ({
      id: m.header.id,
      payload: m.payload,
      headers: m.userHeaders,
      originTimestamp: m.header.originTimestamp,
    }));
    const out = sendMessagesBinding.writeRequest({ streamId: batch.streamId, topicId: batch.topicId, partitioning: batch.partitioning, messages });
    const prepared = { url: urlOf(this.#baseUrl, sendMessagesBinding, out.params, out.query), body: writeJson(out.body!) };
    this.#sends.set(frameBytes, prepared);
    return prepared;
  }
}

/** A poll answered as JSON, in the binary response layout: the 16-byte header, then the messages block. */
function pollResponseBytes(polled: PolledMessages): Uint8Array {
  const block = encodePolledMessages(polled.messages);
  const bytes = new Uint8Array(pollMessages.response.sizeBytes(polled) + block.length);
  const at = pollMessages.response.encodeInto(bytes, 0, { partitionId: polled.partitionId, currentOffset: polled.currentOffset, count: polled.count });
  bytes.set(block, at);
  return bytes;
}
