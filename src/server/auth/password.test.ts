// Proves password hashes are salted, self-describing, verified only by the
// right password, and that unreadable or hostile hash strings verify false
// instead of throwing or allocating without bound.
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password.js';

describe('password hashing', () => {
  it('hashes with the default scrypt parameters, a random salt, and verifies', async () => {
    const a = await hashPassword('correct horse');
    const b = await hashPassword('correct horse');
    expect(a).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse', a)).toBe(true);
    expect(await verifyPassword('correct horsf', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
  });

  it('verifies hashes made with other parameters (they are in the string)', async () => {
    const cheap = await hashPassword('pw✓', { ln: 4, r: 1, p: 1 });
    expect(cheap.startsWith('$scrypt$ln=4,r=1,p=1$')).toBe(true);
    expect(await verifyPassword('pw✓', cheap)).toBe(true);
    expect(await verifyPassword('pw', cheap)).toBe(false);
  });

  it('verifies many concurrent requests correctly through the bounded hashing slots', async () => {
    const params = { ln: 4, r: 1, p: 1 };
    const hashes = await Promise.all(Array.from({ length: 20 }, (_, i) => hashPassword(`pw-${i}`, params)));
    const results = await Promise.all(hashes.map((hash, i) => verifyPassword(`pw-${i % 2 === 0 ? i : i + 1}`, hash)));
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i % 2 === 0));
  });

  it('answers false for malformed or out-of-bounds hash strings', async () => {
    const good = await hashPassword('x', { ln: 4, r: 1, p: 1 });
    for (const bad of ['', 'plain', '$argon2id$v=19$m=19456,t=2,p=1$abc$def', good.replace('ln=4', 'ln=40'), good.replace('ln=4', 'ln=0'), good.slice(0, -10) + '!!!!']) {
      expect(await verifyPassword('x', bad)).toBe(false);
    }
  });
});
