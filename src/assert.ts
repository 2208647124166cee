// Invariant checks. A failed assert is our bug, never bad input: bad input is
// answered with an IggyError at the edge. Browser-safe (no node: imports).

export class AssertionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AssertionError';
  }
}

export function assert(condition: unknown, message = 'assertion failed'): asserts condition {
  if (!condition) throw new AssertionError(message);
}

/** Narrows a u64 bigint to a number once it is known to be below 2^53. */
export function toSafeNumber(value: bigint, what = 'value'): number {
  assert(value >= 0n && value <= BigInt(Number.MAX_SAFE_INTEGER), `${what} ${value} exceeds 2^53`);
  return Number(value);
}
