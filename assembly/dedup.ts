// Message-id dedup set in linear memory. Twin: src/core/dedup_ts.ts (same
// semantics: FIFO ring in insertion order + linear-probing table of ring
// slots with backward-shift deletion; expiry from the head; the head is
// evicted when full; an expired entry found mid-ring is refreshed).
//
// One block per set, allocated by the host:
//   state (32 B) = max_entries u32 @0 | size u32 @4 | head u32 @8 | mask u32 @12
//                  | expiry_us u64 @16 | reserved u64 @24
//   table        = (mask + 1) × u32 ring slot + 1 (0 = empty)
//   ring         = max_entries × 32 B: id lo u64 @0 | id hi u64 @8 | expiry u64 @16 | pad
import { WALK_FAULT } from './batch';

const STATE_BYTES: usize = 32;
const ENTRY_BYTES: usize = 32;

export function dedupStateBytes(): u32 {
  return <u32>STATE_BYTES;
}

export function dedupInit(state: usize, maxEntries: u32, tableSlots: u32, expiryUs: u64): void {
  store<u32>(state, maxEntries, 0);
  store<u32>(state, 0, 4);
  store<u32>(state, 0, 8);
  store<u32>(state, tableSlots - 1, 12);
  store<u64>(state, expiryUs, 16);
  store<u64>(state, 0, 24);
  memory.fill(state + STATE_BYTES, 0, <usize>tableSlots << 2);
}

export function dedupSize(state: usize): u32 {
  return load<u32>(state, 4);
}

// @ts-ignore: decorator
@inline function hashId(lo: u64, hi: u64): u32 {
  const w0 = <u32>lo;
  const w1 = <u32>(lo >> 32);
  const w2 = <u32>hi;
  const w3 = <u32>(hi >> 32);
  let h = (w0 * 0x9e3779b1) ^ (w1 * 0x85ebca77) ^ (w2 * 0xc2b2ae3d) ^ (w3 * 0x27d4eb2f);
  h ^= h >> 15;
  h *= 0x85ebca77;
  h ^= h >> 13;
  return h;
}

// @ts-ignore: decorator
@inline function tableOf(state: usize): usize {
  return state + STATE_BYTES;
}

// @ts-ignore: decorator
@inline function ringOf(state: usize): usize {
  return state + STATE_BYTES + ((<usize>load<u32>(state, 12) + 1) << 2);
}

function evictHead(state: usize): void {
  const table = tableOf(state);
  const ring = ringOf(state);
  const mask = load<u32>(state, 12);
  const capacity = load<u32>(state, 0);
  const head = load<u32>(state, 8);
  const entry = ring + <usize>head * ENTRY_BYTES;
  let i = hashId(load<u64>(entry), load<u64>(entry, 8)) & mask;
  while (load<u32>(table + (<usize>i << 2)) != head + 1) i = (i + 1) & mask;
  // Backward-shift deletion keeps every probe chain unbroken without tombstones.
  let j = i;
  while (true) {
    j = (j + 1) & mask;
    const v = load<u32>(table + (<usize>j << 2));
    if (v == 0) break;
    const q = ring + <usize>(v - 1) * ENTRY_BYTES;
    const home = hashId(load<u64>(q), load<u64>(q, 8)) & mask;
    const stays = i <= j ? i < home && home <= j : i < home || home <= j;
    if (stays) continue;
    store<u32>(table + (<usize>i << 2), v);
    i = j;
  }
  store<u32>(table + (<usize>i << 2), 0);
  store<u32>(state, head + 1 == capacity ? 0 : head + 1, 8);
  store<u32>(state, load<u32>(state, 4) - 1, 4);
}

/** Flags duplicates (1) among `count` messages; returns their number, or WALK_FAULT. */
export function dedupCheck(state: usize, messagesPtr: usize, messagesLen: u32, count: u32, nowUs: u64, flagsPtr: usize): u32 {
  const table = tableOf(state);
  const ring = ringOf(state);
  const mask = load<u32>(state, 12);
  const capacity = load<u32>(state, 0);
  const expiryUs = load<u64>(state, 16);
  let expiry = nowUs + expiryUs;
  if (expiry < nowUs) expiry = 0xffffffffffffffff;

  while (load<u32>(state, 4) > 0 && load<u64>(ring + <usize>load<u32>(state, 8) * ENTRY_BYTES, 16) <= nowUs) {
    evictHead(state);
  }

  const blockEnd = <u64>messagesPtr + <u64>messagesLen;
  let m: u64 = <u64>messagesPtr;
  let duplicates: u32 = 0;
  for (let i: u32 = 0; i < count; i++) {
    if (m + 64 > blockEnd) return WALK_FAULT;
    const header = <usize>m;
    const lo = load<u64>(header, 8);
    const hi = load<u64>(header, 16);
    m += 64 + <u64>load<u32>(header, 48) + <u64>load<u32>(header, 52);
    store<u8>(flagsPtr + <usize>i, 0);
    if ((lo | hi) == 0) continue;
    const home = hashId(lo, hi) & mask;
    let s = home;
    let found: i32 = -1;
    let v = load<u32>(table + (<usize>s << 2));
    while (v != 0) {
      const q = ring + <usize>(v - 1) * ENTRY_BYTES;
      if (load<u64>(q) == lo && load<u64>(q, 8) == hi) {
        found = <i32>(v - 1);
        break;
      }
      s = (s + 1) & mask;
      v = load<u32>(table + (<usize>s << 2));
    }
    if (found >= 0) {
      const q = ring + <usize>found * ENTRY_BYTES;
      if (load<u64>(q, 16) > nowUs) {
        store<u8>(flagsPtr + <usize>i, 1);
        duplicates++;
      } else {
        store<u64>(q, expiry, 16);
      }
      continue;
    }
    if (load<u32>(state, 4) == capacity) evictHead(state);
    s = home;
    while (load<u32>(table + (<usize>s << 2)) != 0) s = (s + 1) & mask;
    const size = load<u32>(state, 4);
    let slot = load<u32>(state, 8) + size;
    if (slot >= capacity) slot -= capacity;
    const q = ring + <usize>slot * ENTRY_BYTES;
    store<u64>(q, lo);
    store<u64>(q, hi, 8);
    store<u64>(q, expiry, 16);
    store<u32>(table + (<usize>s << 2), slot + 1);
    store<u32>(state, size + 1, 4);
  }
  return duplicates;
}
