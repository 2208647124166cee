// The shape every command codec module exports (STYLE.md §3): one command,
// its request and response codecs. `encodeInto` writes at `offset` into a
// target sized by `sizeBytes` and returns the end offset; `decode` reads a
// payload (a view), ignores trailing bytes (as the 0.8.0 server does) and
// throws IggyError 3/4 on malformed input (BINARY.md §2.1).
import type { CommandName } from './codes.js';
import { Reader, Writer } from './reader.js';

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

/**
 * Builds a codec from a size function and cursor-based write/read functions:
 * the form most command modules use. Decode ignores trailing bytes.
 */
export function defineCodec<T, D = T>(
  sizeBytes: (value: T) => number,
  write: (writer: Writer, value: T) => void,
  read: (reader: Reader) => D,
): Codec<T, D> {
  return {
    sizeBytes,
    encodeInto(target, offset, value) {
      const writer = new Writer(target, offset);
      write(writer, value);
      return writer.offset;
    },
    decode: (payload) => read(new Reader(payload)),
  };
}

/** "Not found" responses (BINARY.md §9): null encodes as, and an empty payload decodes to, null. */
export function nullableCodec<T, D>(inner: Codec<T, D>): Codec<T | null, D | null> {
  return {
    sizeBytes: (value) => (value === null ? 0 : inner.sizeBytes(value)),
    encodeInto: (target, offset, value) => (value === null ? offset : inner.encodeInto(target, offset, value)),
    decode: (payload) => (payload.length === 0 ? null : inner.decode(payload)),
  };
}

/** List responses: records back to back to the end of the payload; empty = []. */
export function listCodec<T, D = T>(
  sizeBytes: (value: T) => number,
  write: (writer: Writer, value: T) => void,
  read: (reader: Reader) => D,
): Codec<readonly T[], D[]> {
  return {
    sizeBytes: (values) => {
      let size = 0;
      for (const value of values) size += sizeBytes(value);
      return size;
    },
    encodeInto(target, offset, values) {
      const writer = new Writer(target, offset);
      for (const value of values) write(writer, value);
      return writer.offset;
    },
    decode(payload) {
      const reader = new Reader(payload);
      const values: D[] = [];
      while (reader.remaining > 0) values.push(read(reader));
      return values;
    },
  };
}
