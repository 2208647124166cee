// Proves the WASM core and its TS twin give identical results (STYLE.md §6):
// on the SendMessages frames the official Node SDK sent (vectors), on every
// cut of those batches, on seeded random and corrupted batches, and for
// stamping, stored-batch verification, index searches and dedup sets;
// including batches that lie in the WASM core's own memory (hostMemory),
// which it validates, stamps and verifies in place.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import type { BatchLimits, Core, StampParams } from '../../src/core/core.js';
import { coreTs } from '../../src/core/core_ts.js';
import { instantiateCoreWasm, type CoreWasm } from '../../src/core/core_wasm.js';
import { buildBatch, prng, randomSpecs } from './batch_fixture.js';

const LIMITS: BatchLimits = { messagePayloadBytesMax: 64_000_000, userHeadersBytesMax: 100_000, messagesCountMax: 100_000 };

let wasm: CoreWasm;
beforeAll(async () => {
  wasm = await instantiateCoreWasm();
});

interface RequestVector {
  name: string;
  code: number;
  frame_hex: string;
}

/** Splits a SendMessages frame (BINARY.md §4.4) into its index table and messages block. */
function parseSendMessages(frameHex: string): { indexes: Uint8Array; messages: Uint8Array; count: number } {
  const frame = Uint8Array.from(Buffer.from(frameHex, 'hex'));
  const payload = frame.subarray(8);
  const dv = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  const metadataBytes = dv.getUint32(0, true);
  const count = dv.getUint32(metadataBytes, true);
  const indexStart = 4 + metadataBytes;
  const messagesStart = indexStart + 16 * count;
  return {
    indexes: payload.slice(indexStart, messagesStart),
    messages: payload.slice(messagesStart),
    count,
  };
}

const vectors = (
  JSON.parse(readFileSync(new URL('../fixtures/iggy-0.8/requests.json', import.meta.url), 'utf8')) as RequestVector[]
).filter((v) => v.code === 101);

function params(seed: number): StampParams {
  const random = prng(seed);
  const word = (): bigint => BigInt(Math.floor(random() * 2 ** 32));
  return {
    baseOffset: 1000n + word(),
    timestampUs: 1_750_000_000_000_000n + word(),
    segmentStartOffset: 1000n,
    positionBase: Math.floor(random() * 1_000_000),
    idSeedLo: (word() << 32n) | word(),
    idSeedHi: (word() << 32n) | word(),
  };
}

/** Byte equality that stays fast on MBs (toEqual walks typed arrays element by element). */
function expectSameBytes(actual: Uint8Array, expected: Uint8Array, label = ''): void {
  expect(actual.length, label).toBe(expected.length);
  if (Buffer.compare(actual, expected) === 0) return;
  const at = actual.findIndex((b, i) => b !== expected[i]);
  expect(actual.subarray(at, at + 16), `${label} first difference at byte ${at}`).toEqual(expected.subarray(at, at + 16));
}

function expectSameStamp(both: ReturnType<typeof stampBoth>, label = ''): void {
  expect(both.wasm.size, label).toBe(both.ts.size);
  expectSameBytes(both.wasm.copy, both.ts.copy, `${label} messages`);
  expectSameBytes(both.wasm.index, both.ts.index, `${label} index`);
}

/** Stamps a copy with each core; returns both results for comparison. */
function stampBoth(messages: Uint8Array, count: number, p: StampParams) {
  const run = (core: Core) => {
    const copy = messages.slice();
    const index = new Uint8Array(16 * count);
    const size = core.stampBatch(copy, count, p, index);
    return { size, copy, index };
  };
  return { ts: run(coreTs), wasm: run(wasm) };
}

