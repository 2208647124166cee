// Message-id deduplication set in plain TypeScript: the TS twin of
// assembly/dedup.ts. Browser-safe.
//
// A FIFO ring of (id, expiry) entries in insertion order plus an open
// addressing table (linear probing, backward-shift deletion) of ring slots.
// Entries expire from the ring head; when full, the head (oldest) is evicted.
// Insertion order is expiry order as long as `nowUs` does not go backwards;
// if it does, an expired entry found mid-ring is refreshed in place.
import { assert } from '../assert.js';
import { MESSAGE_HEADER_BYTES, MessageHeaderOffset as H, messageSizeBytesAt } from '../protocol/layout.js';
import { U64_MAX } from '../protocol/types.js';
import type { DedupSet } from './core.js';

/** Entries per set: bounds the memory one partition's set can take. */
export const DEDUP_ENTRIES_MAX = 1 << 24;
const RING_WORDS = 6; // id w0..w3, expiry lo, expiry hi

export function dedupTableSlots(maxEntries: number): number {
  let slots = 8;
  while (slots < maxEntries * 2) slots *= 2;
  return slots;
}

/** Table home slot of an id (its four u32 words). Shared with assembly/dedup.ts. */
export function dedupHash(w0: number, w1: number, w2: number, w3: number): number {
  let h = Math.imul(w0, 0x9e3779b1) ^ Math.imul(w1, 0x85ebca77) ^ Math.imul(w2, 0xc2b2ae3d) ^ Math.imul(w3, 0x27d4eb2f);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca77);
  h ^= h >>> 13;
  return h >>> 0;
}

export class DedupSetTs implements DedupSet {
  readonly #capacity: number;
  readonly #expiryUs: bigint;
  readonly #mask: number;
  #ring: Uint32Array;
  #table: Uint32Array;
  #head = 0;
  #size = 0;
  #disposed = false;

  constructor(maxEntries: number, expiryUs: bigint) {
    assert(Number.isInteger(maxEntries) && maxEntries >= 1 && maxEntries <= DEDUP_ENTRIES_MAX, `dedup maxEntries ${maxEntries}`);
    assert(expiryUs >= 0n && expiryUs <= U64_MAX, `dedup expiry ${expiryUs}`);
    this.#capacity = maxEntries;
    this.#expiryUs = expiryUs;
    const slots = dedupTableSlots(maxEntries);
    this.#mask = slots - 1;
    this.#ring = new Uint32Array(maxEntries * RING_WORDS);
    this.#table = new Uint32Array(slots);
  }

  get size(): number {
    return this.#size;
  }

  dispose(): void {
    this.#disposed = true;
    this.#ring = new Uint32Array(0);
    this.#table = new Uint32Array(0);
  }

  checkBatch(messages: Uint8Array, count: number, nowUs: bigint, flags: Uint8Array): number {
    assert(!this.#disposed, 'dedup set used after dispose');
    assert(flags.length >= count, `flags of ${flags.length} for ${count} messages`);
    assert(nowUs >= 0n && nowUs <= U64_MAX, `now ${nowUs}`);
    let expiry = nowUs + this.#expiryUs;
    if (expiry > U64_MAX) expiry = U64_MAX;
    const nowLo = Number(nowUs & 0xffff_ffffn);
    const nowHi = Number(nowUs >> 32n);
    const expLo = Number(expiry & 0xffff_ffffn);
    const expHi = Number(expiry >> 32n);
    const ring = this.#ring;
    const table = this.#table;
    const mask = this.#mask;

    while (this.#size > 0 && !this.#alive(this.#head, nowHi, nowLo)) this.#evictHead();

    const dv = new DataView(messages.buffer, messages.byteOffset, messages.byteLength);
    let duplicates = 0;
    let pos = 0;
    for (let i = 0; i < count; i++) {
      assert(pos + MESSAGE_HEADER_BYTES <= messages.length, 'dedup past the block');
      const w0 = dv.getUint32(pos + H.id, true);
      const w1 = dv.getUint32(pos + H.id + 4, true);
      const w2 = dv.getUint32(pos + H.id + 8, true);
      const w3 = dv.getUint32(pos + H.id + 12, true);
      pos += messageSizeBytesAt(dv, pos);
      flags[i] = 0;
      if ((w0 | w1 | w2 | w3) === 0) continue;
      let s = dedupHash(w0, w1, w2, w3) & mask;
      let found = -1;
      for (let v = table[s] as number; v !== 0; s = (s + 1) & mask, v = table[s] as number) {
        const r = (v - 1) * RING_WORDS;
        if (ring[r] === w0 && ring[r + 1] === w1 && ring[r + 2] === w2 && ring[r + 3] === w3) {
          found = v - 1;
          break;
        }
      }
      if (found >= 0) {
        if (this.#alive(found, nowHi, nowLo)) {
          flags[i] = 1;
          duplicates++;
        } else {
          ring[found * RING_WORDS + 4] = expLo;
          ring[found * RING_WORDS + 5] = expHi;
        }
        continue;
      }
      if (this.#size === this.#capacity) this.#evictHead();
      s = dedupHash(w0, w1, w2, w3) & mask;
      while (table[s] !== 0) s = (s + 1) & mask;
      const slot = (this.#head + this.#size) % this.#capacity;
      const r = slot * RING_WORDS;
      ring[r] = w0;
      ring[r + 1] = w1;
      ring[r + 2] = w2;
      ring[r + 3] = w3;
      ring[r + 4] = expLo;
      ring[r + 5] = expHi;
      table[s] = slot + 1;
      this.#size++;
    }
    return duplicates;
  }

  #alive(slot: number, nowHi: number, nowLo: number): boolean {
    const r = slot * RING_WORDS;
    const hi = this.#ring[r + 5] as number;
    return hi > nowHi || (hi === nowHi && (this.#ring[r + 4] as number) > nowLo);
  }

  #evictHead(): void {
    const ring = this.#ring;
    const table = this.#table;
    const mask = this.#mask;
    const slot = this.#head;
    const r = slot * RING_WORDS;
    let i = dedupHash(ring[r] as number, ring[r + 1] as number, ring[r + 2] as number, ring[r + 3] as number) & mask;
    while (table[i] !== slot + 1) {
      assert(table[i] !== 0, 'dedup ring entry missing from its table');
      i = (i + 1) & mask;
    }
    // Backward-shift deletion keeps every probe chain unbroken without tombstones.
    let j = i;
    for (;;) {
      j = (j + 1) & mask;
      const v = table[j] as number;
      if (v === 0) break;
      const q = (v - 1) * RING_WORDS;
      const home = dedupHash(ring[q] as number, ring[q + 1] as number, ring[q + 2] as number, ring[q + 3] as number) & mask;
      const stays = i <= j ? i < home && home <= j : i < home || home <= j;
      if (stays) continue;
      table[i] = v;
      i = j;
    }
    table[i] = 0;
    this.#head = (this.#head + 1) % this.#capacity;
    this.#size--;
  }
}
