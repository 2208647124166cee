import { describe, expect, it } from 'vitest';
import { nowUs } from './clock.js';

describe('nowUs', () => {
  it('stays inside the wall-clock millisecond it is read in', () => {
    for (let i = 0; i < 10_000; i++) {
      const before = BigInt(Date.now()) * 1000n;
      const us = nowUs();
      const after = BigInt(Date.now() + 1) * 1000n;
      expect(us >= before && us < after).toBe(true);
    }
  });

  it('never runs backwards while the wall clock does not', () => {
    let last = nowUs();
    for (let i = 0; i < 10_000; i++) {
      const us = nowUs();
      expect(us >= last).toBe(true);
      last = us;
    }
  });
});
