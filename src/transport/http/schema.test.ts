// Request schemas: u64 fields come out exact (bigint) from the bigint-aware
// JSON parser, out-of-range or wrong-typed values fail naming the field, and
// query strings convert when asked.
import { describe, expect, it } from 'vitest';
import { parseJson } from '../../protocol/http/json.js';
import { compileSchema, FieldError, str, u32, u64 } from './schema.js';

const check = compileSchema({ offset: u64(), partition_id: u32({ optional: true }), name: str({ min: 1, max: 255 }) }, 'body');

function fieldOf(fn: () => unknown): string | null {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(FieldError);
    expect((error as FieldError).error.code).toBe(4);
    return (error as FieldError).field;
  }
  throw new Error('expected a FieldError');
}

describe('compileSchema', () => {
  it('passes u64 above 2^53 through exactly, as bigint', () => {
    const value = check(parseJson('{"offset": 18446744073709551615, "name": "a"}'));
    expect(value.offset).toBe(18446744073709551615n);
    expect(check(parseJson('{"offset": 3, "partition_id": 7, "name": "a"}'))).toMatchObject({ offset: 3n, partition_id: 7 });
  });

  it('names the bad field', () => {
    expect(fieldOf(() => check(parseJson('{"offset": 18446744073709551616, "name": "a"}')))).toBe('offset');
    expect(fieldOf(() => check(parseJson('{"offset": -1, "name": "a"}')))).toBe('offset');
    expect(fieldOf(() => check(parseJson('{"offset": 1.5, "name": "a"}')))).toBe('offset');
    expect(fieldOf(() => check(parseJson('{"offset": "1", "name": "a"}')))).toBe('offset');
    expect(fieldOf(() => check(parseJson('{"offset": 1, "partition_id": 4294967296, "name": "a"}')))).toBe('partition_id');
    expect(fieldOf(() => check(parseJson('{"offset": 1, "name": ""}')))).toBe('name');
    expect(fieldOf(() => check(parseJson('{"offset": 1}')))).toBe('name');
  });

  it('rejects a body that is not an object', () => {
    expect(fieldOf(() => check(parseJson('[1]')))).toBe(null);
  });

  it('converts query text when fromText is set', () => {
    const query = compileSchema({ value: u64({ fromText: true }), count: u32({ fromText: true, optional: true }) }, 'query');
    expect(query({ value: '18446744073709551615', count: '10' })).toEqual({ value: 18446744073709551615n, count: 10 });
    expect(fieldOf(() => query({ value: 'abc' }))).toBe('value');
  });
});
