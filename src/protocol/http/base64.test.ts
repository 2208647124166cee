// Proves Base64's two encoders agree: Node's Buffer (the server, the SDK in
// Node) and the loop browsers run give the same text for every length; the
// strict decoder reads back what Buffer would and refuses what Buffer would
// silently skip, naming the field and the position.
import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64, encodeWithLoop } from './base64.js';

function seeded(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  return bytes;
}

describe('base64', () => {
  it('encodes and decodes every length alike on both paths', () => {
    for (let length = 0; length <= 70; length++) {
      const bytes = seeded(length, length + 1);
      const text = encodeBase64(bytes);
      expect(text).toBe(encodeWithLoop(bytes));
      expect(text).toBe(Buffer.from(bytes).toString('base64'));
      expect(decodeBase64(text, 'p')).toEqual(bytes);
      expect(decodeBase64(text, 'p')).toEqual(new Uint8Array(Buffer.from(text, 'base64')));
    }
    const big = seeded(100_000, 7);
    expect(decodeBase64(encodeBase64(big), 'p')).toEqual(big);
  });

  it('encodes a view of a larger buffer by its own bytes only', () => {
    const whole = seeded(64, 3);
    const view = whole.subarray(5, 20);
    expect(encodeBase64(view)).toBe(encodeWithLoop(view));
  });

  it.each([
    ['QUJD\n', /length 5 is not a multiple of 4/],
    ['QU JDA==', /invalid Base64 character at 2/],
    ['QUJ=QUJD', /invalid Base64 character at 3/],
    ['A===', /invalid Base64 character at 1/],
    ['QUJD-_==', /invalid Base64 character at 4/],
    ['QUJDé===', /invalid Base64 character at 4/],
  ])('refuses %j, naming the field and the position', (text, message) => {
    expect(() => decodeBase64(text, 'messages[0].payload')).toThrow(message);
    expect(() => decodeBase64(text, 'messages[0].payload')).toThrow(/messages\[0\]\.payload: /);
  });
});
