// Proves src/protocol stays browser-safe (STYLE.md §1, §3): the browser SDK
// reuses these codecs, so no module may import node: builtins or use Buffer,
// nor reach outside the shared, I/O-free modules.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importEdges, REPO_ROOT, sourceFiles } from '../../test/helpers/imports.js';

describe('src/protocol', () => {
  it('imports no node: builtins and uses no Buffer', () => {
    const files = sourceFiles('src/protocol');
    expect(files.length).toBeGreaterThan(60);
    const offenders = files.filter((file) => {
      const code = readFileSync(join(REPO_ROOT, file), 'utf8').replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
      return /from\s+['"]node:|require\(|\bBuffer\b|\bprocess\./.test(code);
    });
    expect(offenders).toEqual([]);
  });

  it('imports only from protocol, errors, assert and limits', () => {
    const allowed = /^src\/(protocol\/|errors\/|assert\.ts$|limits\.ts$)/;
    const offenders = importEdges('src/protocol').filter((edge) => !allowed.test(edge.target));
    expect(offenders).toEqual([]);
  });
});
