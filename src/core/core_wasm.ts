// The WASM core: assembly/ compiled to wasm/core.wasm, driven over memory the
// host owns (STYLE.md §6). Node-only (reads the module from disk).
//
// Memory: one imported WebAssembly.Memory. Above the module's static data
// (`heapBase()`), a first-fit allocator managed here hands out blocks for
// the batch regions (messages in/out, index/flags) and for dedup tables.
// The batch regions grow on demand (doubling, never shrinking) and are
// reused by every call; each call copies its input in with one `.set()`
// and its output out with one `.set()`; only numbers and pointers cross the
// boundary. The memory is shared (a SharedArrayBuffer): growing it never
// detaches a view, so the host may keep views of it for good (hostMemory).
// Batches that lie in this memory (storage reads SendMessages payloads
// into it, partition/payload_pool.ts) are validated, stamped and verified
// where they are, with no copy at all; views are rebuilt when it grows.
//
// The index searches stay in TypeScript here: the segment index lives in
// JS memory, and copying O(n) bytes into WASM to run an O(log n) search
// always loses. assembly/batch.ts has the same searches (tested for parity,
// see `wasmSearch`) for when indexes live in WASM memory.
import { readFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { instantiate } from '@assemblyscript/loader';
import { assert } from '../assert.js';
import { PAGE_BYTES, WasmHeap } from './wasm_heap.js';
import { ERROR_CODE } from '../errors/iggy_error.js';
import { INDEX_ENTRY_BYTES } from '../protocol/layout.js';
import { U32_MAX, U64_MAX } from '../protocol/types.js';
import type { BatchLimits, Core, DedupSet, StampParams } from './core.js';
import { searchIndexByOffsetTs, searchIndexByTimestampTs } from './batch_ts.js';
import { DEDUP_ENTRIES_MAX, dedupTableSlots } from './dedup_ts.js';

/** Sentinel the module returns when a walk runs past the block (caller bug). */
const WALK_FAULT = 0xffff_ffff;

export interface CoreWasmOptions {
  /** Largest the WASM memory may grow, in bytes (wasm32: at most 4 GiB). */
  memoryBytesMax?: number;
}

interface CoreExports {
  heapBase(): number;
  xxh3_64(ptr: number, len: number): bigint;
  xxh32(ptr: number, len: number, seed: number): number;
  validateBatch(
    indexPtr: number,
    messagesPtr: number,
    messagesLen: number,
    count: number,
    countMax: number,
    payloadBytesMax: number,
    userHeadersBytesMax: number,
  ): number;
  stampBatch(
    messagesPtr: number,
    messagesLen: number,
    count: number,
    baseOffset: bigint,
    timestampUs: bigint,
    relativeBase: number,
    positionBase: number,
    idSeedLo: bigint,
    idSeedHi: bigint,
    indexOutPtr: number,
  ): number;
  searchIndexByOffset(indexPtr: number, entries: number, relativeOffset: number): number;
  searchIndexByTimestamp(indexPtr: number, entries: number, timestampUs: bigint): number;
  verifyStored(messagesPtr: number, messagesLen: number, count: number, firstOffset: bigint): number;
  dedupStateBytes(): number;
  dedupInit(statePtr: number, maxEntries: number, tableSlots: number, expiryUs: bigint): void;
  dedupCheck(statePtr: number, messagesPtr: number, messagesLen: number, count: number, nowUs: bigint, flagsPtr: number): number;
  dedupSize(statePtr: number): number;
}

const REQUIRED_EXPORTS: readonly (keyof CoreExports)[] = [
  'heapBase',
  'xxh3_64',
  'xxh32',
  'validateBatch',
  'stampBatch',
  'searchIndexByOffset',
  'searchIndexByTimestamp',
  'verifyStored',
  'dedupStateBytes',
  'dedupInit',
  'dedupCheck',
  'dedupSize',
];

/** <package root>/wasm/core.wasm, found from this module for both src/core (vitest) and dist/src/core. */
export function defaultWasmPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'iggy-ts') {
          return join(dir, 'wasm', 'core.wasm');
        }
      } catch {
        // not our manifest; keep walking up
      }
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return fileURLToPath(new URL('../../wasm/core.wasm', import.meta.url));
}

/** A limit as the module's u32 (limits above u32 cannot bind: sizes there are u32). */
const clampU32 = (n: number): number => (n >= U32_MAX ? U32_MAX : n <= 0 ? 0 : Math.floor(n));

