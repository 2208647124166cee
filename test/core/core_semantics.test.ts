// Proves what each core function means, for both cores: every validateBatch
// error code on a minimal batch that triggers it, what stampBatch writes,
// verifyStored's codes, and the dedup set's window, eviction and id-0 rule.
import { createXXHash3 } from 'hash-wasm';
import { beforeAll, describe, expect, test } from 'vitest';
import type { BatchLimits, Core, StampParams } from '../../src/core/core.js';
import { coreTs } from '../../src/core/core_ts.js';
import { instantiateCoreWasm } from '../../src/core/core_wasm.js';
import { buildBatch } from './batch_fixture.js';

const LIMITS: BatchLimits = { messagePayloadBytesMax: 1000, userHeadersBytesMax: 100, messagesCountMax: 50 };
const cores: Record<string, Core> = { ts: coreTs };
beforeAll(async () => {
  cores.wasm = await instantiateCoreWasm();
});

const PARAMS: StampParams = {
  baseOffset: 5000n,
  timestampUs: 1_750_000_000_123_456n,
  segmentStartOffset: 4096n,
  positionBase: 12_345,
  idSeedLo: 0x0123456789abcdefn,
  idSeedHi: 0xfedcba9876543210n,
};

const setU32 = (bytes: Uint8Array, at: number, value: number): void =>
  new DataView(bytes.buffer, bytes.byteOffset).setUint32(at, value, true);

