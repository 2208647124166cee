// XXH3-64 (seed 0, default secret) over linear memory. Twin: src/core/xxhash_ts.ts.
// Follows xxhash.h 0.8: 0-16, 17-128, 129-240 and long inputs (1024-byte
// blocks of 16 stripes, accumulate, scramble, merge), the long loop in
// SIMD128 (enabled in asconfig.json; Node >= 16.4 and current browsers).

const PRIME32_1: u64 = 0x9e3779b1;
const PRIME32_2: u64 = 0x85ebca77;
const PRIME32_3: u64 = 0xc2b2ae3d;
const PRIME64_1: u64 = 0x9e3779b185ebca87;
const PRIME64_2: u64 = 0xc2b2ae3d27d4eb4f;
const PRIME64_3: u64 = 0x165667b19e3779f9;
const PRIME64_4: u64 = 0x85ebca77c2b2ae63;
const PRIME64_5: u64 = 0x27d4eb2f165667c5;
const PRIME_MX1: u64 = 0x165667919e3779f9;
const PRIME_MX2: u64 = 0x9fb21c651e98df25;
const M32: u64 = 0xffffffff;

/** xxhash.h XXH3_kSecret (192 bytes). */
export const SECRET: usize = memory.data<u8>([
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
]);

// @ts-ignore: decorator
@inline function secret64(offset: usize): u64 {
  return load<u64>(SECRET + offset);
}

/** Low 64 bits xor high 64 bits of the 128-bit product (portable 32-bit split). */
// @ts-ignore: decorator
@inline function mul128Fold64(a: u64, b: u64): u64 {
  const aLo = a & M32;
  const aHi = a >> 32;
  const bLo = b & M32;
  const bHi = b >> 32;
  const loLo = aLo * bLo;
  const hiLo = aHi * bLo;
  const loHi = aLo * bHi;
  const hiHi = aHi * bHi;
  const cross = (loLo >> 32) + (hiLo & M32) + loHi;
  const upper = (hiLo >> 32) + (cross >> 32) + hiHi;
  const lower = (cross << 32) | (loLo & M32);
  return lower ^ upper;
}

// @ts-ignore: decorator
@inline function xxh64Avalanche(h: u64): u64 {
  h ^= h >> 33;
  h *= PRIME64_2;
  h ^= h >> 29;
  h *= PRIME64_3;
  return h ^ (h >> 32);
}

// @ts-ignore: decorator
@inline function xxh3Avalanche(h: u64): u64 {
  h ^= h >> 37;
  h *= PRIME_MX1;
  return h ^ (h >> 32);
}

// @ts-ignore: decorator
@inline function mix16B(p: usize, secretOffset: usize): u64 {
  return mul128Fold64(load<u64>(p) ^ secret64(secretOffset), load<u64>(p, 8) ^ secret64(secretOffset + 8));
}

function hashShort(p: usize, len: usize): u64 {
  if (len > 8) {
    const inputLo = load<u64>(p) ^ (secret64(24) ^ secret64(32));
    const inputHi = load<u64>(p + len - 8) ^ (secret64(40) ^ secret64(48));
    const acc = <u64>len + bswap<u64>(inputLo) + inputHi + mul128Fold64(inputLo, inputHi);
    return xxh3Avalanche(acc);
  }
  if (len >= 4) {
    const input1 = <u64>load<u32>(p);
    const input2 = <u64>load<u32>(p + len - 4);
    let h = (input2 + (input1 << 32)) ^ (secret64(8) ^ secret64(16));
    h ^= rotl<u64>(h, 49) ^ rotl<u64>(h, 24);
    h *= PRIME_MX2;
    h ^= (h >> 35) + <u64>len;
    h *= PRIME_MX2;
    return h ^ (h >> 28);
  }
  if (len > 0) {
    const c1 = <u32>load<u8>(p);
    const c2 = <u32>load<u8>(p + (len >> 1));
    const c3 = <u32>load<u8>(p + len - 1);
    const combined = (c1 << 16) | (c2 << 24) | c3 | (<u32>len << 8);
    const bitflip = <u64>(load<u32>(SECRET) ^ load<u32>(SECRET, 4));
    return xxh64Avalanche(<u64>combined ^ bitflip);
  }
  return xxh64Avalanche(secret64(56) ^ secret64(64));
}

function hashMid(p: usize, len: usize): u64 {
  let acc = <u64>len * PRIME64_1;
  if (len > 32) {
    if (len > 64) {
      if (len > 96) {
        acc += mix16B(p + 48, 96);
        acc += mix16B(p + len - 64, 112);
      }
      acc += mix16B(p + 32, 64);
      acc += mix16B(p + len - 48, 80);
    }
    acc += mix16B(p + 16, 32);
    acc += mix16B(p + len - 32, 48);
  }
  acc += mix16B(p, 0);
  acc += mix16B(p + len - 16, 16);
  return xxh3Avalanche(acc);
}

