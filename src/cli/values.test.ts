// Proves the CLI's value parsers: ids (number = id, else name), Iggy's
// expiry and size spellings, and one InvalidFormat error per bad value.
import { describe, expect, it } from 'vitest';
import { U64_MAX } from '../../src/protocol/types.js';
import { formatBytes, parseExpiryUs, parseId, parseSizeBytes, parseU32 } from './values.js';

describe('CLI values', () => {
  it('reads identifiers', () => {
    expect(parseId('0', 'stream id')).toBe(0);
    expect(parseId('dev', 'stream id')).toBe('dev');
    expect(() => parseId('', 'stream id')).toThrow(/InvalidIdentifier/);
    expect(() => parseId('4294967296', 'stream id')).toThrow(/over u32/);
  });

  it('reads expiries and sizes as Iggy spells them', () => {
    expect(parseExpiryUs([])).toBe(0n);
    expect(parseExpiryUs(['server_default'])).toBe(0n);
    expect(parseExpiryUs(['never_expire'])).toBe(U64_MAX);
    expect(parseExpiryUs(['1h', '30m'])).toBe(5_400_000_000n);
    expect(parseExpiryUs(['1d 2s'])).toBe(86_402_000_000n);
    expect(() => parseExpiryUs(['soon'])).toThrow(/InvalidFormat/);
    expect(parseSizeBytes('10GiB')).toBe(10n << 30n);
    expect(parseSizeBytes('5 MB')).toBe(5_000_000n);
    expect(parseSizeBytes('unlimited')).toBe(U64_MAX);
    expect(parseSizeBytes(undefined)).toBe(0n);
    expect(() => parseSizeBytes('big')).toThrow(/InvalidFormat/);
    expect(formatBytes(1536n)).toBe('1.50 KiB');
  });

  it('bounds integers', () => {
    expect(parseU32('7', 'count', 1)).toBe(7);
    expect(() => parseU32('0', 'count', 1)).toThrow(/count must be an integer >= 1 \(got 0\)/);
    expect(() => parseU32('x', 'count')).toThrow(/InvalidFormat/);
  });
});
