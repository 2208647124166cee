// The WASM core's exports (see src/core/core.ts for semantics and
// src/core/core_wasm.ts for the host side). Pure functions over linear
// memory the host owns and imports; only numbers and pointers cross.
import { xxh3 } from './xxh3';
import { xxh32 as xxh32Impl } from './xxh32';

export { validateBatch, stampBatch, searchIndexByOffset, searchIndexByTimestamp, verifyStored } from './batch';
export { dedupStateBytes, dedupInit, dedupCheck, dedupSize } from './dedup';

/** First byte past the module's static data: the host allocates above it. */
export function heapBase(): usize {
  return __heap_base;
}

export function xxh3_64(ptr: usize, len: usize): u64 {
  return xxh3(ptr, len);
}

export function xxh32(ptr: usize, len: usize, seed: u32): u32 {
  return xxh32Impl(ptr, len, seed);
}