function hash129to240(p: usize, len: usize): u64 {
  let acc = <u64>len * PRIME64_1;
  const rounds = len >> 4;
  for (let i: usize = 0; i < 8; i++) acc += mix16B(p + 16 * i, 16 * i);
  acc = xxh3Avalanche(acc);
  for (let i: usize = 8; i < rounds; i++) acc += mix16B(p + 16 * i, 16 * (i - 8) + 3);
  acc += mix16B(p + len - 16, 136 - 17);
  return xxh3Avalanche(acc);
}

// One 16-byte quarter of a stripe: two accumulator lanes. data lands
// swapped (acc[i ^ 1] += data) and acc[i] += lo32(key) · hi32(key), the
// 32×32→64 product taken as extmul of the keys' even and odd u32 lanes.
// @ts-ignore: decorator
@inline function accumulateQuarter(acc: v128, src: usize, sec: usize): v128 {
  const data = v128.load(src);
  const key = v128.xor(data, v128.load(sec));
  const product = i64x2.extmul_low_i32x4_u(i32x4.shuffle(key, key, 0, 2, 0, 2), i32x4.shuffle(key, key, 1, 3, 1, 3));
  return i64x2.add(acc, i64x2.add(i64x2.shuffle(data, data, 1, 0), product));
}

// @ts-ignore: decorator
@inline function scrambleQuarter(acc: v128, sec: usize): v128 {
  const mixed = v128.xor(v128.xor(acc, i64x2.shr_u(acc, 47)), v128.load(sec));
  return i64x2.mul(mixed, i64x2.splat(PRIME32_1));
}

function hashLong(p: usize, len: usize): u64 {
  // The eight u64 accumulators as four i64x2 (SIMD128, scalar-identical).
  let acc0 = i64x2(PRIME32_3, PRIME64_1);
  let acc1 = i64x2(PRIME64_2, PRIME64_3);
  let acc2 = i64x2(PRIME64_4, PRIME32_2);
  let acc3 = i64x2(PRIME64_5, PRIME32_1);
  // 16 stripes of 64 bytes per 1024-byte block, a scramble after each full
  // block, the stripes of the last partial block, then the last 64 bytes
  // with the secret at 192 - 64 - 7. One loop keeps one copy of the stripe code.
  const blocks = (len - 1) >> 10;
  const fullBlockStripes = blocks << 4;
  const stripes = fullBlockStripes + (((len - 1) - (blocks << 10)) >> 6);
  for (let k: usize = 0; k <= stripes; k++) {
    let src: usize;
    let sec: usize;
    if (k < stripes) {
      src = p + (k << 6);
      sec = SECRET + ((k & 15) << 3);
    } else {
      src = p + len - 64;
      sec = SECRET + 121;
    }
    acc0 = accumulateQuarter(acc0, src, sec);
    acc1 = accumulateQuarter(acc1, src + 16, sec + 16);
    acc2 = accumulateQuarter(acc2, src + 32, sec + 32);
    acc3 = accumulateQuarter(acc3, src + 48, sec + 48);
    if ((k & 15) == 15 && k < fullBlockStripes) {
      acc0 = scrambleQuarter(acc0, SECRET + 128);
      acc1 = scrambleQuarter(acc1, SECRET + 144);
      acc2 = scrambleQuarter(acc2, SECRET + 160);
      acc3 = scrambleQuarter(acc3, SECRET + 176);
    }
  }
  let result = <u64>len * PRIME64_1;
  result += mul128Fold64(i64x2.extract_lane(acc0, 0) ^ secret64(11), i64x2.extract_lane(acc0, 1) ^ secret64(19));
  result += mul128Fold64(i64x2.extract_lane(acc1, 0) ^ secret64(27), i64x2.extract_lane(acc1, 1) ^ secret64(35));
  result += mul128Fold64(i64x2.extract_lane(acc2, 0) ^ secret64(43), i64x2.extract_lane(acc2, 1) ^ secret64(51));
  result += mul128Fold64(i64x2.extract_lane(acc3, 0) ^ secret64(59), i64x2.extract_lane(acc3, 1) ^ secret64(67));
  return xxh3Avalanche(result);
}

export function xxh3(p: usize, len: usize): u64 {
  if (len <= 16) return hashShort(p, len);
  if (len <= 128) return hashMid(p, len);
  if (len <= 240) return hash129to240(p, len);
  return hashLong(p, len);
}
