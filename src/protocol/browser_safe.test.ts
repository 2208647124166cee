// Proves src/protocol stays browser-safe (STYLE.md §1, §3): the browser SDK
// reuses these codecs, so no module may import node: builtins or use Buffer.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('.', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('src/protocol', () => {
  it('imports no node: builtins and uses no Buffer', () => {
    const files = sources(ROOT);
    expect(files.length).toBeGreaterThan(60);
    const offenders = files.filter((file) => {
      const code = readFileSync(file, 'utf8').replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
      return /from\s+['"]node:|require\(|\bBuffer\b|\bprocess\./.test(code);
    });
    expect(offenders).toEqual([]);
  });

  it('imports only from protocol, errors, assert, limits and storage types', () => {
    for (const file of sources(ROOT)) {
      for (const match of readFileSync(file, 'utf8').matchAll(/from\s+'([^']+)'/g)) {
        const target = match[1]!;
        const resolved = join(file, '..', target);
        const allowed = resolved.startsWith(ROOT) || /\/src\/(errors\/|assert\.js|limits\.js|storage\/types\.js)/.test(resolved);
        expect(allowed, `${file} imports ${target}`).toBe(true);
      }
    }
  });
});
