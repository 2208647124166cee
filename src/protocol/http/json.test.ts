// The bigint-exact JSON reader and writer: u64/u128 above 2^53 survive a
// round trip, standard JSON reads as JSON.parse reads it, and bad text is
// InvalidFormat (4).
import { describe, expect, it } from 'vitest';
import { IggyError } from '../../errors/iggy_error.js';
import { parseJson, writeJson } from './json.js';

describe('parseJson', () => {
  it('reads integers beyond 2^53 - 1 as exact bigints, the rest as numbers', () => {
    const value = parseJson('{"a": 18446744073709551615, "b": 9007199254740991, "c": 9007199254740993, "d": -1.5e3, "e": 340282366920938463463374607431768211455}');
    expect(value).toEqual({ a: 18446744073709551615n, b: 9007199254740991, c: 9007199254740993n, d: -1500, e: (1n << 128n) - 1n });
  });

  it('reads what JSON.parse reads', () => {
    const text = '{"s":"a\\"b\\\\c\\n\\u00e9\\ud83d\\ude00","t":true,"f":false,"n":null,"arr":[1,[2,{}],[]],"x":0.25}';
    expect(parseJson(text)).toEqual(JSON.parse(text));
  });

  it('keeps __proto__ as data', () => {
    const value = parseJson('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(null);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each(['', '{', '{"a":}', '[1,]', '01', '{"a":1} x', '"\u0001"', 'tru', '{a:1}', '"\\x"', '1.'])('rejects %j with InvalidFormat', (text) => {
    try {
      parseJson(text);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(IggyError);
      expect((error as IggyError).code).toBe(4);
    }
  });

  it('limits nesting depth', () => {
    expect(() => parseJson('['.repeat(100) + ']'.repeat(100))).toThrow(IggyError);
  });
});

describe('writeJson', () => {
  it('writes bigints as bare digits and round-trips them', () => {
    const value = { max: 18446744073709551615n, id: (1n << 127n) + 1n, small: 5, list: [1n, 'x', null, true], skip: undefined };
    const text = writeJson(value);
    expect(text).toBe('{"max":18446744073709551615,"id":170141183460469231731687303715884105729,"small":5,"list":[1,"x",null,true]}');
    const back = parseJson(text) as Record<string, unknown>;
    expect(back.max).toBe(18446744073709551615n);
    expect(back.id).toBe((1n << 127n) + 1n);
  });

  it('escapes strings as JSON.stringify does', () => {
    const s = 'quote " backslash \\ newline \n tab \t \u0000 é';
    expect(writeJson({ s })).toBe(JSON.stringify({ s }));
  });
});
