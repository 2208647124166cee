// Batch walking in plain TypeScript: the TS twin of assembly/batch.ts.
// Layouts in src/protocol/layout.ts (BINARY.md §4, STORAGE.md §2.3). Browser-safe.
//
// u64 fields are handled as u32 halves so that walking a batch allocates
// nothing per message (a bigint per offset would).
import { assert } from '../assert.js';
import { ERROR_CODE } from '../errors/iggy_error.js';
import { INDEX_ENTRY_BYTES, IndexEntryOffset as X, MESSAGE_HEADER_BYTES, MessageHeaderOffset as H, messageSizeBytesAt } from '../protocol/layout.js';
import { U32_MAX, U64_MAX } from '../protocol/types.js';
import type { BatchLimits, StampParams } from './core.js';
import { mulHi32, xxh3High, xxh3Range } from './xxhash_ts.js';

const U32 = 0x1_0000_0000;

const viewOf = (bytes: Uint8Array): DataView => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** BINARY.md §4.4 validation, in the 0.8 server's per-message order (see core.ts). */
export function validateBatchTs(indexes: Uint8Array, messages: Uint8Array, count: number, limits: BatchLimits): number {
  if (count === 0 || count > limits.messagesCountMax) return ERROR_CODE.InvalidMessagesCount;
  assert(indexes.length === count * INDEX_ENTRY_BYTES, `index table of ${indexes.length} B for ${count} messages`);
  const idx = viewOf(indexes);
  const msg = viewOf(messages);
  const blockBytes = messages.length;
  const last = count - 1;
  let prevPosition = 0;
  let sizeSum = 0;
  for (let i = 0; i < count; i++) {
    const e = i * INDEX_ENTRY_BYTES;
    if (idx.getUint32(e + X.relativeOffset, true) !== 0) return ERROR_CODE.NonZeroOffset;
    if (idx.getUint32(e + X.timestamp, true) !== 0 || idx.getUint32(e + X.timestamp + 4, true) !== 0) return ERROR_CODE.NonZeroTimestamp;
    const position = idx.getUint32(e + X.endPosition, true);
    // Message i spans [end(i-1), end(i)); the last one always to the block end.
    const start = prevPosition;
    const end = i === last ? blockBytes : position;
    if (start > blockBytes || end > blockBytes || start > end || end - start < MESSAGE_HEADER_BYTES) {
      return ERROR_CODE.MissingIndex;
    }
    const userHeadersBytes = msg.getUint32(start + H.userHeadersLength, true);
    const payloadBytes = msg.getUint32(start + H.payloadLength, true);
    const size = MESSAGE_HEADER_BYTES + payloadBytes + userHeadersBytes;
    if (end - start < size) return ERROR_CODE.MissingIndex;
    if (payloadBytes > limits.messagePayloadBytesMax) return ERROR_CODE.TooBigMessagePayload;
    if (userHeadersBytes > limits.userHeadersBytesMax) return ERROR_CODE.TooBigUserHeaders;
    if (position < prevPosition) return ERROR_CODE.CannotReadIndexPosition;
    prevPosition = position;
    sizeSum += size;
  }
  if (sizeSum !== blockBytes) return ERROR_CODE.InvalidMessagesSize;
  return 0;
}

// splitmix64 over u32 halves: the id derivation shared with assembly/batch.ts.
// id(i) = (mix(seedLo + (i+1)·γ), mix(seedHi + (i+1)·γ)) with UUID v4
// version/variant bits set, where γ = 0x9E3779B97F4A7C15.
const GOLDEN_LO = 0x7f4a7c15;
const GOLDEN_HI = 0x9e3779b9;
let mixHi = 0;

/** (hi, lo) * (bHi, bLo) mod 2^64; returns lo, leaves hi in `mixHi`. */
function mul64(hi: number, lo: number, bHi: number, bLo: number): number {
  mixHi = (mulHi32(lo, bLo) + Math.imul(lo, bHi) + Math.imul(hi, bLo)) >>> 0;
  return Math.imul(lo, bLo) >>> 0;
}