describe('SendMessages vectors from the Node SDK', () => {
  test('there are vectors to check', () => {
    expect(vectors.length).toBeGreaterThan(15);
  });

  test('validate, stamp and verify agree and succeed', () => {
    vectors.forEach((vector, n) => {
      const { indexes, messages, count } = parseSendMessages(vector.frame_hex);
      expect(coreTs.validateBatch(indexes, messages, count, LIMITS), vector.name).toBe(0);
      expect(wasm.validateBatch(indexes, messages, count, LIMITS), vector.name).toBe(0);
      const p = params(n);
      const both = stampBoth(messages, count, p);
      expectSameStamp(both, vector.name);
      expect(both.ts.size).toBe(messages.length);
      expect(coreTs.verifyStored(both.ts.copy, count, p.baseOffset)).toBe(0);
      expect(wasm.verifyStored(both.wasm.copy, count, p.baseOffset)).toBe(0);
    });
  });

  test('every cut of every batch gets the same verdict, never success', () => {
    for (const vector of vectors) {
      const { indexes, messages, count } = parseSendMessages(vector.frame_hex);
      for (let cut = 0; cut < messages.length; cut++) {
        const part = messages.subarray(0, cut);
        const verdict = coreTs.validateBatch(indexes, part, count, LIMITS);
        expect(verdict, `${vector.name} cut at ${cut}`).not.toBe(0);
        expect(wasm.validateBatch(indexes, part, count, LIMITS), `${vector.name} cut at ${cut}`).toBe(verdict);
        expect(wasm.verifyStored(part, count, 0n)).toBe(coreTs.verifyStored(part, count, 0n));
      }
    }
  });

  test('every cut of the index table of the mixed batch agrees', () => {
    const mixed = vectors.find((v) => v.name === 'send-mixed-batch-some-with-headers') ?? vectors[0];
    const { indexes, messages, count } = parseSendMessages(mixed!.frame_hex);
    for (let n = 0; n <= count; n++) {
      const part = indexes.subarray(0, 16 * n);
      expect(wasm.validateBatch(part, messages, n, LIMITS)).toBe(coreTs.validateBatch(part, messages, n, LIMITS));
    }
  });
});

describe('seeded random batches', () => {
  test('valid batches validate, stamp and verify identically', () => {
    const random = prng(42);
    for (let round = 0; round < 60; round++) {
      const count = 1 + Math.floor(random() * 40);
      const { indexes, messages } = buildBatch(randomSpecs(random, count, round % 3 === 0 ? 3000 : 300));
      expect(coreTs.validateBatch(indexes, messages, count, LIMITS)).toBe(0);
      expect(wasm.validateBatch(indexes, messages, count, LIMITS)).toBe(0);
      const p = params(round);
      const both = stampBoth(messages, count, p);
      expectSameStamp(both, `round ${round}`);
      expect(wasm.verifyStored(both.ts.copy, count, p.baseOffset)).toBe(0);
      expect(coreTs.verifyStored(both.wasm.copy, count, p.baseOffset)).toBe(0);
    }
  });

  test('batches in the core\'s own memory are validated, stamped and verified in place, alike', () => {
    const random = prng(5);
    const host = wasm.hostMemory(1 << 20)!;
    expect(host.buffer).toBeInstanceOf(SharedArrayBuffer);
    for (let round = 0; round < 20; round++) {
      const count = 1 + Math.floor(random() * 40);
      const { indexes, messages } = buildBatch(randomSpecs(random, count, 2000));
      const inPlace = host.subarray(round * 7, round * 7 + messages.length);
      inPlace.set(messages);
      expect(wasm.validateBatch(indexes, inPlace, count, LIMITS)).toBe(0);
      const p = params(round);
      const tsCopy = messages.slice();
      const tsIndex = new Uint8Array(16 * count);
      const wasmIndex = new Uint8Array(16 * count);
      expect(wasm.stampBatch(inPlace, count, p, wasmIndex)).toBe(coreTs.stampBatch(tsCopy, count, p, tsIndex));
      expect(Buffer.from(inPlace).equals(Buffer.from(tsCopy))).toBe(true);
      expect(wasmIndex).toEqual(tsIndex);
      expect(wasm.verifyStored(inPlace, count, p.baseOffset)).toBe(0);
      expect(wasm.xxh3_64(inPlace)).toBe(coreTs.xxh3_64(tsCopy));
    }
    expect(coreTs.hostMemory(10)).toBeNull();
  });

  test('corrupted batches get the same error code from both', () => {
    const random = prng(7);
    const seen = new Set<number>();
    for (let round = 0; round < 3000; round++) {
      const count = 1 + Math.floor(random() * 6);
      const { indexes, messages } = buildBatch(randomSpecs(random, count, 200));
      // Corrupt one byte of the index table or of a header field.
      const target = random() < 0.5 ? indexes : messages;
      const at = Math.floor(random() * target.length);
      target[at] = Math.floor(random() * 256);
      const limits = random() < 0.2 ? { ...LIMITS, messagePayloadBytesMax: 100, userHeadersBytesMax: 20 } : LIMITS;
      const verdict = coreTs.validateBatch(indexes, messages, count, limits);
      seen.add(verdict);
      expect(wasm.validateBatch(indexes, messages, count, limits), `round ${round}`).toBe(verdict);
      const stored = messages.slice();
      expect(wasm.verifyStored(stored, count, 0n)).toBe(coreTs.verifyStored(stored, count, 0n));
    }
    // The corruption reached every validation path.
    expect([...seen].sort()).toEqual([0, 4017, 4022, 4031, 4032, 4033, 4036, 10011].sort());
  });

  test('stored batches with a flipped byte fail verification identically', () => {
    const random = prng(99);
    const { indexes, messages, count } = buildBatch(randomSpecs(random, 10, 500));
    expect(coreTs.validateBatch(indexes, messages, count, LIMITS)).toBe(0);
    const stamped = stampBoth(messages, count, params(1)).ts.copy;
    for (let at = 0; at < stamped.length; at += 7) {
      const bad = stamped.slice();
      bad[at] = (bad[at] as number) ^ 0x40;
      const verdict = coreTs.verifyStored(bad, count, params(1).baseOffset);
      expect(verdict).not.toBe(0);
      expect(wasm.verifyStored(bad, count, params(1).baseOffset)).toBe(verdict);
    }
  });
});