/** A reusable block in WASM memory that grows (doubling) when a call needs more. */
interface Region {
  ptr: number;
  bytes: number;
}

export class CoreWasm implements Core {
  readonly kind = 'wasm' as const;
  readonly #exports: CoreExports;
  readonly #memory: WebAssembly.Memory;
  readonly #heap: WasmHeap;
  #u8: Uint8Array;
  readonly #messages: Region;
  readonly #aux: Region;
  /**
   * The view whose bytes the messages region holds, as validateBatch copied
   * them in: a stampBatch of that same view right after (storage does both
   * in one synchronous step, the bytes untouched in between) skips its copy
   * in. Any other use of the region forgets it.
   */
  #resident: Uint8Array | null = null;
  /** Every SharedArrayBuffer this memory has had (one per size it grew to): views of any of them are ours. */
  readonly #buffers = new WeakSet<ArrayBufferLike>();

  constructor(exports: CoreExports, memory: WebAssembly.Memory, pagesMax: number) {
    this.#exports = exports;
    this.#memory = memory;
    this.#heap = new WasmHeap(memory, exports.heapBase(), pagesMax);
    this.#messages = { ptr: this.#heap.alloc(PAGE_BYTES), bytes: PAGE_BYTES };
    this.#aux = { ptr: this.#heap.alloc(PAGE_BYTES), bytes: PAGE_BYTES };
    this.#u8 = new Uint8Array(memory.buffer);
    this.#buffers.add(memory.buffer);
  }

  hostMemory(sizeBytes: number): Uint8Array | null {
    const ptr = this.#heap.alloc(sizeBytes);
    this.#refreshViews();
    return new Uint8Array(this.#memory.buffer, ptr, sizeBytes);
  }

  /** `bytes` lie in this core's memory: their pointer is their offset. */
  #inMemory(bytes: Uint8Array): boolean {
    return this.#buffers.has(bytes.buffer);
  }