/** splitmix64 finalizer of (hi, lo); returns lo, leaves hi in `mixHi`. */
function mix64(hi: number, lo: number): number {
  // z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
  lo = (lo ^ ((lo >>> 30) | (hi << 2))) >>> 0;
  hi = (hi ^ (hi >>> 30)) >>> 0;
  lo = mul64(hi, lo, 0xbf58476d, 0x1ce4e5b9);
  hi = mixHi;
  // z = (z ^ (z >> 27)) * 0x94D049BB133111EB
  lo = (lo ^ ((lo >>> 27) | (hi << 5))) >>> 0;
  hi = (hi ^ (hi >>> 27)) >>> 0;
  lo = mul64(hi, lo, 0x94d049bb, 0x133111eb);
  hi = mixHi;
  // z ^ (z >> 31)
  lo = (lo ^ ((lo >>> 31) | (hi << 1))) >>> 0;
  mixHi = (hi ^ (hi >>> 31)) >>> 0;
  return lo;
}

/** seed + k·γ mod 2^64, mixed; returns lo, leaves hi in `mixHi`. */
function deriveWord(seedHi: number, seedLo: number, k: number): number {
  const stepLo = mul64(0, k, GOLDEN_HI, GOLDEN_LO);
  const stepHi = mixHi;
  const sum = seedLo + stepLo;
  return mix64((seedHi + stepHi + (sum >= U32 ? 1 : 0)) >>> 0, sum >>> 0);
}

const lo32 = (v: bigint): number => Number(v & 0xffff_ffffn);
const hi32 = (v: bigint): number => Number((v >> 32n) & 0xffff_ffffn);

export function stampBatchTs(messages: Uint8Array, count: number, params: StampParams, indexOut: Uint8Array): number {
  assert(indexOut.length >= count * INDEX_ENTRY_BYTES, `index output of ${indexOut.length} B for ${count} messages`);
  const relativeBase = params.baseOffset - params.segmentStartOffset;
  assert(relativeBase >= 0n && relativeBase + BigInt(count) <= BigInt(U32_MAX), `relative offset ${relativeBase} out of u32`);
  assert(params.baseOffset >= 0n && params.baseOffset + BigInt(count) <= U64_MAX, 'offset out of u64');
  const msg = viewOf(messages);
  const out = viewOf(indexOut);
  const tsLo = lo32(params.timestampUs);
  const tsHi = hi32(params.timestampUs);
  const seedLoLo = lo32(params.idSeedLo);
  const seedLoHi = hi32(params.idSeedLo);
  const seedHiLo = lo32(params.idSeedHi);
  const seedHiHi = hi32(params.idSeedHi);
  let offLo = lo32(params.baseOffset);
  let offHi = hi32(params.baseOffset);
  const relBase = Number(relativeBase);
  let position = params.positionBase;
  let pos = 0;
  for (let i = 0; i < count; i++) {
    assert(pos + MESSAGE_HEADER_BYTES <= messages.length, 'stampBatch past the block: batch not validated');
    const size = messageSizeBytesAt(msg, pos);
    assert(pos + size <= messages.length, 'stampBatch message past the block: batch not validated');
    msg.setUint32(pos + H.offset, offLo, true);
    msg.setUint32(pos + H.offset + 4, offHi, true);
    msg.setUint32(pos + H.timestamp, tsLo, true);
    msg.setUint32(pos + H.timestamp + 4, tsHi, true);
    if (
      msg.getUint32(pos + H.id, true) === 0 &&
      msg.getUint32(pos + H.id + 4, true) === 0 &&
      msg.getUint32(pos + H.id + 8, true) === 0 &&
      msg.getUint32(pos + H.id + 12, true) === 0
    ) {
      // UUID v4 taken as a little-endian u128: byte 6 carries the version,
      // byte 8 the variant (Uuid::to_u128_le keeps the textual byte order).
      const aLo = deriveWord(seedLoHi, seedLoLo, i + 1);
      const aHi = mixHi;
      const bLo = deriveWord(seedHiHi, seedHiLo, i + 1);
      const bHi = mixHi;
      msg.setUint32(pos + H.id, aLo, true);
      msg.setUint32(pos + H.id + 4, ((aHi & 0xff0fffff) | 0x00400000) >>> 0, true);
      msg.setUint32(pos + H.id + 8, ((bLo & 0xffffff3f) | 0x80) >>> 0, true);
      msg.setUint32(pos + H.id + 12, bHi, true);
    }
    // The checksum covers everything after itself.
    msg.setUint32(pos + H.checksum, xxh3Range(messages, msg, pos + H.id, size - H.id), true);
    msg.setUint32(pos + H.checksum + 4, xxh3High(), true);
    position += size;
    assert(position <= U32_MAX, 'segment position out of u32');
    const e = i * INDEX_ENTRY_BYTES;
    out.setUint32(e + X.relativeOffset, relBase + i, true);
    out.setUint32(e + X.endPosition, position, true);
    out.setUint32(e + X.timestamp, tsLo, true);
    out.setUint32(e + X.timestamp + 4, tsHi, true);
    pos += size;
    offLo = offLo + 1;
    if (offLo === U32) {
      offLo = 0;
      offHi = offHi + 1;
    }
  }
  return pos;
}