describe.each(['ts', 'wasm'])('%s core', (kind) => {
  const core = (): Core => cores[kind] as Core;
  const three = () => buildBatch([{ payloadBytes: 10 }, { payloadBytes: 20, userHeadersBytes: 5 }, { payloadBytes: 30 }]);
  const validate = (b: { indexes: Uint8Array; messages: Uint8Array; count: number }, limits = LIMITS): number =>
    core().validateBatch(b.indexes, b.messages, b.count, limits);

  describe('validateBatch', () => {
    test('a well-formed batch is valid, at the exact limits too', () => {
      expect(validate(three())).toBe(0);
      expect(validate(buildBatch([{ payloadBytes: 1000, userHeadersBytes: 100 }]))).toBe(0);
      expect(validate(buildBatch([{ payloadBytes: 0 }]))).toBe(0); // the 0.8 server accepts P = 0
      const fifty = buildBatch(Array.from({ length: 50 }, () => ({ payloadBytes: 1 })));
      expect(validate(fifty)).toBe(0);
    });

    test('limits too large for u32 never bind', () => {
      const huge = { messagePayloadBytesMax: Infinity, userHeadersBytesMax: 2 ** 40, messagesCountMax: Infinity };
      expect(validate(three(), huge)).toBe(0);
    });

    test('4009: no messages, or more than the limit', () => {
      expect(core().validateBatch(new Uint8Array(0), new Uint8Array(0), 0, LIMITS)).toBe(4009);
      const many = buildBatch(Array.from({ length: 51 }, () => ({ payloadBytes: 1 })));
      expect(validate(many)).toBe(4009);
    });

    test('4031: an index entry with a non-zero offset', () => {
      const b = three();
      setU32(b.indexes, 16, 1);
      expect(validate(b)).toBe(4031);
    });

    test('4032: an index entry with a non-zero timestamp, either half', () => {
      const b = three();
      setU32(b.indexes, 32 + 8, 1);
      expect(validate(b)).toBe(4032);
      const c = three();
      setU32(c.indexes, 12, 0x8000_0000);
      expect(validate(c)).toBe(4032);
    });

    test('4033: spans shorter than a header, than the message, or reversed', () => {
      const short = three();
      setU32(short.indexes, 4, 63); // message 0 would be 63 bytes
      expect(validate(short)).toBe(4033);
      const tooShort = three();
      setU32(tooShort.messages, 52, 11); // header claims one more payload byte than the span holds
      expect(validate(tooShort)).toBe(4033);
      const reversed = three();
      setU32(reversed.indexes, 20, 10); // end(1) < end(0): negative span for a middle message
      expect(validate(reversed)).toBe(4033);
      const past = three();
      setU32(past.indexes, 4, past.messages.length + 1);
      expect(validate(past)).toBe(4033);
      const truncated = three();
      expect(core().validateBatch(truncated.indexes, truncated.messages.subarray(0, 74 + 89 + 10), 3, LIMITS)).toBe(4033);
    });

    test('10011: only the last entry may go backwards, and then it is this code', () => {
      const b = three();
      setU32(b.indexes, 32 + 4, 5); // the last span ignores its own end, so only the order check sees it
      expect(validate(b)).toBe(10011);
    });

    test('4036: a block longer than the messages it holds', () => {
      const b = three();
      const longer = new Uint8Array(b.messages.length + 3);
      longer.set(b.messages);
      expect(core().validateBatch(b.indexes, longer, 3, LIMITS)).toBe(4036);
    });

    test('4022 and 4017: payload and user headers over the limits', () => {
      expect(validate(buildBatch([{ payloadBytes: 1001 }]))).toBe(4022);
      expect(validate(buildBatch([{ payloadBytes: 1, userHeadersBytes: 101 }]))).toBe(4017);
      // Payload is checked before headers when both are over.
      expect(validate(buildBatch([{ payloadBytes: 1001, userHeadersBytes: 101 }]))).toBe(4022);
    });

    test('errors are reported in message order', () => {
      const b = three();
      setU32(b.indexes, 32, 1); // 4031 on message 2
      setU32(b.indexes, 16 + 8, 1); // 4032 on message 1 comes first
      expect(validate(b)).toBe(4032);
    });

    test('a 64 MB payload passes at the protocol limit and fails one byte over', () => {
      const limits = { ...LIMITS, messagePayloadBytesMax: 64_000_000 };
      const big = buildBatch([{ payloadBytes: 64_000_000 }], 'zero');
      expect(validate(big, limits)).toBe(0);
      expect(validate(big, { ...limits, messagePayloadBytesMax: 63_999_999 })).toBe(4022);
    });
  });

  describe('stampBatch', () => {
    test('writes offsets, the timestamp, ids for id 0, checksums and index entries', async () => {
      const b = buildBatch([{ payloadBytes: 10 }, { payloadBytes: 300, userHeadersBytes: 7, id: 77n }, { payloadBytes: 0 }]);
      const before = b.messages.slice();
      const index = new Uint8Array(48);
      expect(core().stampBatch(b.messages, 3, PARAMS, index)).toBe(b.messages.length);
      const dv = new DataView(b.messages.buffer);
      const ix = new DataView(index.buffer);
      const hasher = await createXXHash3();
      const sizes = [74, 371, 64];
      let pos = 0;
      const ids: bigint[] = [];
      sizes.forEach((size, i) => {
        expect(dv.getBigUint64(pos + 24, true)).toBe(5000n + BigInt(i));
        expect(dv.getBigUint64(pos + 32, true)).toBe(PARAMS.timestampUs);
        // origin timestamp, lengths, payload and headers untouched
        expect(b.messages.subarray(pos + 40, pos + size)).toEqual(before.subarray(pos + 40, pos + size));
        hasher.init();
        hasher.update(b.messages.subarray(pos + 8, pos + size));
        expect(dv.getBigUint64(pos, true)).toBe(BigInt('0x' + hasher.digest('hex')));
        ids.push(dv.getBigUint64(pos + 8, true) | (dv.getBigUint64(pos + 16, true) << 64n));
        expect(ix.getUint32(i * 16, true)).toBe(5000 - 4096 + i);
        expect(ix.getUint32(i * 16 + 4, true)).toBe(12_345 + sizes.slice(0, i + 1).reduce((a, c) => a + c, 0));
        expect(ix.getBigUint64(i * 16 + 8, true)).toBe(PARAMS.timestampUs);
        pos += size;
      });
      expect(ids[1]).toBe(77n); // client ids are kept
      for (const i of [0, 2]) {
        const idBytes = b.messages.subarray([0, 74, 445][i]! + 8, [0, 74, 445][i]! + 24);
        expect((idBytes[6] as number) >> 4).toBe(4); // UUID version 4
        expect((idBytes[8] as number) >> 6).toBe(2); // RFC 4122 variant
      }
      expect(ids[0]).not.toBe(ids[2]);
      expect(core().verifyStored(b.messages, 3, 5000n)).toBe(0);
    });

    test('ids derive from the seed: same seed same ids, other seed other ids', () => {
      const stampIds = (seedLo: bigint): string => {
        const b = buildBatch([{ payloadBytes: 1 }, { payloadBytes: 1 }]);
        core().stampBatch(b.messages, 2, { ...PARAMS, idSeedLo: seedLo }, new Uint8Array(32));
        return Buffer.from(b.messages.subarray(8, 24)).toString('hex') + Buffer.from(b.messages.subarray(73, 89)).toString('hex');
      };
      expect(stampIds(1n)).toBe(stampIds(1n));
      expect(stampIds(1n)).not.toBe(stampIds(2n));
    });

    test('an unvalidated batch that runs past its block is an assertion, not garbage', () => {
      const b = buildBatch([{ payloadBytes: 10 }]);
      expect(() => core().stampBatch(b.messages, 2, PARAMS, new Uint8Array(32))).toThrow(/past the block/);
    });
  });

  describe('verifyStored', () => {
    test('4100 for a gap in offsets, 4027 for a bad checksum, 4036 for a short or long block', () => {
      const b = buildBatch([{ payloadBytes: 10 }, { payloadBytes: 20 }]);
      core().stampBatch(b.messages, 2, PARAMS, new Uint8Array(32));
      expect(core().verifyStored(b.messages, 2, 5000n)).toBe(0);
      expect(core().verifyStored(b.messages, 2, 5001n)).toBe(4100);
      expect(core().verifyStored(b.messages.subarray(0, 100), 2, 5000n)).toBe(4036);
      expect(core().verifyStored(b.messages, 1, 5000n)).toBe(4036);
      const bad = b.messages.slice();
      bad[80] = (bad[80] as number) ^ 1;
      expect(core().verifyStored(bad, 2, 5000n)).toBe(4027);
      expect(core().verifyStored(new Uint8Array(0), 0, 0n)).toBe(0);
    });
  });

  describe('dedup set', () => {
    const batch = (ids: bigint[]) => buildBatch(ids.map((id) => ({ payloadBytes: 3, id }))).messages;
    const check = (set: ReturnType<Core['createDedupSet']>, ids: bigint[], now: bigint): number[] => {
      const flags = new Uint8Array(ids.length);
      const duplicates = set.checkBatch(batch(ids), ids.length, now, flags);
      expect(duplicates).toBe(flags.reduce((a, f) => a + f, 0));
      return [...flags];
    };

    test('flags ids seen within the window and repeats inside one batch; id 0 never', () => {
      const set = core().createDedupSet(10, 100n);
      expect(check(set, [1n, 2n, 1n, 0n, 0n], 1000n)).toEqual([0, 0, 1, 0, 0]);
      expect(set.size).toBe(2);
      expect(check(set, [2n, 3n, 2n ** 127n], 1099n)).toEqual([1, 0, 0]);
      // 1 and 2 expire at 1100; 3 at 1199
      expect(check(set, [1n, 2n, 3n], 1100n)).toEqual([0, 0, 1]);
      set.dispose();
    });

    test('evicts the oldest entry beyond maxEntries', () => {
      const set = core().createDedupSet(3, 1_000_000n);
      expect(check(set, [1n, 2n, 3n, 4n], 1n)).toEqual([0, 0, 0, 0]);
      expect(set.size).toBe(3);
      expect(check(set, [2n, 3n, 4n], 2n)).toEqual([1, 1, 1]);
      expect(check(set, [1n], 3n)).toEqual([0]); // 1 was evicted, now re-inserted, evicting 2
      expect(check(set, [2n, 3n], 4n)).toEqual([0, 0]);
      set.dispose();
    });

    test('a batch whose sizes run past the block is an assertion', () => {
      const set = core().createDedupSet(3, 10n);
      const messages = batch([1n, 2n]);
      setU32(messages, 52, 0xffff_ff00); // message 0 claims ~4 GB of payload
      expect(() => set.checkBatch(messages, 2, 1n, new Uint8Array(2))).toThrow(/dedup past the block/);
      set.dispose();
    });

    test('a disposed set refuses use', () => {
      const set = core().createDedupSet(3, 10n);
      set.dispose();
      expect(() => set.checkBatch(batch([1n]), 1, 1n, new Uint8Array(1))).toThrow(/dispose/);
    });
  });
});
