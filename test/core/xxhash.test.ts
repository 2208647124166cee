// Proves both XXH3-64 and XXH32 twins match published vectors and hash-wasm
// (an independent C build) for every length class and unaligned inputs.
import { beforeAll, describe, expect, test } from 'vitest';
import { createXXHash3, createXXHash32, type IHasher } from 'hash-wasm';
import { coreTs } from '../../src/core/core_ts.js';
import { instantiateCoreWasm, type CoreWasm } from '../../src/core/core_wasm.js';
import { prng } from './batch_fixture.js';

let wasm: CoreWasm;
let h3: IHasher;
let h32: IHasher;

beforeAll(async () => {
  wasm = await instantiateCoreWasm();
  h3 = await createXXHash3();
  h32 = await createXXHash32();
});

function reference3(bytes: Uint8Array): bigint {
  h3.init();
  h3.update(bytes);
  return BigInt('0x' + h3.digest('hex'));
}

function reference32(bytes: Uint8Array): number {
  h32.init();
  h32.update(bytes);
  return parseInt(h32.digest('hex'), 16);
}

function randomBytes(random: () => number, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = Math.floor(random() * 256);
  return bytes;
}

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('published vectors', () => {
  test('XXH3-64', () => {
    for (const core of [coreTs, wasm]) {
      expect(core.xxh3_64(new Uint8Array(0))).toBe(0x2d06800538d394c2n);
      expect(core.xxh3_64(text('abc'))).toBe(0x78af5f94892f3950n);
    }
  });
  test('XXH32', () => {
    for (const core of [coreTs, wasm]) {
      expect(core.xxh32(new Uint8Array(0))).toBe(0x02cc5d05);
      expect(core.xxh32(text('a'))).toBe(0x550d7456);
      expect(core.xxh32(text('abc'))).toBe(0x32d153ff);
      expect(core.xxh32(new Uint8Array(0), 1)).toBe(0x0b2cb792);
    }
  });
});

describe('against hash-wasm', () => {
  const random = prng(0xc0ffee);
  const lengths = [...Array.from({ length: 301 }, (_, i) => i), 1023, 1024, 1025, 2048, 4097, 65_536, 100_003];
  for (let i = 0; i < 20; i++) lengths.push(Math.floor(random() * 20_000));

  test('XXH3-64 for lengths 0..300, 1 KB, 64 KB and random', () => {
    for (const length of lengths) {
      const bytes = randomBytes(random, length);
      const expected = reference3(bytes);
      expect(coreTs.xxh3_64(bytes), `ts, length ${length}`).toBe(expected);
      expect(wasm.xxh3_64(bytes), `wasm, length ${length}`).toBe(expected);
    }
  });

  test('XXH32 for the same lengths', () => {
    for (const length of lengths) {
      const bytes = randomBytes(random, length);
      const expected = reference32(bytes);
      expect(coreTs.xxh32(bytes), `ts, length ${length}`).toBe(expected);
      expect(wasm.xxh32(bytes), `wasm, length ${length}`).toBe(expected);
    }
  });

  test('unaligned views hash their own bytes only', () => {
    const backing = randomBytes(random, 4096);
    for (const start of [1, 3, 5, 7]) {
      for (const length of [3, 8, 15, 33, 200, 241, 1500]) {
        const view = backing.subarray(start, start + length);
        const expected = reference3(view.slice());
        expect(coreTs.xxh3_64(view)).toBe(expected);
        expect(wasm.xxh3_64(view)).toBe(expected);
        expect(coreTs.xxh32(view)).toBe(reference32(view.slice()));
        expect(wasm.xxh32(view)).toBe(coreTs.xxh32(view));
      }
    }
  });

  test('XXH32 seeds agree between the twins', () => {
    for (const seed of [1, 0x9e3779b1, 0xffffffff]) {
      for (const length of [0, 4, 15, 16, 17, 100]) {
        const bytes = randomBytes(random, length);
        expect(wasm.xxh32(bytes, seed)).toBe(coreTs.xxh32(bytes, seed));
      }
    }
  });

  test('a large input grows the wasm memory and later calls still agree', () => {
    const big = randomBytes(random, 3 * 1024 * 1024 + 17);
    expect(wasm.xxh3_64(big)).toBe(reference3(big));
    const small = randomBytes(random, 77);
    expect(wasm.xxh3_64(small)).toBe(reference3(small));
  });
});