describe('maximum sizes', () => {
  test('a 64 MB message and a 100 KB user-header block validate, stamp and verify alike', () => {
    const { indexes, messages, count } = buildBatch(
      [{ payloadBytes: 1 }, { payloadBytes: 64_000_000, userHeadersBytes: 100_000 }, { payloadBytes: 2 }],
    );
    expect(coreTs.validateBatch(indexes, messages, count, LIMITS)).toBe(0);
    expect(wasm.validateBatch(indexes, messages, count, LIMITS)).toBe(0);
    const p = params(3);
    const both = stampBoth(messages, count, p);
    expectSameStamp(both);
    expect(wasm.verifyStored(both.ts.copy, count, p.baseOffset)).toBe(0);
  });
});

describe('wasm memory limits', () => {
  test('an input past the memory maximum is a RangeError and the core keeps working', async () => {
    const small = await instantiateCoreWasm(undefined, { memoryBytesMax: 4 * 1024 * 1024 });
    expect(() => small.xxh3_64(new Uint8Array(8 * 1024 * 1024))).toThrow(/wasm core memory exhausted/);
    const bytes = Uint8Array.from({ length: 3000 }, (_, i) => i * 13);
    expect(small.xxh3_64(bytes)).toBe(coreTs.xxh3_64(bytes));
    const set = small.createDedupSet(1000, 10n);
    expect(set.size).toBe(0);
    set.dispose();
  });
});

