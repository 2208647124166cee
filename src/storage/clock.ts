// Microsecond wall clock for message timestamps and created_at. Date.now() has
// millisecond resolution; a monotonic high-resolution counter anchored to it
// once gives µs and never runs backwards within one process.

const ANCHOR_US = BigInt(Date.now()) * 1000n;
const ANCHOR_HR = process.hrtime.bigint();

export function nowUs(): bigint {
  return ANCHOR_US + (process.hrtime.bigint() - ANCHOR_HR) / 1000n;
}
