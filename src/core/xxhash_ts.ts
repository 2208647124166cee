// XXH3-64 (seed 0, default secret) in plain TypeScript: the TS twin of
// assembly/xxh3.ts (XXH32's twin is xxh32_ts.ts). Browser-safe.
//
// JS has no u64 arithmetic short of bigint, and bigint allocates on every
// operation. Every u64 here is therefore a pair of u32 halves (hi, lo):
// functions return the low half and leave the high half in `rHi`, and
// 32×32→64 products come from Math.imul plus 16-bit partial products
// (mulHi32). Only the public xxh3_64() builds one bigint, at the end.

import { PRIME32_1 } from './xxh32_ts.js';

// u64 constants as (hi, lo)
const PRIME64_1_HI = 0x9e3779b1;
const PRIME64_1_LO = 0x85ebca87;
const PRIME64_2_HI = 0xc2b2ae3d;
const PRIME64_2_LO = 0x27d4eb4f;
const PRIME64_3_HI = 0x165667b1;
const PRIME64_3_LO = 0x9e3779f9;
const PRIME_MX1_HI = 0x16566791;
const PRIME_MX1_LO = 0x9e3779f9;
const PRIME_MX2_HI = 0x9fb21c65;
const PRIME_MX2_LO = 0x1e98df25;
const U32 = 4294967296;

/** The 192-byte default secret of XXH3 (xxhash.h `XXH3_kSecret`). */
export const XXH3_SECRET = Uint8Array.of(
  0xb8, 0xfe, 0x6c, 0x39, 0x23, 0xa4, 0x4b, 0xbe, 0x7c, 0x01, 0x81, 0x2c, 0xf7, 0x21, 0xad, 0x1c,
  0xde, 0xd4, 0x6d, 0xe9, 0x83, 0x90, 0x97, 0xdb, 0x72, 0x40, 0xa4, 0xa4, 0xb7, 0xb3, 0x67, 0x1f,
  0xcb, 0x79, 0xe6, 0x4e, 0xcc, 0xc0, 0xe5, 0x78, 0x82, 0x5a, 0xd0, 0x7d, 0xcc, 0xff, 0x72, 0x21,
  0xb8, 0x08, 0x46, 0x74, 0xf7, 0x43, 0x24, 0x8e, 0xe0, 0x35, 0x90, 0xe6, 0x81, 0x3a, 0x26, 0x4c,
  0x3c, 0x28, 0x52, 0xbb, 0x91, 0xc3, 0x00, 0xcb, 0x88, 0xd0, 0x65, 0x8b, 0x1b, 0x53, 0x2e, 0xa3,
  0x71, 0x64, 0x48, 0x97, 0xa2, 0x0d, 0xf9, 0x4e, 0x38, 0x19, 0xef, 0x46, 0xa9, 0xde, 0xac, 0xd8,
  0xa8, 0xfa, 0x76, 0x3f, 0xe3, 0x9c, 0x34, 0x3f, 0xf9, 0xdc, 0xbb, 0xc7, 0xc7, 0x0b, 0x4f, 0x1d,
  0x8a, 0x51, 0xe0, 0x4b, 0xcd, 0xb4, 0x59, 0x31, 0xc8, 0x9f, 0x7e, 0xc9, 0xd9, 0x78, 0x73, 0x64,
  0xea, 0xc5, 0xac, 0x83, 0x34, 0xd3, 0xeb, 0xc3, 0xc5, 0x81, 0xa0, 0xff, 0xfa, 0x13, 0x63, 0xeb,
  0x17, 0x0d, 0xdd, 0x51, 0xb7, 0xf0, 0xda, 0x49, 0xd3, 0x16, 0x55, 0x26, 0x29, 0xd4, 0x68, 0x9e,
  0x2b, 0x16, 0xbe, 0x58, 0x7d, 0x47, 0xa1, 0xfc, 0x8f, 0xf8, 0xb8, 0xd1, 0x7a, 0xd0, 0x31, 0xce,
  0x45, 0xcb, 0x3a, 0x8f, 0x95, 0x16, 0x04, 0x28, 0xaf, 0xd7, 0xfb, 0xca, 0xbb, 0x4b, 0x40, 0x7e,
);
const SECRET_SIZE = 192;
const SECRET_DV = new DataView(XXH3_SECRET.buffer);

