// Proves the SDK core runs without Node built-ins: following every static
// import from sdk/browser.ts (client, producer, consumer, codecs, errors)
// reaches no `node:` module or bare built-in, while sdk/index.ts does reach
// node:net through the TCP transport (so the walk does find such imports).
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const IMPORT = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;

/** Every non-relative import reachable from `entry`, with the file that makes it. */
function externalImports(entry: string): Array<[string, string]> {
  const seen = new Set<string>();
  const external: Array<[string, string]> = [];
  const stack = [path.join(ROOT, entry)];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2] ?? match[3]!;
      if (specifier.startsWith('.')) stack.push(path.resolve(path.dirname(file), specifier.replace(/\.js$/, '.ts')));
      else external.push([specifier, path.relative(ROOT, file)]);
    }
  }
  return external;
}

const isBuiltin = (specifier: string) => specifier.startsWith('node:') || builtinModules.includes(specifier);

describe('browser safety', () => {
  it('sdk/browser.ts reaches no Node built-in', () => {
    const builtins = externalImports('sdk/browser.ts').filter(([specifier]) => isBuiltin(specifier));
    expect(builtins).toEqual([]);
  });

  it('sdk/index.ts reaches node:net and node:tls only through the TCP transport', () => {
    const builtins = externalImports('sdk/index.ts').filter(([specifier]) => isBuiltin(specifier));
    expect([...new Set(builtins.map(([specifier]) => specifier))].sort()).toEqual(['node:net', 'node:tls']);
    for (const [, file] of builtins) expect(file.startsWith(path.join('sdk', 'transport', 'tcp'))).toBe(true);
  });
});
