// Bounds-checked cursor over a payload, and its writing twin (BINARY.md §1, §2.1).
// All integers little-endian; u64/u128 are bigint. Strings:
//   Name  = [len u8][len bytes UTF-8], len 1..=255 (len 0 → InvalidFormat)
//   str8  = [len u8][len bytes UTF-8], len 0..=255
//   str32 = [len u32][len bytes UTF-8]
// Decode failures follow the 0.8.0 server: truncated data, invalid UTF-8 and
// unknown enum codes → InvalidCommand (3); structural failures (bad lengths,
// empty names, permission length mismatch) → InvalidFormat (4). Browser-safe:
// Uint8Array/DataView/TextEncoder/TextDecoder only.
import { assert } from '../assert.js';
import { IggyError } from '../errors/iggy_error.js';
import { U32_MAX, U64_MAX } from './types.js';

// fatal: invalid UTF-8 throws instead of producing U+FFFD (Rust's from_utf8 rejects it);
// ignoreBOM: a leading U+FEFF is part of the name, as it is for Rust.
const UTF8_DECODER = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const UTF8_ENCODER = new TextEncoder();

const U128_MASK = (1n << 128n) - 1n;

export const EMPTY_BYTES: Uint8Array = new Uint8Array(0);

/** Decodes UTF-8 strictly; invalid sequences → InvalidCommand (3). */
export function decodeUtf8(bytes: Uint8Array, what = 'string'): string {
  if (bytes.length === 0) return '';
  try {
    return UTF8_DECODER.decode(bytes);
  } catch (cause) {
    throw IggyError.of('InvalidCommand', `${what} is not valid UTF-8`, { cause });
  }
}

/** Byte length of `value` as UTF-8, without encoding it (lone surrogates count as U+FFFD, as TextEncoder writes them). */
export function utf8Length(value: string): number {
  let length = 0;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit < 0x80) length += 1;
    else if (unit < 0x800) length += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < value.length) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        length += 4;
        i++;
      } else {
        length += 3;
      }
    } else length += 3;
  }
  return length;
}

/** UTF-8 bytes of a string (a fresh array; for keys and small values). */
export function encodeUtf8(value: string): Uint8Array {
  return UTF8_ENCODER.encode(value);
}

function truncated(what: string, needed: number, offset: number, length: number): IggyError {
  return IggyError.of('InvalidCommand', `${what}: need ${needed} bytes at offset ${offset}, payload has ${length}`);
}

/**
 * A read cursor. Every read checks bounds and advances `offset`. Byte reads
 * return subarray views of the source (no copy): copy them once if they must
 * outlive the request buffer.
 */
export class Reader {
  readonly bytes: Uint8Array;
  offset: number;
  readonly #view: DataView;

  constructor(bytes: Uint8Array, offset = 0) {
    assert(offset >= 0 && offset <= bytes.length, 'reader offset out of range');
    this.bytes = bytes;
    this.offset = offset;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get remaining(): number {
    return this.bytes.length - this.offset;
  }

  /** Throws InvalidCommand unless `count` more bytes are available; returns the current offset. */
  need(count: number, what: string): number {
    if (count > this.bytes.length - this.offset) throw truncated(what, count, this.offset, this.bytes.length);
    return this.offset;
  }

  u8(what = 'u8'): number {
    const at = this.need(1, what);
    this.offset = at + 1;
    return this.bytes[at] as number;
  }

  /** Any non-zero byte is true, as the server reads plain booleans (BINARY.md §1). */
  bool(what = 'bool'): boolean {
    return this.u8(what) !== 0;
  }

  u16(what = 'u16'): number {
    const at = this.need(2, what);
    this.offset = at + 2;
    return this.#view.getUint16(at, true);
  }

  u32(what = 'u32'): number {
    const at = this.need(4, what);
    this.offset = at + 4;
    return this.#view.getUint32(at, true);
  }

  u64(what = 'u64'): bigint {
    const at = this.need(8, what);
    this.offset = at + 8;
    return this.#view.getBigUint64(at, true);
  }

  u128(what = 'u128'): bigint {
    const at = this.need(16, what);
    this.offset = at + 16;
    return this.#view.getBigUint64(at, true) | (this.#view.getBigUint64(at + 8, true) << 64n);
  }

  f32(what = 'f32'): number {
    const at = this.need(4, what);
    this.offset = at + 4;
    return this.#view.getFloat32(at, true);
  }

  /** A view of the next `length` bytes (no copy). */
  bytesView(length: number, what = 'bytes'): Uint8Array {
    const at = this.need(length, what);
    this.offset = at + length;
    return this.bytes.subarray(at, at + length);
  }

  /** The rest of the source as a view; the cursor moves to the end. */
  rest(): Uint8Array {
    const at = this.offset;
    this.offset = this.bytes.length;
    return this.bytes.subarray(at);
  }

  /** Name: [len u8 1..=255][UTF-8]; len 0 → InvalidFormat (4). */
  name(what = 'name'): string {
    const length = this.u8(`${what} length`);
    if (length === 0) throw IggyError.of('InvalidFormat', `${what} is empty`);
    return decodeUtf8(this.bytesView(length, what), what);
  }

  /** str8: [len u8 0..=255][UTF-8]. */
  str8(what = 'string'): string {
    const length = this.u8(`${what} length`);
    return decodeUtf8(this.bytesView(length, what), what);
  }

  /** str32: [len u32][UTF-8]. */
  str32(what = 'string'): string {
    const length = this.u32(`${what} length`);
    return decodeUtf8(this.bytesView(length, what), what);
  }
}

/** Size of a Name or str8 on the wire. */
export function str8SizeBytes(value: string): number {
  return 1 + utf8Length(value);
}

/** Size of a str32 on the wire. */
export function str32SizeBytes(value: string): number {
  return 4 + utf8Length(value);
}

/**
 * A write cursor over a target sized beforehand (`sizeBytes`). Writing past
 * the end is our bug (a wrong size computation), so it asserts. Values that
 * cannot be represented on the wire (a name over 255 bytes, an id over u32)
 * are bad input from the caller → InvalidFormat (4).
 */
export class Writer {
  readonly bytes: Uint8Array;
  offset: number;
  readonly #view: DataView;

