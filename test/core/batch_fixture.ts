// Builders for SendMessages batches used by the core tests and bench:
// messages back to back (header 64 | payload | user headers) and the
// client's 16-byte index entries (u32 0 | u32 end position | u64 0).

export interface MessageSpec {
  payloadBytes: number;
  userHeadersBytes?: number;
  /** u128 id as bigint; 0n = server assigns. */
  id?: bigint;
}

/** Deterministic PRNG (mulberry32) so random batches are reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Payload and header bytes are tiled from one pseudo-random block (copied in
// chunks, not written byte by byte: batches here reach 64 MB).
const PATTERN = (() => {
  const random = prng(0x5eed);
  return Uint8Array.from({ length: 65_536 + 4099 }, () => Math.floor(random() * 256));
})();

export function buildBatch(
  specs: MessageSpec[],
  fill: 'pattern' | 'zero' = 'pattern',
): {
  indexes: Uint8Array;
  messages: Uint8Array;
  count: number;
} {
  const total = specs.reduce((sum, s) => sum + 64 + s.payloadBytes + (s.userHeadersBytes ?? 0), 0);
  const messages = new Uint8Array(total);
  const indexes = new Uint8Array(specs.length * 16);
  const msg = new DataView(messages.buffer);
  const idx = new DataView(indexes.buffer);
  let pos = 0;
  specs.forEach((spec, i) => {
    const headers = spec.userHeadersBytes ?? 0;
    const id = spec.id ?? 0n;
    msg.setBigUint64(pos + 8, id & 0xffff_ffff_ffff_ffffn, true);
    msg.setBigUint64(pos + 16, id >> 64n, true);
    msg.setBigUint64(pos + 40, 1_700_000_000_000_000n + BigInt(i), true); // origin timestamp, stored verbatim
    msg.setUint32(pos + 48, headers, true);
    msg.setUint32(pos + 52, spec.payloadBytes, true);
    if (fill === 'pattern') {
      const end = pos + 64 + spec.payloadBytes + headers;
      for (let at = pos + 64, from = (i * 131) % 4099; at < end; at += 65_536, from = 0) {
        messages.set(PATTERN.subarray(from, from + Math.min(65_536, end - at)), at);
      }
    }
    pos += 64 + spec.payloadBytes + headers;
    idx.setUint32(i * 16 + 4, pos, true);
  });
  return { indexes, messages, count: specs.length };
}

export function randomSpecs(random: () => number, count: number, payloadMax: number): MessageSpec[] {
  return Array.from({ length: count }, () => {
    const idKind = random();
    const id = idKind < 0.5 ? 0n : BigInt(Math.floor(random() * 2 ** 32)) * (idKind < 0.75 ? 1n : 0x1_0000_0000_0000_0001n);
    return {
      payloadBytes: Math.floor(random() * payloadMax),
      userHeadersBytes: random() < 0.3 ? Math.floor(random() * 64) : 0,
      id,
    };
  });
}
