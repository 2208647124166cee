// Unit tests of the client's pure helpers: message key encodings follow the
// Node SDK convention (string UTF-8, number u32 LE, bigint u64 LE, bytes raw)
// and key lengths outside 1..=255 are InvalidKeyValueLength (4028).
import { describe, expect, it } from 'vitest';
import { IggyError } from '../src/errors/iggy_error.js';
import { messageKeyBytes, toIdentifier } from './client.js';

describe('messageKeyBytes', () => {
  it('encodes keys as the Node SDK does', () => {
    expect([...messageKeyBytes('ab')]).toEqual([0x61, 0x62]);
    expect([...messageKeyBytes(0x01020304)]).toEqual([4, 3, 2, 1]);
    expect([...messageKeyBytes(0x0102030405060708n)]).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
    expect([...messageKeyBytes(Uint8Array.of(9))]).toEqual([9]);
  });

  it('refuses empty and over-long keys with InvalidKeyValueLength (4028)', () => {
    for (const key of ['', new Uint8Array(256), 'x'.repeat(256)]) {
      try {
        messageKeyBytes(key);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(IggyError);
        expect((error as IggyError).code).toBe(4028);
      }
    }
    expect(messageKeyBytes('x'.repeat(255))).toHaveLength(255);
  });
});

describe('toIdentifier', () => {
  it('takes numbers as ids and strings as names, even numeric-looking ones', () => {
    expect(toIdentifier(3)).toEqual({ kind: 'numeric', value: 3 });
    expect(toIdentifier('3')).toEqual({ kind: 'string', value: '3' });
  });
});
