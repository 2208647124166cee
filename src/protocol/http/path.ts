// Values in paths and queries (HTTP.md §1). An identifier is text that parses
// as a u32 (a numeric id) or else a name of 1..=255 UTF-8 bytes, otherwise
// InvalidIdentifier (6). So a name made only of digits cannot be addressed by
// name over HTTP: the server reads it as an id, as Iggy's does.
import { IggyError } from '../../errors/iggy_error.js';
import { utf8Length } from '../reader.js';
import type { Identifier } from '../types.js';

const NAME_BYTES_MAX = 255;

export function parseIdentifier(text: string, field: string): Identifier {
  if (/^\d{1,10}$/.test(text)) {
    const n = Number(text);
    if (n <= 0xffff_ffff) return { kind: 'numeric', value: n };
  }
  const bytes = utf8Length(text);
  if (bytes === 0 || bytes > NAME_BYTES_MAX) throw IggyError.of('InvalidIdentifier', `${field}: name of ${bytes} bytes, expected 1..=${NAME_BYTES_MAX}`);
  return { kind: 'string', value: text };
}

/**
 * An identifier as path or query text (not yet URL-encoded). A name that reads
 * as a u32 would address the resource with that id instead, so it is refused
 * (InvalidIdentifier, 6) rather than sent.
 */
export function identifierText(id: Identifier): string {
  if (id.kind === 'string' && parseIdentifier(id.value, 'identifier').kind === 'numeric') {
    throw IggyError.of('InvalidIdentifier', `name "${id.value}" reads as a numeric id over HTTP; use the id`);
  }
  return String(id.value);
}

/** A path or query value as a u32 (partition id, client id); InvalidFormat (4) otherwise. */
export function parseU32Param(text: string, field: string): number {
  const n = /^\d{1,10}$/.test(text) ? Number(text) : NaN;
  if (!(n <= 0xffff_ffff)) throw IggyError.of('InvalidFormat', `${field}: "${text}" is not an unsigned 32-bit integer`);
  return n;
}

/** A query value as a u64. */
export function parseU64Param(text: string, field: string): bigint {
  const n = /^\d{1,20}$/.test(text) ? BigInt(text) : -1n;
  if (n < 0n || n > (1n << 64n) - 1n) throw IggyError.of('InvalidFormat', `${field}: "${text}" is not an unsigned 64-bit integer`);
  return n;
}

/** A query flag: 'true' or 'false', as serde reads a bool from a query. */
export function parseBoolParam(text: string, field: string): boolean {
  if (text === 'true') return true;
  if (text === 'false') return false;
  throw IggyError.of('InvalidFormat', `${field}: "${text}" is not true or false`);
}

/** Fills a template ('/streams/:stream_id') with URL-encoded params; a missing param is our bug. */
export function fillPath(template: string, params: Readonly<Record<string, string>>): string {
  return template.replace(/:([a-z_]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`path ${template}: no value for :${name}`);
    return encodeURIComponent(value);
  });
}