// The secret read as u32 halves at every byte offset, once, so the hot
// loops index arrays instead of decoding bytes.
const SECRET_LO = new Uint32Array(SECRET_SIZE);
const SECRET_HI = new Uint32Array(SECRET_SIZE);
for (let i = 0; i + 8 <= SECRET_SIZE; i++) {
  SECRET_LO[i] = SECRET_DV.getUint32(i, true);
  SECRET_HI[i] = SECRET_DV.getUint32(i + 4, true);
}
const sLo = (offset: number): number => SECRET_LO[offset] as number;
const sHi = (offset: number): number => SECRET_HI[offset] as number;

/** High half of the last u64 result (see the file comment). */
let rHi = 0;

/** High 32 bits of the 64-bit product of two u32 (Hacker's Delight mulhu). */
export function mulHi32(a: number, b: number): number {
  const a0 = a & 0xffff;
  const a1 = a >>> 16;
  const b0 = b & 0xffff;
  const b1 = b >>> 16;
  const t = a1 * b0 + ((a0 * b0) >>> 16);
  const w1 = (t & 0xffff) + a0 * b1;
  return (a1 * b1 + (t >>> 16) + (w1 >>> 16)) >>> 0;
}

/** (aHi, aLo) · (bHi, bLo) mod 2^64. */
function mul64(aHi: number, aLo: number, bHi: number, bLo: number): number {
  rHi = (mulHi32(aLo, bLo) + Math.imul(aLo, bHi) + Math.imul(aHi, bLo)) >>> 0;
  return Math.imul(aLo, bLo) >>> 0;
}

/** Low 64 bits xor high 64 bits of the 128-bit product (XXH3_mul128_fold64). */
function mul128Fold64(aHi: number, aLo: number, bHi: number, bLo: number): number {
  const p0Hi = mulHi32(aLo, bLo);
  const p1Lo = Math.imul(aLo, bHi) >>> 0;
  const p1Hi = mulHi32(aLo, bHi);
  const p2Lo = Math.imul(aHi, bLo) >>> 0;
  const p2Hi = mulHi32(aHi, bLo);
  const p3Lo = Math.imul(aHi, bHi) >>> 0;
  const p3Hi = mulHi32(aHi, bHi);
  // 128-bit product words w0..w3; sums stay below 2^53, so doubles are exact.
  const s1 = p0Hi + p1Lo + p2Lo;
  const s2 = p1Hi + p2Hi + p3Lo + Math.floor(s1 / U32);
  const w3 = p3Hi + Math.floor(s2 / U32);
  rHi = ((s1 >>> 0) ^ (w3 >>> 0)) >>> 0;
  return ((Math.imul(aLo, bLo) >>> 0) ^ (s2 >>> 0)) >>> 0;
}

function xxh64Avalanche(hi: number, lo: number): number {
  lo = (lo ^ (hi >>> 1)) >>> 0; // h ^= h >> 33
  lo = mul64(hi, lo, PRIME64_2_HI, PRIME64_2_LO);
  hi = rHi;
  lo = (lo ^ ((lo >>> 29) | (hi << 3))) >>> 0; // h ^= h >> 29
  hi = (hi ^ (hi >>> 29)) >>> 0;
  lo = mul64(hi, lo, PRIME64_3_HI, PRIME64_3_LO);
  hi = rHi;
  return (lo ^ hi) >>> 0; // h ^= h >> 32 (rHi already holds hi)
}

function xxh3Avalanche(hi: number, lo: number): number {
  lo = (lo ^ (hi >>> 5)) >>> 0; // h ^= h >> 37
  lo = mul64(hi, lo, PRIME_MX1_HI, PRIME_MX1_LO);
  return (lo ^ rHi) >>> 0; // h ^= h >> 32
}