  /**
   * The byte view of the memory. Only #heap.alloc grows the memory (the
   * module never allocates), so the view is rebuilt right after allocating
   * (the old buffer is detached then) and is current everywhere else.
   */
  #views(): Uint8Array {
    return this.#u8;
  }

  #refreshViews(): void {
    if (this.#u8.buffer === this.#memory.buffer) return;
    this.#u8 = new Uint8Array(this.#memory.buffer);
    this.#buffers.add(this.#memory.buffer);
  }

  #ensure(region: Region, bytes: number): number {
    if (region === this.#messages) this.#resident = null;
    if (bytes > region.bytes) this.#grow(region, bytes);
    return region.ptr;
  }

  #grow(region: Region, bytes: number): void {
    let size = region.bytes;
    while (size < bytes) size *= 2;
    // Allocate before releasing: if the memory is exhausted the region stays valid.
    const ptr = this.#heap.alloc(size);
    this.#refreshViews();
    this.#heap.release(region.ptr);
    region.ptr = ptr;
    region.bytes = size;
  }

  /** Copies `bytes` into the messages region with one `.set()`; returns its pointer. */
  #putMessages(bytes: Uint8Array): number {
    if (this.#inMemory(bytes)) return bytes.byteOffset;
    const ptr = this.#ensure(this.#messages, bytes.length);
    this.#views().set(bytes, ptr);
    return ptr;
  }

  xxh3_64(bytes: Uint8Array): bigint {
    const ptr = this.#putMessages(bytes);
    return BigInt.asUintN(64, this.#exports.xxh3_64(ptr, bytes.length));
  }

  xxh32(bytes: Uint8Array, seed = 0): number {
    const ptr = this.#putMessages(bytes);
    return this.#exports.xxh32(ptr, bytes.length, seed) >>> 0;
  }

  validateBatch(indexes: Uint8Array, messages: Uint8Array, count: number, limits: BatchLimits): number {
    if (count === 0 || count > limits.messagesCountMax) return ERROR_CODE.InvalidMessagesCount; // before any copy, as the twin
    assert(indexes.length === count * INDEX_ENTRY_BYTES, `index table of ${indexes.length} B for ${count} messages`);
    const indexPtr = this.#ensure(this.#aux, indexes.length);
    const inPlace = this.#inMemory(messages);
    const messagesPtr = inPlace ? messages.byteOffset : this.#ensure(this.#messages, messages.length);
    const u8 = this.#views();
    u8.set(indexes, indexPtr);
    if (!inPlace) {
      u8.set(messages, messagesPtr);
      this.#resident = messages;
    }
    return this.#exports.validateBatch(
      indexPtr,
      messagesPtr,
      messages.length,
      count,
      clampU32(limits.messagesCountMax),
      clampU32(limits.messagePayloadBytesMax),
      clampU32(limits.userHeadersBytesMax),
    );
  }

  stampBatch(messages: Uint8Array, count: number, params: StampParams, indexOut: Uint8Array): number {
    assert(indexOut.length >= count * INDEX_ENTRY_BYTES, `index output of ${indexOut.length} B for ${count} messages`);
    const relativeBase = params.baseOffset - params.segmentStartOffset;
    assert(relativeBase >= 0n && relativeBase + BigInt(count) <= BigInt(U32_MAX), `relative offset ${relativeBase} out of u32`);
    assert(params.baseOffset >= 0n && params.baseOffset + BigInt(count) <= U64_MAX, 'offset out of u64');
    const indexBytes = count * INDEX_ENTRY_BYTES;
    const indexPtr = this.#ensure(this.#aux, indexBytes);
    const inPlace = this.#inMemory(messages);
    const messagesPtr = this.#resident === messages ? this.#messages.ptr : this.#putMessages(messages);
    this.#resident = null;
    const size = this.#exports.stampBatch(
      messagesPtr,
      messages.length,
      count,
      params.baseOffset,
      params.timestampUs,
      Number(relativeBase),
      params.positionBase,
      params.idSeedLo,
      params.idSeedHi,
      indexPtr,
    ) >>> 0;
    assert(size !== WALK_FAULT, 'stampBatch past the block: batch not validated');
    const u8 = this.#views();
    assert(params.positionBase + size <= U32_MAX, 'segment position out of u32');
    if (!inPlace) messages.set(u8.subarray(messagesPtr, messagesPtr + messages.length));
    indexOut.set(u8.subarray(indexPtr, indexPtr + indexBytes));
    return size;
  }

  searchIndexByOffset(index: Uint8Array, relativeOffset: number): number {
    return searchIndexByOffsetTs(index, relativeOffset);
  }

  searchIndexByTimestamp(index: Uint8Array, timestampUs: bigint): number {
    return searchIndexByTimestampTs(index, timestampUs);
  }

  /** The module's own index searches (see the file comment), for parity tests. */
  readonly wasmSearch = {
    byOffset: (index: Uint8Array, relativeOffset: number): number => {
      const ptr = this.#ensure(this.#aux, index.length);
      this.#views().set(index, ptr);
      if (relativeOffset <= 0) return index.length >= INDEX_ENTRY_BYTES ? 0 : -1;
      if (relativeOffset > U32_MAX) return -1;
      return this.#exports.searchIndexByOffset(ptr, Math.floor(index.length / INDEX_ENTRY_BYTES), relativeOffset);
    },
    byTimestamp: (index: Uint8Array, timestampUs: bigint): number => {
      const ptr = this.#ensure(this.#aux, index.length);
      this.#views().set(index, ptr);
      if (timestampUs > U64_MAX) return -1;
      if (timestampUs <= 0n) return index.length >= INDEX_ENTRY_BYTES ? 0 : -1;
      return this.#exports.searchIndexByTimestamp(ptr, Math.floor(index.length / INDEX_ENTRY_BYTES), timestampUs);
    },
  };

  verifyStored(messages: Uint8Array, count: number, firstOffset: bigint): number {
    const ptr = this.#putMessages(messages);
    return this.#exports.verifyStored(ptr, messages.length, count, firstOffset);
  }

  createDedupSet(maxEntries: number, expiryUs: bigint): DedupSet {
    assert(Number.isInteger(maxEntries) && maxEntries >= 1 && maxEntries <= DEDUP_ENTRIES_MAX, `dedup maxEntries ${maxEntries}`);
    assert(expiryUs >= 0n && expiryUs <= U64_MAX, `dedup expiry ${expiryUs}`);
    const slots = dedupTableSlots(maxEntries);
    // One block: state | table (u32 per slot) | ring (32 B per entry).
    const bytes = this.#exports.dedupStateBytes() + slots * 4 + maxEntries * 32;
    const statePtr = this.#heap.alloc(bytes);
    this.#refreshViews();
    this.#exports.dedupInit(statePtr, maxEntries, slots, expiryUs);
    const set = new DedupSetWasm(this, statePtr);
    // A set dropped without dispose() still gives its block back, eventually.
    this.#unreleasedSets.register(set, statePtr, set);
    return set;
  }

  readonly #unreleasedSets = new FinalizationRegistry<number>((statePtr) => this.#heap.release(statePtr));

  /** @internal used by DedupSetWasm */
  dedupCheck(statePtr: number, messages: Uint8Array, count: number, nowUs: bigint, flags: Uint8Array): number {
    assert(flags.length >= count, `flags of ${flags.length} for ${count} messages`);
    assert(nowUs >= 0n && nowUs <= U64_MAX, `now ${nowUs}`);
    const flagsPtr = this.#ensure(this.#aux, count);
    const messagesPtr = this.#putMessages(messages);
    const duplicates = this.#exports.dedupCheck(statePtr, messagesPtr, messages.length, count, nowUs, flagsPtr) >>> 0;
    assert(duplicates !== WALK_FAULT, 'dedup past the block');
    flags.set(this.#views().subarray(flagsPtr, flagsPtr + count));
    return duplicates;
  }

  /** @internal */
  dedupSize(statePtr: number): number {
    return this.#exports.dedupSize(statePtr);
  }

  /** @internal */
  dedupRelease(set: object, statePtr: number): void {
    this.#unreleasedSets.unregister(set);
    this.#heap.release(statePtr);
  }
}

