// Proves that no source, test, bench or sample file reads the team's shared
// reference folder beside the checkout: a fresh clone has nothing beside it,
// so every fact a test needs lives in test/fixtures/ (issue: fresh clones
// failed four test files that read it).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('..', import.meta.url).pathname;
const DIRS = ['src', 'sdk', 'test', 'bench', 'samples'];
// Spelled in two parts so that this file does not match itself.
const FORBIDDEN = ['..' + '/shared', '/work' + '/shared'];

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'fixtures' || name === 'results') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.(ts|js|mjs|json|sh)$/.test(name)) yield path;
  }
}

describe('the project is self-contained', () => {
  it('reads nothing from the shared folder beside the checkout', () => {
    const offenders: string[] = [];
    for (const dir of DIRS) {
      for (const path of files(join(ROOT, dir))) {
        const text = readFileSync(path, 'utf8');
        for (const needle of FORBIDDEN) if (text.includes(needle)) offenders.push(`${path.slice(ROOT.length)}: ${needle}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('scans a real tree (the check cannot pass on an empty walk)', () => {
    const count = DIRS.reduce((total, dir) => total + [...files(join(ROOT, dir))].length, 0);
    expect(count).toBeGreaterThan(100);
  });
});