function rrmxmx(hi: number, lo: number, len: number): number {
  // h ^= rotl(h, 49) ^ rotl(h, 24)
  const r49Hi = (lo << 17) | (hi >>> 15);
  const r49Lo = (hi << 17) | (lo >>> 15);
  const r24Hi = (hi << 24) | (lo >>> 8);
  const r24Lo = (lo << 24) | (hi >>> 8);
  hi = (hi ^ r49Hi ^ r24Hi) >>> 0;
  lo = (lo ^ r49Lo ^ r24Lo) >>> 0;
  lo = mul64(hi, lo, PRIME_MX2_HI, PRIME_MX2_LO);
  hi = rHi;
  lo = (lo ^ ((hi >>> 3) + len)) >>> 0; // h ^= (h >> 35) + len; no carry for len <= 8
  lo = mul64(hi, lo, PRIME_MX2_HI, PRIME_MX2_LO);
  hi = rHi;
  lo = (lo ^ ((lo >>> 28) | (hi << 4))) >>> 0; // h ^= h >> 28
  rHi = (hi ^ (hi >>> 28)) >>> 0;
  return lo;
}

const bswap32 = (x: number): number => ((x >>> 24) | ((x >>> 8) & 0xff00) | ((x & 0xff00) << 8) | (x << 24)) >>> 0;

function mix16B(dv: DataView, p: number, secretOffset: number): number {
  return mul128Fold64(
    dv.getUint32(p + 4, true) ^ sHi(secretOffset),
    dv.getUint32(p, true) ^ sLo(secretOffset),
    dv.getUint32(p + 12, true) ^ sHi(secretOffset + 8),
    dv.getUint32(p + 8, true) ^ sLo(secretOffset + 8),
  );
}

// Accumulator of the mid-size paths, as halves; add64 adds rHi:lo to it.
let accHi = 0;
let accLo = 0;
function add64(lo: number): void {
  const sum = accLo + lo;
  accLo = sum >>> 0;
  accHi = (accHi + rHi + (sum >= U32 ? 1 : 0)) >>> 0;
}

const BITFLIP1_LO = (sLo(24) ^ sLo(32)) >>> 0;
const BITFLIP1_HI = (sHi(24) ^ sHi(32)) >>> 0;
const BITFLIP2_LO = (sLo(40) ^ sLo(48)) >>> 0;
const BITFLIP2_HI = (sHi(40) ^ sHi(48)) >>> 0;
const BITFLIP3_LO = (sLo(8) ^ sLo(16)) >>> 0;
const BITFLIP3_HI = (sHi(8) ^ sHi(16)) >>> 0;

function hashShort(u8: Uint8Array, dv: DataView, p: number, len: number): number {
  if (len > 8) {
    const inLoLo = (dv.getUint32(p, true) ^ BITFLIP1_LO) >>> 0;
    const inLoHi = (dv.getUint32(p + 4, true) ^ BITFLIP1_HI) >>> 0;
    const inHiLo = (dv.getUint32(p + len - 8, true) ^ BITFLIP2_LO) >>> 0;
    const inHiHi = (dv.getUint32(p + len - 4, true) ^ BITFLIP2_HI) >>> 0;
    // acc = len + bswap64(inputLo) + inputHi + mul128_fold64(inputLo, inputHi)
    accLo = len;
    accHi = 0;
    rHi = bswap32(inLoLo);
    add64(bswap32(inLoHi));
    rHi = inHiHi;
    add64(inHiLo);
    add64(mul128Fold64(inLoHi, inLoLo, inHiHi, inHiLo));
    return xxh3Avalanche(accHi, accLo);
  }
  if (len >= 4) {
    const input1 = dv.getUint32(p, true);
    const input2 = dv.getUint32(p + len - 4, true);
    return rrmxmx((input1 ^ BITFLIP3_HI) >>> 0, (input2 ^ BITFLIP3_LO) >>> 0, len);
  }
  if (len > 0) {
    const c1 = u8[p] as number;
    const c2 = u8[p + (len >> 1)] as number;
    const c3 = u8[p + len - 1] as number;
    const combined = (c1 << 16) | (c2 << 24) | c3 | (len << 8);
    return xxh64Avalanche(0, (combined ^ SECRET_DV.getUint32(0, true) ^ SECRET_DV.getUint32(4, true)) >>> 0);
  }
  return xxh64Avalanche((sHi(56) ^ sHi(64)) >>> 0, (sLo(56) ^ sLo(64)) >>> 0);
}

