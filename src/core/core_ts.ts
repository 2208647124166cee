// The pure-TypeScript twin of the WASM core: identical results, no WASM.
// Used with IGGY_CORE=ts, in browsers, and as the fallback when the WASM
// build is missing. Browser-safe.
import type { BatchLimits, Core, DedupSet, StampParams } from './core.js';
import {
  searchIndexByOffsetTs,
  searchIndexByTimestampTs,
  stampBatchTs,
  validateBatchTs,
  verifyStoredTs,
} from './batch_ts.js';
import { DedupSetTs } from './dedup_ts.js';
import { xxh32 } from './xxh32_ts.js';
import { xxh3_64 } from './xxhash_ts.js';

export const coreTs: Core = {
  kind: 'ts',
  hostMemory: (): null => null,
  xxh3_64: (bytes: Uint8Array): bigint => xxh3_64(bytes),
  xxh32: (bytes: Uint8Array, seed = 0): number => xxh32(bytes, seed),
  validateBatch: (indexes: Uint8Array, messages: Uint8Array, count: number, limits: BatchLimits): number =>
    validateBatchTs(indexes, messages, count, limits),
  stampBatch: (messages: Uint8Array, count: number, params: StampParams, indexOut: Uint8Array): number =>
    stampBatchTs(messages, count, params, indexOut),
  searchIndexByOffset: (index: Uint8Array, relativeOffset: number): number => searchIndexByOffsetTs(index, relativeOffset),
  searchIndexByTimestamp: (index: Uint8Array, timestampUs: bigint): number => searchIndexByTimestampTs(index, timestampUs),
  verifyStored: (messages: Uint8Array, count: number, firstOffset: bigint): number =>
    verifyStoredTs(messages, count, firstOffset),
  createDedupSet: (maxEntries: number, expiryUs: bigint): DedupSet => new DedupSetTs(maxEntries, expiryUs),
};