describe('index searches', () => {
  function segmentIndex(random: () => number, entries: number): Uint8Array {
    const index = new Uint8Array(entries * 16);
    const dv = new DataView(index.buffer);
    let offset = Math.floor(random() * 5);
    let timestamp = 1_700_000_000_000_000n;
    for (let i = 0; i < entries; i++) {
      dv.setUint32(i * 16, offset, true);
      dv.setUint32(i * 16 + 4, (i + 1) * 100, true);
      dv.setBigUint64(i * 16 + 8, timestamp, true);
      offset += 1 + (random() < 0.1 ? Math.floor(random() * 3) : 0);
      if (random() < 0.5) timestamp += BigInt(Math.floor(random() * 1000));
    }
    return index;
  }

  test('both find the first entry at or past the target', () => {
    const random = prng(5);
    for (const entries of [0, 1, 2, 3, 16, 100, 1000]) {
      const index = segmentIndex(random, entries);
      const dv = new DataView(index.buffer);
      const lastOffset = entries > 0 ? dv.getUint32((entries - 1) * 16, true) : 0;
      for (let target = -1; target <= lastOffset + 2; target++) {
        const position = coreTs.searchIndexByOffset(index, target);
        expect(wasm.searchIndexByOffset(index, target)).toBe(position);
        expect(wasm.wasmSearch.byOffset(index, target)).toBe(position);
        // Check against a linear scan.
        let linear = -1;
        for (let i = 0; i < entries; i++) {
          if (dv.getUint32(i * 16, true) >= target) {
            linear = i;
            break;
          }
        }
        expect(position).toBe(linear);
      }
      const firstTs = entries > 0 ? dv.getBigUint64(8, true) : 0n;
      const lastTs = entries > 0 ? dv.getBigUint64((entries - 1) * 16 + 8, true) : 0n;
      for (const target of [0n, firstTs - 1n, firstTs, firstTs + 1n, (firstTs + lastTs) / 2n, lastTs, lastTs + 1n, 2n ** 64n - 1n]) {
        const position = coreTs.searchIndexByTimestamp(index, target);
        expect(wasm.searchIndexByTimestamp(index, target)).toBe(position);
        expect(wasm.wasmSearch.byTimestamp(index, target)).toBe(position);
        let linear = -1;
        for (let i = 0; i < entries; i++) {
          if (dv.getBigUint64(i * 16 + 8, true) >= target) {
            linear = i;
            break;
          }
        }
        expect(position).toBe(linear);
      }
    }
  });
});

describe('dedup sets', () => {
  test('random workloads give the same flags, counts and sizes', () => {
    const random = prng(2024);
    for (const maxEntries of [1, 3, 17, 200]) {
      const ts = coreTs.createDedupSet(maxEntries, 1000n);
      const wa = wasm.createDedupSet(maxEntries, 1000n);
      let now = 1_000_000n;
      for (let round = 0; round < 200; round++) {
        const count = 1 + Math.floor(random() * 30);
        const pool = 1 + Math.floor(random() * 60);
        const specs = Array.from({ length: count }, () => ({
          payloadBytes: Math.floor(random() * 20),
          id: random() < 0.1 ? 0n : BigInt(1 + Math.floor(random() * pool)) << BigInt(Math.floor(random() * 3) * 40),
        }));
        const { messages } = buildBatch(specs);
        // Mostly forward, sometimes far (expiry), sometimes backwards.
        const step = random();
        now += step < 0.7 ? BigInt(Math.floor(random() * 100)) : step < 0.9 ? 2000n : -300n;
        const flagsTs = new Uint8Array(count);
        const flagsWasm = new Uint8Array(count);
        const dupTs = ts.checkBatch(messages, count, now, flagsTs);
        expect(wa.checkBatch(messages, count, now, flagsWasm)).toBe(dupTs);
        expect(flagsWasm).toEqual(flagsTs);
        expect(wa.size).toBe(ts.size);
        expect(ts.size).toBeLessThanOrEqual(maxEntries);
      }
      ts.dispose();
      wa.dispose();
    }
  });

  test('disposed wasm sets return their memory for reuse', async () => {
    // 50 sets of ~1 MB each in a 16 MB memory: only reuse makes room.
    const core = await instantiateCoreWasm(undefined, { memoryBytesMax: 16 * 1024 * 1024 });
    const { messages } = buildBatch([{ payloadBytes: 1, id: 9n }]);
    for (let i = 0; i < 50; i++) {
      const set = core.createDedupSet(25_000, 10n);
      expect(set.checkBatch(messages, 1, 1n, new Uint8Array(1))).toBe(0);
      expect(set.size).toBe(1);
      set.dispose();
    }
    expect(() => core.createDedupSet(1 << 20, 1n)).toThrow(/wasm core memory exhausted/);
  });
});
