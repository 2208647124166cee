// Typed reads of Iggy JSON objects, shared by the server (request bodies and
// queries) and the SDK (response bodies): each read names the field it wants,
// so a wrong type or a missing field is InvalidFormat (4) saying which one.
// u64/u128 come back as bigint, never a rounded number (json.ts keeps them exact).
import { IggyError } from '../../errors/iggy_error.js';
import { U64_MAX } from '../types.js';
import type { JsonValue } from './json.js';

export type JsonObject = { readonly [key: string]: JsonValue };

const U32_MAX = 0xffff_ffffn;
const U128_MAX = (1n << 128n) - 1n;

function bad(field: string, expected: string, value: unknown): IggyError {
  const shown = typeof value === 'bigint' ? value.toString() : JSON.stringify(value) ?? 'nothing';
  return IggyError.of('InvalidFormat', `${field}: expected ${expected}, got ${shown.length > 40 ? `${shown.slice(0, 40)}…` : shown}`);
}

export function asObject(value: JsonValue | undefined, field: string): JsonObject {
  if (value === null || value === undefined || typeof value !== 'object' || Array.isArray(value)) throw bad(field, 'a JSON object', value);
  return value as JsonObject;
}

export function asArray(value: JsonValue | undefined, field: string): readonly JsonValue[] {
  if (!Array.isArray(value)) throw bad(field, 'a JSON array', value);
  return value;
}

function integer(value: JsonValue | undefined, field: string, max: bigint, what: string): bigint {
  let n: bigint | undefined;
  if (typeof value === 'bigint') n = value;
  else if (typeof value === 'number' && Number.isSafeInteger(value)) n = BigInt(value);
  if (n === undefined || n < 0n || n > max) throw bad(field, what, value);
  return n;
}

/** Field readers over one object; `at` prefixes field names in errors (e.g. "messages[2].payload"). */
export class Fields {
  constructor(readonly object: JsonObject, readonly at = '') {}

  static of(value: JsonValue | undefined, what: string): Fields {
    return new Fields(asObject(value, what));
  }

  name(key: string): string {
    return this.at === '' ? key : `${this.at}.${key}`;
  }

  has(key: string): boolean {
    const v = this.object[key];
    return v !== undefined && v !== null;
  }

  raw(key: string): JsonValue | undefined {
    return this.object[key];
  }

  u8(key: string): number {
    return Number(integer(this.object[key], this.name(key), 255n, 'an unsigned 8-bit integer'));
  }

  u32(key: string): number {
    return Number(integer(this.object[key], this.name(key), U32_MAX, 'an unsigned 32-bit integer'));
  }

  u64(key: string): bigint {
    return integer(this.object[key], this.name(key), U64_MAX, 'an unsigned 64-bit integer');
  }

  u128(key: string): bigint {
    return integer(this.object[key], this.name(key), U128_MAX, 'an unsigned 128-bit integer');
  }

  f32(key: string): number {
    const v = this.object[key];
    if (typeof v === 'number') return v;
    if (typeof v === 'bigint') return Number(v);
    throw bad(this.name(key), 'a number', v);
  }

  str(key: string): string {
    const v = this.object[key];
    if (typeof v !== 'string') throw bad(this.name(key), 'a string', v);
    return v;
  }

  bool(key: string): boolean {
    const v = this.object[key];
    if (typeof v !== 'boolean') throw bad(this.name(key), 'true or false', v);
    return v;
  }

  /** The field when present and not null, read by `read`; else null. */
  opt<T>(key: string, read: (key: string) => T): T | null {
    return this.has(key) ? read.call(this, key) : null;
  }

  oneOf<T extends string>(key: string, values: readonly T[]): T {
    const v = this.object[key];
    if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) throw bad(this.name(key), values.map((x) => `"${x}"`).join(' | '), v);
    return v as T;
  }

  obj(key: string): Fields {
    return new Fields(asObject(this.object[key], this.name(key)), this.name(key));
  }

  list(key: string): Fields[] {
    return asArray(this.object[key], this.name(key)).map((item, i) => new Fields(asObject(item, `${this.name(key)}[${i}]`), `${this.name(key)}[${i}]`));
  }
}