function hashMid(dv: DataView, p: number, len: number): number {
  accLo = mul64(0, len, PRIME64_1_HI, PRIME64_1_LO);
  accHi = rHi;
  if (len > 32) {
    if (len > 64) {
      if (len > 96) {
        add64(mix16B(dv, p + 48, 96));
        add64(mix16B(dv, p + len - 64, 112));
      }
      add64(mix16B(dv, p + 32, 64));
      add64(mix16B(dv, p + len - 48, 80));
    }
    add64(mix16B(dv, p + 16, 32));
    add64(mix16B(dv, p + len - 32, 48));
  }
  add64(mix16B(dv, p, 0));
  add64(mix16B(dv, p + len - 16, 16));
  return xxh3Avalanche(accHi, accLo);
}

function hash129to240(dv: DataView, p: number, len: number): number {
  accLo = mul64(0, len, PRIME64_1_HI, PRIME64_1_LO);
  accHi = rHi;
  const rounds = len >>> 4;
  for (let i = 0; i < 8; i++) add64(mix16B(dv, p + 16 * i, 16 * i));
  accLo = xxh3Avalanche(accHi, accLo);
  accHi = rHi;
  for (let i = 8; i < rounds; i++) add64(mix16B(dv, p + 16 * i, 16 * (i - 8) + 3));
  add64(mix16B(dv, p + len - 16, 136 - 17));
  return xxh3Avalanche(accHi, accLo);
}

// Long-input accumulators as u32 halves; module-level so no hash allocates them.
const ACC_LO = new Uint32Array(8);
const ACC_HI = new Uint32Array(8);
const ACC_INIT_LO = Uint32Array.of(0xc2b2ae3d, 0x85ebca87, 0x27d4eb4f, 0x9e3779f9, 0xc2b2ae63, 0x85ebca77, 0x165667c5, 0x9e3779b1);
const ACC_INIT_HI = Uint32Array.of(0, 0x9e3779b1, 0xc2b2ae3d, 0x165667b1, 0x85ebca77, 0, 0x27d4eb2f, 0);

/**
 * Accumulates `stripes` 64-byte stripes from `p` (secret advancing 8 bytes a
 * stripe from `secretOffset`), then one more at `lastP` with `lastSecret`
 * if `lastP` >= 0. The eight u64 accumulators live in 16 locals meanwhile:
 * typed-array traffic per lane would double the cost.
 */