  constructor(bytes: Uint8Array, offset = 0) {
    assert(offset >= 0 && offset <= bytes.length, 'writer offset out of range');
    this.bytes = bytes;
    this.offset = offset;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  #take(count: number): number {
    const at = this.offset;
    assert(at + count <= this.bytes.length, `write of ${count} bytes at ${at} overruns ${this.bytes.length}`);
    this.offset = at + count;
    return at;
  }

  u8(value: number): this {
    if (!Number.isInteger(value) || value < 0 || value > 0xff) throw IggyError.of('InvalidFormat', `u8 out of range: ${value}`);
    this.bytes[this.#take(1)] = value;
    return this;
  }

  bool(value: boolean): this {
    this.bytes[this.#take(1)] = value ? 1 : 0;
    return this;
  }

  u16(value: number): this {
    if (!Number.isInteger(value) || value < 0 || value > 0xffff) throw IggyError.of('InvalidFormat', `u16 out of range: ${value}`);
    this.#view.setUint16(this.#take(2), value, true);
    return this;
  }

  u32(value: number): this {
    if (!Number.isInteger(value) || value < 0 || value > U32_MAX) throw IggyError.of('InvalidFormat', `u32 out of range: ${value}`);
    this.#view.setUint32(this.#take(4), value, true);
    return this;
  }

  u64(value: bigint): this {
    if (value < 0n || value > U64_MAX) throw IggyError.of('InvalidFormat', `u64 out of range: ${value}`);
    this.#view.setBigUint64(this.#take(8), value, true);
    return this;
  }

  u128(value: bigint): this {
    if (value < 0n || value > U128_MASK) throw IggyError.of('InvalidFormat', `u128 out of range: ${value}`);
    const at = this.#take(16);
    this.#view.setBigUint64(at, value & U64_MAX, true);
    this.#view.setBigUint64(at + 8, value >> 64n, true);
    return this;
  }

  f32(value: number): this {
    this.#view.setFloat32(this.#take(4), value, true);
    return this;
  }

  zeros(count: number): this {
    const at = this.#take(count);
    this.bytes.fill(0, at, at + count);
    return this;
  }

  bytesFrom(source: Uint8Array): this {
    this.bytes.set(source, this.#take(source.length));
    return this;
  }

  /** UTF-8 of `value` with no length prefix; `length` is its precomputed utf8Length. */
  #utf8(value: string, length: number): void {
    const at = this.#take(length);
    if (length === 0) return;
    const { written } = UTF8_ENCODER.encodeInto(value, this.bytes.subarray(at, at + length));
    assert(written === length, 'utf8Length disagrees with TextEncoder');
  }

  /** Name: 1..=255 UTF-8 bytes. */
  name(value: string, what = 'name'): this {
    const length = utf8Length(value);
    if (length === 0 || length > 255) throw IggyError.of('InvalidFormat', `${what} must be 1..=255 bytes, got ${length}`);
    this.u8(length);
    this.#utf8(value, length);
    return this;
  }

  str8(value: string, what = 'string'): this {
    const length = utf8Length(value);
    if (length > 255) throw IggyError.of('InvalidFormat', `${what} must be at most 255 bytes, got ${length}`);
    this.u8(length);
    this.#utf8(value, length);
    return this;
  }

  str32(value: string): this {
    const length = utf8Length(value);
    this.u32(length);
    this.#utf8(value, length);
    return this;
  }
}