export function searchIndexByOffsetTs(index: Uint8Array, relativeOffset: number): number {
  const dv = viewOf(index);
  let lo = 0;
  let hi = Math.floor(index.length / INDEX_ENTRY_BYTES);
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (dv.getUint32(mid * INDEX_ENTRY_BYTES + X.relativeOffset, true) < relativeOffset) lo = mid + 1;
    else hi = mid;
  }
  return lo < Math.floor(index.length / INDEX_ENTRY_BYTES) ? lo : -1;
}

export function searchIndexByTimestampTs(index: Uint8Array, timestampUs: bigint): number {
  const dv = viewOf(index);
  const entries = Math.floor(index.length / INDEX_ENTRY_BYTES);
  if (timestampUs > U64_MAX) return -1;
  if (timestampUs <= 0n) return entries > 0 ? 0 : -1;
  const targetHi = hi32(timestampUs);
  const targetLo = lo32(timestampUs);
  let lo = 0;
  let hi = entries;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const e = mid * INDEX_ENTRY_BYTES;
    const tHi = dv.getUint32(e + X.timestamp + 4, true);
    const below = tHi < targetHi || (tHi === targetHi && dv.getUint32(e + X.timestamp, true) < targetLo);
    if (below) lo = mid + 1;
    else hi = mid;
  }
  return lo < entries ? lo : -1;
}

export function verifyStoredTs(messages: Uint8Array, count: number, firstOffset: bigint): number {
  const msg = viewOf(messages);
  let expectLo = lo32(firstOffset);
  let expectHi = hi32(firstOffset);
  let pos = 0;
  for (let i = 0; i < count; i++) {
    if (pos + MESSAGE_HEADER_BYTES > messages.length) return ERROR_CODE.InvalidMessagesSize;
    const size = messageSizeBytesAt(msg, pos);
    if (pos + size > messages.length) return ERROR_CODE.InvalidMessagesSize;
    // Offset before checksum, as the 0.8 server checks on read.
    if (msg.getUint32(pos + H.offset, true) !== expectLo || msg.getUint32(pos + H.offset + 4, true) !== expectHi) {
      return ERROR_CODE.InvalidOffset;
    }
    const checksumLo = xxh3Range(messages, msg, pos + H.id, size - H.id);
    if (msg.getUint32(pos + H.checksum, true) !== checksumLo || msg.getUint32(pos + H.checksum + 4, true) !== xxh3High()) {
      return ERROR_CODE.InvalidMessageChecksum;
    }
    pos += size;
    expectLo = expectLo + 1;
    if (expectLo === U32) {
      expectLo = 0;
      expectHi = (expectHi + 1) >>> 0;
    }
  }
  if (pos !== messages.length) return ERROR_CODE.InvalidMessagesSize;
  return 0;
}