function accumulate(dv: DataView, p: number, secretOffset: number, stripes: number, lastP: number, lastSecret: number): void {
  let l0 = ACC_LO[0] as number;
  let h0 = ACC_HI[0] as number;
  let l1 = ACC_LO[1] as number;
  let h1 = ACC_HI[1] as number;
  let l2 = ACC_LO[2] as number;
  let h2 = ACC_HI[2] as number;
  let l3 = ACC_LO[3] as number;
  let h3 = ACC_HI[3] as number;
  let l4 = ACC_LO[4] as number;
  let h4 = ACC_HI[4] as number;
  let l5 = ACC_LO[5] as number;
  let h5 = ACC_HI[5] as number;
  let l6 = ACC_LO[6] as number;
  let h6 = ACC_HI[6] as number;
  let l7 = ACC_LO[7] as number;
  let h7 = ACC_HI[7] as number;
  let dLo: number;
  let dHi: number;
  let kLo: number;
  let kHi: number;
  let t: number;
  const total = lastP >= 0 ? stripes + 1 : stripes;
  for (let s = 0; s < total; s++) {
    const last = s === stripes;
    const q = last ? lastP : p + s * 64;
    const k = last ? lastSecret : secretOffset + s * 8;
      dLo = dv.getUint32(q + 0, true);
      dHi = dv.getUint32(q + 4, true);
      kLo = dLo ^ (SECRET_LO[k + 0] as number);
      kHi = dHi ^ (SECRET_HI[k + 0] as number);
      t = l1 + dLo;
      l1 = t >>> 0;
      h1 = (h1 + dHi + (t > 0xffffffff ? 1 : 0)) | 0;
      t = l0 + (Math.imul(kLo, kHi) >>> 0);
      l0 = t >>> 0;
      h0 = (h0 + mulHi32(kLo, kHi) + (t > 0xffffffff ? 1 : 0)) | 0;
      dLo = dv.getUint32(q + 8, true);
      dHi = dv.getUint32(q + 12, true);
      kLo = dLo ^ (SECRET_LO[k + 8] as number);
      kHi = dHi ^ (SECRET_HI[k + 8] as number);
      t = l0 + dLo;
      l0 = t >>> 0;
      h0 = (h0 + dHi + (t > 0xffffffff ? 1 : 0)) | 0;
      t = l1 + (Math.imul(kLo, kHi) >>> 0);
      l1 = t >>> 0;
      h1 = (h1 + mulHi32(kLo, kHi) + (t > 0xffffffff ? 1 : 0)) | 0;
      dLo = dv.getUint32(q + 16, true);
      dHi = dv.getUint32(q + 20, true);
      kLo = dLo ^ (SECRET_LO[k + 16] as number);
      kHi = dHi ^ (SECRET_HI[k + 16] as number);
      t = l3 + dLo;
      l3 = t >>> 0;
      h3 = (h3 + dHi + (t > 0xffffffff ? 1 : 0)) | 0;
      t = l2 + (Math.imul(kLo, kHi) >>> 0);
      l2 = t >>> 0;
      h2 = (h2 + mulHi32(kLo, kHi) + (t > 0xffffffff ? 1 : 0)) | 0;
      dLo = dv.getUint32(q + 24, true);
      dHi = dv.getUint32(q + 28, true);
      kLo = dLo ^ (SECRET_LO[k + 24] as number);
      kHi = dHi ^ (SECRET_HI[k + 24] as number);
      t = l2 + dLo;
      l2 = t >>> 0;
      h2 = (h2 + dHi + (t > 0xffffffff ? 1 : 0)) | 0;
      t = l3 + (Math.imul(kLo, kHi) >>> 0);
      l3 = t >>> 0;
      h3 = (h3 + mulHi32(kLo, kHi) + (t > 0xffffffff ? 1 : 0)) | 0;
      dLo = dv.getUint32(q + 32, true);
      dHi = dv.getUint32(q + 36, true);
      kLo = dLo ^ (SECRET_LO[k + 32] as number);
      kHi = dHi ^ (SECRET_HI[k + 32] as number);
      t = l5 + dLo;
      l5 = t >>> 0;
      h5 = (h5 + dHi + (t > 0xffffffff ? 1 : 0)) | 0;
      t = l4 + (Math.imul(kLo, kHi) >>> 0);
      l4 = t >>> 0;
      h4 = (h4 + mulHi32(kLo, kHi) + (t > 0xffffffff ? 1 : 0)) | 0;
      dLo = dv.getUint32(q + 40, true);
      dHi = dv.getUint32(q + 44, true);
      kLo = dLo ^ (SECRET_LO[k + 40] as number);
      kHi = dHi ^ (SECRET_HI[k + 40] as number);
      t = l4 + dLo;
      l4 = t >>> 0;
      h4 = (h4 + dHi + (t > 0xffffffff ? 1 : 0)) | 0;
      t = l5 + (Math.imul(kLo, kHi) >>> 0);
      l5 = t >>> 0;
      h5 = (h5 + mulHi32(kLo, kHi) + (t > 0xffffffff ? 1 : 0)) | 0;
      dLo = dv.getUint32(q + 48, true);
      dHi = dv.getUint32(q + 52, true);
      kLo = dLo ^ (SECRET_LO[k + 48] as number);
      kHi = dHi ^ (SECRET_HI[k + 48] as number);
      t = l7 + dLo;
      l7 = t >>> 0;
      h7 = (h7 + dHi + (t > 0xffffffff ? 1 : 0)) | 0;
      t = l6 + (Math.imul(kLo, kHi) >>> 0);
      l6 = t >>> 0;
      h6 = (h6 + mulHi32(kLo, kHi) + (t > 0xffffffff ? 1 : 0)) | 0;
      dLo = dv.getUint32(q + 56, true);
      dHi = dv.getUint32(q + 60, true);
      kLo = dLo ^ (SECRET_LO[k + 56] as number);
      kHi = dHi ^ (SECRET_HI[k + 56] as number);
      t = l6 + dLo;
      l6 = t >>> 0;
      h6 = (h6 + dHi + (t > 0xffffffff ? 1 : 0)) | 0;
      t = l7 + (Math.imul(kLo, kHi) >>> 0);
      l7 = t >>> 0;
      h7 = (h7 + mulHi32(kLo, kHi) + (t > 0xffffffff ? 1 : 0)) | 0;
  }
  ACC_LO[0] = l0;
  ACC_HI[0] = h0;
  ACC_LO[1] = l1;
  ACC_HI[1] = h1;
  ACC_LO[2] = l2;
  ACC_HI[2] = h2;
  ACC_LO[3] = l3;
  ACC_HI[3] = h3;
  ACC_LO[4] = l4;
  ACC_HI[4] = h4;
  ACC_LO[5] = l5;
  ACC_HI[5] = h5;
  ACC_LO[6] = l6;
  ACC_HI[6] = h6;
  ACC_LO[7] = l7;
  ACC_HI[7] = h7;
}

