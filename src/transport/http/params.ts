// Identifiers in paths and queries (HTTP.md §1): text that parses as a u32 is
// a numeric id, anything else a name of 1..=255 UTF-8 bytes; otherwise
// InvalidIdentifier (6) -> 400.
import { IggyError } from '../../errors/iggy_error.js';
import type { Identifier } from '../../protocol/types.js';

const NAME_BYTES_MAX = 255;

export function parseIdentifier(text: string, field: string): Identifier {
  if (/^\d{1,10}$/.test(text)) {
    const n = Number(text);
    if (n <= 0xffff_ffff) return { kind: 'numeric', value: n };
  }
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes === 0 || bytes > NAME_BYTES_MAX) throw IggyError.of('InvalidIdentifier', `${field}: name of ${bytes} bytes, expected 1..=${NAME_BYTES_MAX}`);
  return { kind: 'string', value: text };
}

/** A path param as a u32 (partition id, client id); InvalidFormat (4) otherwise. */
export function parseU32Param(text: string, field: string): number {
  const n = /^\d{1,10}$/.test(text) ? Number(text) : NaN;
  if (!(n <= 0xffff_ffff)) throw IggyError.of('InvalidFormat', `${field}: "${text}" is not an unsigned 32-bit integer`);
  return n;
}
