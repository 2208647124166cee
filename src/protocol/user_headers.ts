// User headers (BINARY.md §3.7): TLV entries back to back, no count prefix:
//   [key_kind u8][key_len u32 1..=255][key][value_kind u8][value_len u32 1..=255][value]
// Kinds 1..=15 (raw, string, bool, i8..i128, u8..u128, f32, f64); sized kinds
// must have their fixed size (keys too). The 0.8.0 server stores these bytes
// verbatim without parsing; SDKs decode them: unknown kind → InvalidCommand (3),
// truncation → 3, bad key length/size → InvalidHeaderKey (4018), bad value
// length/size → InvalidHeaderValue (4019).
import { IggyError } from '../errors/iggy_error.js';
import { Reader, type Writer, decodeUtf8, encodeUtf8 } from './reader.js';
import { HeaderKind, type HeaderValue, type UserHeader } from './types.js';

/** Fixed value size per kind; 0 = variable (1..=255). Index = kind code. */
const FIXED_SIZE: readonly number[] = [0, 0, 0, 1, 1, 2, 4, 8, 16, 1, 2, 4, 8, 16, 4, 8];

export function userHeadersSizeBytes(headers: readonly UserHeader[] | undefined): number {
  if (!headers) return 0;
  let size = 0;
  for (const header of headers) size += 10 + header.key.value.length + header.value.value.length;
  return size;
}

function checkValue(value: HeaderValue, isKey: boolean): void {
  const error = isKey ? 'InvalidHeaderKey' : 'InvalidHeaderValue';
  if (!Number.isInteger(value.kind) || value.kind < HeaderKind.Raw || value.kind > HeaderKind.Float64) {
    throw IggyError.of('InvalidCommand', `unknown header kind ${value.kind}`);
  }
  const length = value.value.length;
  const fixed = FIXED_SIZE[value.kind] as number;
  if (length < 1 || length > 255 || (fixed !== 0 && length !== fixed)) {
    throw IggyError.of(error, `${isKey ? 'key' : 'value'} of kind ${value.kind} with ${length} bytes`);
  }
}

export function writeUserHeaders(writer: Writer, headers: readonly UserHeader[] | undefined): Writer {
  if (!headers) return writer;
  for (const { key, value } of headers) {
    checkValue(key, true);
    checkValue(value, false);
    writer.u8(key.kind).u32(key.value.length).bytesFrom(key.value);
    writer.u8(value.kind).u32(value.value.length).bytesFrom(value.value);
  }
  return writer;
}

function readValue(reader: Reader, isKey: boolean): HeaderValue {
  const kind = reader.u8('header kind') as HeaderKind;
  const length = reader.u32('header length');
  const value: HeaderValue = { kind, value: reader.bytesView(length, isKey ? 'header key' : 'header value') };
  checkValue(value, isKey);
  return value;
}

/** Decodes a whole user-headers block (values are views into it). */
export function decodeUserHeaders(bytes: Uint8Array): UserHeader[] {
  const headers: UserHeader[] = [];
  const reader = new Reader(bytes);
  while (reader.remaining > 0) {
    const key = readValue(reader, true);
    const value = readValue(reader, false);
    headers.push({ key, value });
  }
  return headers;
}

function fixed(kind: HeaderKind, size: number, write: (view: DataView) => void): HeaderValue {
  const value = new Uint8Array(size);
  write(new DataView(value.buffer));
  return { kind, value };
}

/** Builders for header keys and values (little-endian, as on the wire). */
export const headerValue = {
  raw: (value: Uint8Array): HeaderValue => ({ kind: HeaderKind.Raw, value }),
  string: (value: string): HeaderValue => ({ kind: HeaderKind.String, value: encodeUtf8(value) }),
  bool: (value: boolean): HeaderValue => ({ kind: HeaderKind.Bool, value: Uint8Array.of(value ? 1 : 0) }),
  int8: (value: number): HeaderValue => fixed(HeaderKind.Int8, 1, (v) => v.setInt8(0, value)),
  int16: (value: number): HeaderValue => fixed(HeaderKind.Int16, 2, (v) => v.setInt16(0, value, true)),
  int32: (value: number): HeaderValue => fixed(HeaderKind.Int32, 4, (v) => v.setInt32(0, value, true)),
  int64: (value: bigint): HeaderValue => fixed(HeaderKind.Int64, 8, (v) => v.setBigInt64(0, value, true)),
  int128: (value: bigint): HeaderValue =>
    fixed(HeaderKind.Int128, 16, (v) => {
      const bits = BigInt.asUintN(128, value);
      v.setBigUint64(0, BigInt.asUintN(64, bits), true);
      v.setBigUint64(8, bits >> 64n, true);
    }),
  uint8: (value: number): HeaderValue => fixed(HeaderKind.Uint8, 1, (v) => v.setUint8(0, value)),
  uint16: (value: number): HeaderValue => fixed(HeaderKind.Uint16, 2, (v) => v.setUint16(0, value, true)),
  uint32: (value: number): HeaderValue => fixed(HeaderKind.Uint32, 4, (v) => v.setUint32(0, value, true)),
  uint64: (value: bigint): HeaderValue => fixed(HeaderKind.Uint64, 8, (v) => v.setBigUint64(0, value, true)),
  uint128: (value: bigint): HeaderValue =>
    fixed(HeaderKind.Uint128, 16, (v) => {
      v.setBigUint64(0, BigInt.asUintN(64, value), true);
      v.setBigUint64(8, value >> 64n, true);
    }),
  float32: (value: number): HeaderValue => fixed(HeaderKind.Float32, 4, (v) => v.setFloat32(0, value, true)),
  float64: (value: number): HeaderValue => fixed(HeaderKind.Float64, 8, (v) => v.setFloat64(0, value, true)),
};

/** A header value as a JS value: bytes for raw, string, boolean, number (≤ 32 bits, floats) or bigint (64/128 bits). */
export function headerValueToJs(header: HeaderValue): Uint8Array | string | boolean | number | bigint {
  const bytes = header.value;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (header.kind) {
    case HeaderKind.Raw:
      return bytes;
    case HeaderKind.String:
      return decodeUtf8(bytes, 'header string');
    case HeaderKind.Bool:
      return bytes[0] !== 0;
    case HeaderKind.Int8:
      return view.getInt8(0);
    case HeaderKind.Int16:
      return view.getInt16(0, true);
    case HeaderKind.Int32:
      return view.getInt32(0, true);
    case HeaderKind.Int64:
      return view.getBigInt64(0, true);
    case HeaderKind.Int128:
      return BigInt.asIntN(128, view.getBigUint64(0, true) | (view.getBigUint64(8, true) << 64n));
    case HeaderKind.Uint8:
      return view.getUint8(0);
    case HeaderKind.Uint16:
      return view.getUint16(0, true);
    case HeaderKind.Uint32:
      return view.getUint32(0, true);
    case HeaderKind.Uint64:
      return view.getBigUint64(0, true);
    case HeaderKind.Uint128:
      return view.getBigUint64(0, true) | (view.getBigUint64(8, true) << 64n);
    case HeaderKind.Float32:
      return view.getFloat32(0, true);
    case HeaderKind.Float64:
      return view.getFloat64(0, true);
  }
}