function scrambleAcc(secretOffset: number): void {
  for (let i = 0; i < 8; i++) {
    const hi = (ACC_HI[i] as number) ^ (SECRET_HI[secretOffset + 8 * i] as number);
    // acc ^= acc >> 47 touches only the low half (hi >>> 15 < 2^17).
    const lo = ((ACC_LO[i] as number) ^ ((ACC_HI[i] as number) >>> 15) ^ (SECRET_LO[secretOffset + 8 * i] as number)) >>> 0;
    // acc *= PRIME32_1 (mod 2^64)
    ACC_LO[i] = Math.imul(lo, PRIME32_1);
    ACC_HI[i] = Math.imul(hi >>> 0, PRIME32_1) + mulHi32(lo, PRIME32_1);
  }
}

function hashLong(dv: DataView, p: number, len: number): number {
  ACC_LO.set(ACC_INIT_LO);
  ACC_HI.set(ACC_INIT_HI);
  const stripesPerBlock = (SECRET_SIZE - 64) / 8; // 16
  const blockLen = 64 * stripesPerBlock; // 1024
  const blocks = Math.floor((len - 1) / blockLen);
  for (let n = 0; n < blocks; n++) {
    accumulate(dv, p + n * blockLen, 0, stripesPerBlock, -1, 0);
    scrambleAcc(SECRET_SIZE - 64);
  }
  const stripes = Math.floor((len - 1 - blockLen * blocks) / 64);
  // The last partial block, then the last 64 bytes with the secret at 192 - 64 - 7.
  accumulate(dv, p + blocks * blockLen, 0, stripes, p + len - 64, SECRET_SIZE - 64 - 7);
  // mergeAccs(secret + 11, len * PRIME64_1)
  accLo = mul64(0, len, PRIME64_1_HI, PRIME64_1_LO);
  accHi = rHi;
  for (let i = 0; i < 4; i++) {
    const k = 11 + 16 * i;
    add64(
      mul128Fold64(
        ((ACC_HI[2 * i] as number) ^ sHi(k)) >>> 0,
        ((ACC_LO[2 * i] as number) ^ sLo(k)) >>> 0,
        ((ACC_HI[2 * i + 1] as number) ^ sHi(k + 8)) >>> 0,
        ((ACC_LO[2 * i + 1] as number) ^ sLo(k + 8)) >>> 0,
      ),
    );
  }
  return xxh3Avalanche(accHi, accLo);
}

/**
 * XXH3-64 of `len` bytes at `p` of a buffer (`dv` views the same bytes as
 * `u8`): returns the low half; the high half is then `xxh3High()`.
 */
export function xxh3Range(u8: Uint8Array, dv: DataView, p: number, len: number): number {
  if (len <= 16) return hashShort(u8, dv, p, len);
  if (len <= 128) return hashMid(dv, p, len);
  if (len <= 240) return hash129to240(dv, p, len);
  return hashLong(dv, p, len);
}

/** High half of the hash the last xxh3Range call returned. */
export const xxh3High = (): number => rHi;

export function xxh3_64(bytes: Uint8Array): bigint {
  const lo = xxh3Range(bytes, new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), 0, bytes.length);
  return (BigInt(rHi) << 32n) | BigInt(lo);
}
