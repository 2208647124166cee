// Proves the cursor's bounds checks and error codes (BINARY.md §2.1): truncation
// and bad UTF-8 → 3, empty Name → 4, and that Writer/Reader round-trip.
import { describe, expect, it } from 'vitest';
import { thrownCode } from '../../test/helpers/errors.js';
import { Reader, Writer, str8SizeBytes, utf8Length } from './reader.js';

describe('Reader', () => {
  it('reads little-endian integers, bigints and floats', () => {
    const bytes = new Uint8Array(2 + 4 + 8 + 16 + 4 + 1);
    new Writer(bytes).u16(0xbeef).u32(0xdeadbeef).u64(0xffff_ffff_ffff_fffen).u128((1n << 127n) + 5n).f32(1.5).u8(7);
    const r = new Reader(bytes);
    expect(r.u16()).toBe(0xbeef);
    expect(r.u32()).toBe(0xdeadbeef);
    expect(r.u64()).toBe(0xffff_ffff_ffff_fffen);
    expect(r.u128()).toBe((1n << 127n) + 5n);
    expect(r.f32()).toBe(1.5);
    expect(r.u8()).toBe(7);
    expect(r.remaining).toBe(0);
  });

  it('throws InvalidCommand on every kind of truncated read', () => {
    const empty = new Uint8Array(3);
    expect(thrownCode(() => new Reader(empty).u32())).toBe(3);
    expect(thrownCode(() => new Reader(empty).u64())).toBe(3);
    expect(thrownCode(() => new Reader(empty, 3).u8())).toBe(3);
    expect(thrownCode(() => new Reader(Uint8Array.of(5, 1, 2)).str8())).toBe(3);
    expect(thrownCode(() => new Reader(Uint8Array.of(1, 0, 0)).str32())).toBe(3);
  });

  it('reads bytes as views of the source, not copies', () => {
    const source = Uint8Array.of(1, 2, 3, 4);
    const view = new Reader(source, 1).bytesView(2);
    source[1] = 9;
    expect([...view]).toEqual([9, 3]);
    expect(view.buffer).toBe(source.buffer);
  });

  it('honours the byteOffset of a subarray source', () => {
    const parent = Uint8Array.of(0xff, 0xff, 1, 0, 0, 0);
    expect(new Reader(parent.subarray(2)).u32()).toBe(1);
  });

  it('rejects invalid UTF-8 with InvalidCommand and an empty Name with InvalidFormat', () => {
    expect(thrownCode(() => new Reader(Uint8Array.of(2, 0xc3, 0x28)).str8())).toBe(3);
    expect(thrownCode(() => new Reader(Uint8Array.of(0)).name())).toBe(4);
    expect(new Reader(Uint8Array.of(0)).str8()).toBe('');
  });

  it('keeps a leading BOM as part of the string', () => {
    expect(new Reader(Uint8Array.of(4, 0xef, 0xbb, 0xbf, 0x61)).str8()).toBe('\ufeffa');
  });
});

describe('Writer', () => {
  it('sizes UTF-8 exactly, including astral and lone surrogates', () => {
    for (const s of ['', 'a', 'żółć', '𝄞x', '\ud800', 'a\udc00b', '日本']) {
      expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length);
      const target = new Uint8Array(str8SizeBytes(s));
      new Writer(target).str8(s);
      expect(target[0]).toBe(target.length - 1);
    }
  });

  it('rejects names outside 1..=255 bytes and out-of-range integers with InvalidFormat', () => {
    const target = new Uint8Array(300);
    expect(thrownCode(() => new Writer(target).name(''))).toBe(4);
    expect(thrownCode(() => new Writer(target).name('x'.repeat(256)))).toBe(4);
    expect(thrownCode(() => new Writer(target).u32(2 ** 32))).toBe(4);
    expect(thrownCode(() => new Writer(target).u32(-1))).toBe(4);
    expect(thrownCode(() => new Writer(target).u64(-1n))).toBe(4);
    expect(thrownCode(() => new Writer(target).u8(1.5))).toBe(4);
  });

  it('asserts instead of writing past the sized target (a sizing bug is ours)', () => {
    expect(thrownCode(() => new Writer(new Uint8Array(3)).u32(1))).toMatch(/AssertionError/);
  });
});
