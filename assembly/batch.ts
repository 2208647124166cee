// SendMessages batch walking over linear memory. Twin: src/core/batch_ts.ts.
// Layouts in src/core/core.ts (BINARY.md §4, STORAGE.md §2.3):
//   message = header(64) | payload(P) | user headers(H)
//   header  = checksum u64 @0 | id u128 @8 | offset u64 @24 | timestamp u64 @32
//             | origin_timestamp u64 @40 | user_headers_len u32 @48
//             | payload_len u32 @52 | reserved u64 @56
//   client index entry = u32 0 | u32 end position | u64 0
//   segment index entry = u32 relative offset | u32 end position | u64 timestamp
import { xxh3 } from './xxh3';

const HEADER_BYTES: u64 = 64;

// Iggy error codes (src/errors/codes.ts).
const INVALID_MESSAGES_COUNT: u32 = 4009;
const TOO_BIG_USER_HEADERS: u32 = 4017;
const TOO_BIG_MESSAGE_PAYLOAD: u32 = 4022;
const INVALID_MESSAGE_CHECKSUM: u32 = 4027;
const NON_ZERO_OFFSET: u32 = 4031;
const NON_ZERO_TIMESTAMP: u32 = 4032;
const MISSING_INDEX: u32 = 4033;
const INVALID_MESSAGES_SIZE: u32 = 4036;
const INVALID_OFFSET: u32 = 4100;
const CANNOT_READ_INDEX_POSITION: u32 = 10011;

/** Returned when a walk would leave the block: the caller skipped validation. */
export const WALK_FAULT: u32 = 0xffffffff;

/** 0 or the Iggy error code of the first fault, in the 0.8 server's per-message order. */
export function validateBatch(
  indexPtr: usize,
  messagesPtr: usize,
  messagesLen: u32,
  count: u32,
  countMax: u32,
  payloadBytesMax: u32,
  userHeadersBytesMax: u32,
): u32 {
  if (count == 0 || count > countMax) return INVALID_MESSAGES_COUNT;
  const blockBytes = <u64>messagesLen;
  const last = count - 1;
  let prevPosition: u64 = 0;
  let sizeSum: u64 = 0;
  for (let i: u32 = 0; i < count; i++) {
    const e = indexPtr + (<usize>i << 4);
    if (load<u32>(e) != 0) return NON_ZERO_OFFSET;
    if (load<u64>(e, 8) != 0) return NON_ZERO_TIMESTAMP;
    const position = <u64>load<u32>(e, 4);
    // Message i spans [end(i-1), end(i)); the last one always to the block end.
    const start = prevPosition;
    const end = i == last ? blockBytes : position;
    if (start > blockBytes || end > blockBytes || start > end || end - start < HEADER_BYTES) return MISSING_INDEX;
    const m = messagesPtr + <usize>start;
    const userHeadersBytes = load<u32>(m, 48);
    const payloadBytes = load<u32>(m, 52);
    const size = HEADER_BYTES + <u64>payloadBytes + <u64>userHeadersBytes;
    if (end - start < size) return MISSING_INDEX;
    if (payloadBytes > payloadBytesMax) return TOO_BIG_MESSAGE_PAYLOAD;
    if (userHeadersBytes > userHeadersBytesMax) return TOO_BIG_USER_HEADERS;
    if (position < prevPosition) return CANNOT_READ_INDEX_POSITION;
    prevPosition = position;
    sizeSum += size;
  }
  if (sizeSum != blockBytes) return INVALID_MESSAGES_SIZE;
  return 0;
}

const GOLDEN: u64 = 0x9e3779b97f4a7c15;

// @ts-ignore: decorator
@inline function mix64(z: u64): u64 {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
  z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
  return z ^ (z >> 31);
}

/**
 * Stamps a validated batch in place (see Core.stampBatch) and writes one
 * segment index entry per message at `indexOutPtr`. Returns the batch size
 * in bytes, or WALK_FAULT.
 */
export function stampBatch(
  messagesPtr: usize,
  messagesLen: u32,
  count: u32,
  baseOffset: u64,
  timestampUs: u64,
  relativeBase: u32,
  positionBase: u32,
  idSeedLo: u64,
  idSeedHi: u64,
  indexOutPtr: usize,
): u32 {
  const blockEnd = messagesPtr + <usize>messagesLen;
  let m = messagesPtr;
  let position = positionBase;
  for (let i: u32 = 0; i < count; i++) {
    if (m + 64 > blockEnd) return WALK_FAULT;
    const size64 = HEADER_BYTES + <u64>load<u32>(m, 52) + <u64>load<u32>(m, 48);
    if (<u64>m + size64 > <u64>blockEnd) return WALK_FAULT;
    const size = <usize>size64;
    store<u64>(m, baseOffset + <u64>i, 24);
    store<u64>(m, timestampUs, 32);
    if ((load<u64>(m, 8) | load<u64>(m, 16)) == 0) {
      // UUID v4 as a little-endian u128: byte 6 holds the version (4),
      // byte 8 the variant (10xx), as Uuid::to_u128_le keeps byte order.
      const k = <u64>i + 1;
      const lo = mix64(idSeedLo + k * GOLDEN);
      const hi = mix64(idSeedHi + k * GOLDEN);
      store<u64>(m, (lo & ~(<u64>0xf0 << 48)) | (<u64>0x40 << 48), 8);
      store<u64>(m, (hi & ~(<u64>0xc0)) | 0x80, 16);
    }
    store<u64>(m, xxh3(m + 8, size - 8));
    position += <u32>size;
    const e = indexOutPtr + (<usize>i << 4);
    store<u32>(e, relativeBase + i);
    store<u32>(e, position, 4);
    store<u64>(e, timestampUs, 8);
    m += size;
  }
  return <u32>(m - messagesPtr);
}

/** First entry whose relative offset is >= `relativeOffset`, or -1. */
export function searchIndexByOffset(indexPtr: usize, entries: u32, relativeOffset: u32): i32 {
  let lo: u32 = 0;
  let hi = entries;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (load<u32>(indexPtr + (<usize>mid << 4)) < relativeOffset) lo = mid + 1;
    else hi = mid;
  }
  return lo < entries ? <i32>lo : -1;
}

/** First entry whose timestamp is >= `timestampUs`, or -1. */
export function searchIndexByTimestamp(indexPtr: usize, entries: u32, timestampUs: u64): i32 {
  let lo: u32 = 0;
  let hi = entries;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (load<u64>(indexPtr + (<usize>mid << 4), 8) < timestampUs) lo = mid + 1;
    else hi = mid;
  }
  return lo < entries ? <i32>lo : -1;
}

/** Checks offsets (contiguous from `firstOffset`) then checksums of stored messages. */
export function verifyStored(messagesPtr: usize, messagesLen: u32, count: u32, firstOffset: u64): u32 {
  const blockEnd = messagesPtr + <usize>messagesLen;
  let m = messagesPtr;
  for (let i: u32 = 0; i < count; i++) {
    if (m + 64 > blockEnd) return INVALID_MESSAGES_SIZE;
    const size = 64 + <u64>load<u32>(m, 52) + <u64>load<u32>(m, 48);
    if (<u64>m + size > <u64>blockEnd) return INVALID_MESSAGES_SIZE;
    if (load<u64>(m, 24) != firstOffset + <u64>i) return INVALID_OFFSET;
    if (load<u64>(m) != xxh3(m + 8, <usize>size - 8)) return INVALID_MESSAGE_CHECKSUM;
    m += <usize>size;
  }
  if (m != blockEnd) return INVALID_MESSAGES_SIZE;
  return 0;
}
