// The message-path core: one interface, two implementations with identical
// results — core_wasm.ts (AssemblyScript module over host-owned memory) and
// core_ts.ts (pure TypeScript twin). Browser-safe types only.
//
// Byte layouts of messages and index entries: src/protocol/layout.ts
// (BINARY.md §4, STORAGE.md §2.3).

/** Limits applied while walking a SendMessages batch. */
export interface BatchLimits {
  messagePayloadBytesMax: number; // 64 000 000 in Iggy 0.8
  userHeadersBytesMax: number; // 100 000 in Iggy 0.8
  messagesCountMax: number;
}

/** What `stampBatch` writes into each message header and the index output. */
export interface StampParams {
  /** Offset given to the first message of the batch. */
  baseOffset: bigint;
  /** One server timestamp (µs) shared by every message of the batch. */
  timestampUs: bigint;
  /** Start offset of the segment the batch is appended to (index entries are relative to it). */
  segmentStartOffset: bigint;
  /** Size of the segment's .log before this batch (index end positions start from it). */
  positionBase: number;
  /** 128 random bits (two u64) from which ids for messages sent with id 0 are derived as UUID v4. */
  idSeedLo: bigint;
  idSeedHi: bigint;
}

/** A bounded set of 128-bit message ids with expiry (deduplication, per partition). */
export interface DedupSet {
  /**
   * For each of the `count` messages in `messages` (back to back, lengths from
   * their headers): flags[i] = 1 if its id was seen within the expiry window
   * (or earlier in this same batch), else 0 and the id is inserted with
   * expiry `nowUs + expiryUs`. Messages with id 0 are never duplicates.
   * Evicts the oldest entries beyond `maxEntries`. Returns the number of duplicates.
   */
  checkBatch(messages: Uint8Array, count: number, nowUs: bigint, flags: Uint8Array): number;
  readonly size: number;
  /** Releases the set's memory; the set must not be used afterwards. */
  dispose(): void;
}

export interface Core {
  readonly kind: 'wasm' | 'ts';

  /**
   * `sizeBytes` of memory the core works on in place, held for the life of
   * the core (never released): batches that lie in it are validated and
   * stamped without being copied. null when the core has no such memory
   * (the TS twin works on any memory in place anyway).
   */
  hostMemory(sizeBytes: number): Uint8Array | null;

  /** XXH3-64, seed 0, default secret. */
  xxh3_64(bytes: Uint8Array): bigint;

  /** XXH32 (seed default 0): partition-by-key and consumer-name ids. Returns an unsigned u32. */
  xxh32(bytes: Uint8Array, seed?: number): number;

  /**
   * Walks a SendMessages batch: `indexes` is the client's 16·count index table,
   * `messages` the messages block. Returns 0 when valid, else the Iggy error code
   * of the first fault, per BINARY.md §4.4 (4009, 4033, 10011, 4036, 4022, 4017,
   * 4031, 4032; count above limits.messagesCountMax → 4009).
   */
  validateBatch(indexes: Uint8Array, messages: Uint8Array, count: number, limits: BatchLimits): number;

  /**
   * Stamps a validated batch in place: offset = baseOffset + i, timestamp, id
   * for id 0 (UUID v4 from the seed), checksum XXH3-64 over header bytes 8..end
   * (computed last). Writes one 16-byte segment index entry per message into
   * `indexOut` (relative offset, end position = positionBase + cumulative size,
   * timestamp). Returns the batch size in bytes.
   */
  stampBatch(messages: Uint8Array, count: number, params: StampParams, indexOut: Uint8Array): number;

  /** Position of the first segment index entry whose relative offset is >= `relativeOffset`, or -1. */
  searchIndexByOffset(index: Uint8Array, relativeOffset: number): number;

  /** Position of the first segment index entry whose timestamp is >= `timestampUs`, or -1. */
  searchIndexByTimestamp(index: Uint8Array, timestampUs: bigint): number;

  /**
   * Verifies stored messages read back from a segment: each message's checksum
   * and that offsets are contiguous from `firstOffset`. Returns 0 or the Iggy
   * error code (4027 InvalidMessageChecksum, 4100 InvalidOffset, 4036 size).
   */
  verifyStored(messages: Uint8Array, count: number, firstOffset: bigint): number;

  createDedupSet(maxEntries: number, expiryUs: bigint): DedupSet;
}

export type CoreMode = 'auto' | Core['kind'];
