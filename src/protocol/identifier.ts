// Identifier (BINARY.md §3.1): [kind u8: 1 numeric, 2 string][length u8 L][value L bytes]
// kind 1: L must be 4, value = u32 id. kind 2: L 1..=255, value = UTF-8 name.
// Unknown kind / truncation / bad UTF-8 → InvalidCommand (3); wrong length or
// empty name → InvalidFormat (4).
import { IggyError } from '../errors/iggy_error.js';
import { Reader, type Writer, decodeUtf8, utf8Length } from './reader.js';
import type { Identifier } from './types.js';

export const IDENTIFIER_KIND_NUMERIC = 1;
export const IDENTIFIER_KIND_STRING = 2;

export function identifierSizeBytes(id: Identifier): number {
  return 2 + (id.kind === 'numeric' ? 4 : utf8Length(id.value));
}

export function readIdentifier(reader: Reader, what = 'identifier'): Identifier {
  const kind = reader.u8(`${what} kind`);
  const length = reader.u8(`${what} length`);
  if (kind !== IDENTIFIER_KIND_NUMERIC && kind !== IDENTIFIER_KIND_STRING) {
    throw IggyError.of('InvalidCommand', `${what}: unknown kind ${kind}`);
  }
  const value = reader.bytesView(length, what);
  if (kind === IDENTIFIER_KIND_NUMERIC) {
    if (length !== 4) throw IggyError.of('InvalidFormat', `${what}: numeric length ${length}, expected 4`);
    return { kind: 'numeric', value: ((value[0] as number) | ((value[1] as number) << 8) | ((value[2] as number) << 16)) + (value[3] as number) * 0x100_0000 };
  }
  if (length === 0) throw IggyError.of('InvalidFormat', `${what}: empty name`);
  return { kind: 'string', value: decodeUtf8(value, what) };
}

export function writeIdentifier(writer: Writer, id: Identifier, what = 'identifier'): Writer {
  if (id.kind === 'numeric') return writer.u8(IDENTIFIER_KIND_NUMERIC).u8(4).u32(id.value);
  return writer.u8(IDENTIFIER_KIND_STRING).name(id.value, what);
}

/** Decodes a payload that is exactly one identifier (trailing bytes ignored). */
export function decodeIdentifier(payload: Uint8Array): Identifier {
  return readIdentifier(new Reader(payload));
}
