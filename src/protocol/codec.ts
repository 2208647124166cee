// The shape every command codec module exports (STYLE.md §3): one command,
// its request and response codecs. `encodeInto` writes at `offset` into a
// target sized by `sizeBytes` and returns the end offset; `decode` reads a
// payload (a view), ignores trailing bytes (as the 0.8.0 server does) and
// throws IggyError 3/4 on malformed input (BINARY.md §2.1).
import type { CommandName } from './codes.js';

export interface Codec<Encoded, Decoded = Encoded> {
  sizeBytes(value: Encoded): number;
  encodeInto(target: Uint8Array, offset: number, value: Encoded): number;
  decode(payload: Uint8Array): Decoded;
}

/**
 * Requests are encoded by the SDK and decoded by the server; responses are
 * encoded by the server and decoded by the SDK. Where the two sides see
 * different shapes (SendMessages, PollMessages) the type parameters differ.
 */
export interface CommandCodec<Req = unknown, Res = unknown, ReqDecoded = Req, ResDecoded = Res> {
  readonly code: number;
  readonly name: CommandName;
  readonly request: Codec<Req, ReqDecoded>;
  readonly response: Codec<Res, ResDecoded>;
}

/** The codec of an empty payload (void requests and responses); decode ignores any bytes. */
export const EMPTY_CODEC: Codec<void> = {
  sizeBytes: () => 0,
  encodeInto: (_target, offset) => offset,
  decode: () => undefined,
};
