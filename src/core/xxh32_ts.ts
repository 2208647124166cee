// XXH32 in plain TypeScript: the TS twin of assembly/xxh32.ts. Browser-safe.
// 32-bit arithmetic fits JS numbers through Math.imul and `| 0`.

export const PRIME32_1 = 0x9e3779b1;
const PRIME32_2 = 0x85ebca77;
const PRIME32_3 = 0xc2b2ae3d;
const PRIME32_4 = 0x27d4eb2f;
const PRIME32_5 = 0x165667b1;

const rotl32 = (x: number, r: number): number => (x << r) | (x >>> (32 - r));

function xxh32Round(acc: number, input: number): number {
  acc = (acc + Math.imul(input, PRIME32_2)) | 0;
  return Math.imul(rotl32(acc, 13), PRIME32_1);
}

export function xxh32(bytes: Uint8Array, seed = 0): number {
  const len = bytes.length;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let p = 0;
  let h: number;
  if (len >= 16) {
    let v1 = (seed + PRIME32_1 + PRIME32_2) | 0;
    let v2 = (seed + PRIME32_2) | 0;
    let v3 = seed | 0;
    let v4 = (seed - PRIME32_1) | 0;
    const limit = len - 16;
    do {
      v1 = xxh32Round(v1, dv.getUint32(p, true));
      v2 = xxh32Round(v2, dv.getUint32(p + 4, true));
      v3 = xxh32Round(v3, dv.getUint32(p + 8, true));
      v4 = xxh32Round(v4, dv.getUint32(p + 12, true));
      p += 16;
    } while (p <= limit);
    h = (rotl32(v1, 1) + rotl32(v2, 7) + rotl32(v3, 12) + rotl32(v4, 18)) | 0;
  } else {
    h = (seed + PRIME32_5) | 0;
  }
  h = (h + len) | 0;
  while (p + 4 <= len) {
    h = (h + Math.imul(dv.getUint32(p, true), PRIME32_3)) | 0;
    h = Math.imul(rotl32(h, 17), PRIME32_4);
    p += 4;
  }
  while (p < len) {
    h = (h + Math.imul(bytes[p] as number, PRIME32_5)) | 0;
    h = Math.imul(rotl32(h, 11), PRIME32_1);
    p++;
  }
  h ^= h >>> 15;
  h = Math.imul(h, PRIME32_2);
  h ^= h >>> 13;
  h = Math.imul(h, PRIME32_3);
  h ^= h >>> 16;
  return h >>> 0;
}
