// XXH3-64 (seed 0, default secret) over linear memory. Twin: src/core/xxhash_ts.ts.
// Follows xxhash.h 0.8 (scalar paths): 0-16, 17-128, 129-240 and long
// inputs (1024-byte blocks of 16 stripes, accumulate, scramble, merge).

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

function hashLong(p: usize, len: usize): u64 {
  let a0: u64 = PRIME32_3;
  let a1: u64 = PRIME64_1;
  let a2: u64 = PRIME64_2;
  let a3: u64 = PRIME64_3;
  let a4: u64 = PRIME64_4;
  let a5: u64 = PRIME32_2;
  let a6: u64 = PRIME64_5;
  let a7: u64 = PRIME32_1;
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
    let d = load<u64>(src);
    let key = d ^ load<u64>(sec);
    a1 += d;
    a0 += (key & M32) * (key >> 32);
    d = load<u64>(src, 8);
    key = d ^ load<u64>(sec, 8);
    a0 += d;
    a1 += (key & M32) * (key >> 32);
    d = load<u64>(src, 16);
    key = d ^ load<u64>(sec, 16);
    a3 += d;
    a2 += (key & M32) * (key >> 32);
    d = load<u64>(src, 24);
    key = d ^ load<u64>(sec, 24);
    a2 += d;
    a3 += (key & M32) * (key >> 32);
    d = load<u64>(src, 32);
    key = d ^ load<u64>(sec, 32);
    a5 += d;
    a4 += (key & M32) * (key >> 32);
    d = load<u64>(src, 40);
    key = d ^ load<u64>(sec, 40);
    a4 += d;
    a5 += (key & M32) * (key >> 32);
    d = load<u64>(src, 48);
    key = d ^ load<u64>(sec, 48);
    a7 += d;
    a6 += (key & M32) * (key >> 32);
    d = load<u64>(src, 56);
    key = d ^ load<u64>(sec, 56);
    a6 += d;
    a7 += (key & M32) * (key >> 32);
    if ((k & 15) == 15 && k < fullBlockStripes) {
      a0 = (a0 ^ (a0 >> 47) ^ secret64(128)) * PRIME32_1;
      a1 = (a1 ^ (a1 >> 47) ^ secret64(136)) * PRIME32_1;
      a2 = (a2 ^ (a2 >> 47) ^ secret64(144)) * PRIME32_1;
      a3 = (a3 ^ (a3 >> 47) ^ secret64(152)) * PRIME32_1;
      a4 = (a4 ^ (a4 >> 47) ^ secret64(160)) * PRIME32_1;
      a5 = (a5 ^ (a5 >> 47) ^ secret64(168)) * PRIME32_1;
      a6 = (a6 ^ (a6 >> 47) ^ secret64(176)) * PRIME32_1;
      a7 = (a7 ^ (a7 >> 47) ^ secret64(184)) * PRIME32_1;
    }
  }
  let result = <u64>len * PRIME64_1;
  result += mul128Fold64(a0 ^ secret64(11), a1 ^ secret64(19));
  result += mul128Fold64(a2 ^ secret64(27), a3 ^ secret64(35));
  result += mul128Fold64(a4 ^ secret64(43), a5 ^ secret64(51));
  result += mul128Fold64(a6 ^ secret64(59), a7 ^ secret64(67));
  return xxh3Avalanche(result);
}

export function xxh3(p: usize, len: usize): u64 {
  if (len <= 16) return hashShort(p, len);
  if (len <= 128) return hashMid(p, len);
  if (len <= 240) return hash129to240(p, len);
  return hashLong(p, len);
}