class DedupSetWasm implements DedupSet {
  readonly #core: CoreWasm;
  #statePtr: number;

  constructor(core: CoreWasm, statePtr: number) {
    this.#core = core;
    this.#statePtr = statePtr;
  }

  get size(): number {
    assert(this.#statePtr !== 0, 'dedup set used after dispose');
    return this.#core.dedupSize(this.#statePtr);
  }

  checkBatch(messages: Uint8Array, count: number, nowUs: bigint, flags: Uint8Array): number {
    assert(this.#statePtr !== 0, 'dedup set used after dispose');
    return this.#core.dedupCheck(this.#statePtr, messages, count, nowUs, flags);
  }

  dispose(): void {
    if (this.#statePtr === 0) return;
    this.#core.dedupRelease(this, this.#statePtr);
    this.#statePtr = 0;
  }
}

/** Loads wasm/core.wasm (or `wasmPath`); every failure names the path and the reason. */
export async function instantiateCoreWasm(wasmPath?: string | URL, options: CoreWasmOptions = {}): Promise<CoreWasm> {
  const path = wasmPath === undefined ? defaultWasmPath() : wasmPath instanceof URL ? fileURLToPath(wasmPath) : wasmPath;
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'file not found; build it with `npm run asbuild`' : `cannot read it (${code ?? String(cause)})`;
    throw new Error(`wasm core ${path}: ${reason}`, { cause });
  }
  let module: WebAssembly.Module;
  try {
    module = await WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>);
  } catch (cause) {
    throw new Error(
      `wasm core ${path}: not a valid WebAssembly module (${(cause as Error).message}); rebuild it with \`npm run asbuild\``,
      { cause },
    );
  }
  const memoryBytesMax = options.memoryBytesMax ?? 2 * 1024 * 1024 * 1024;
  const pagesMax = Math.min(65_536, Math.floor(memoryBytesMax / PAGE_BYTES));
  const memory = new WebAssembly.Memory({ initial: 16, maximum: pagesMax, shared: true });
  let exports: Record<string, unknown>;
  try {
    ({ exports } = (await instantiate(module, { env: { memory } })) as unknown as { exports: Record<string, unknown> });
  } catch (cause) {
    throw new Error(`wasm core ${path}: instantiation failed (${(cause as Error).message}); rebuild it with \`npm run asbuild\``, {
      cause,
    });
  }
  const missing = REQUIRED_EXPORTS.filter((name) => typeof exports[name] !== 'function');
  if (missing.length > 0) {
    throw new Error(`wasm core ${path}: stale build, missing export(s) ${missing.join(', ')}; rebuild it with \`npm run asbuild\``);
  }
  return new CoreWasm(exports as unknown as CoreExports, memory, pagesMax);
}
