// Proves src/protocol stays browser-safe (STYLE.md §1, §3): the browser SDK
// reuses these codecs, so no module may import node: builtins or use Buffer,
// nor reach outside the shared, I/O-free modules. One use is allowed by name:
// Base64 looks Buffer up on globalThis (Node only, ~5-90x faster there) and
// falls back to its loops, which base64.test.ts checks against it and the
// browser test runs in Chromium.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importEdges, REPO_ROOT, sourceFiles } from '../../test/helpers/imports.js';

/** Feature detection of Node's Buffer, allowed in these files only, exactly as written there. */
const BUFFER_LOOKUPS: Readonly<Record<string, string>> = {
  'src/protocol/http/base64.ts': '(globalThis as { Buffer?: NodeBuffer }).Buffer',
};

describe('src/protocol', () => {
  it('imports no node: builtins and uses no Buffer', () => {
    const files = sourceFiles('src/protocol');
    expect(files.length).toBeGreaterThan(60);
    const offenders = files.filter((file) => {
      const lookup = BUFFER_LOOKUPS[file];
      let code = readFileSync(join(REPO_ROOT, file), 'utf8').replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
      if (lookup !== undefined) code = code.replace(lookup, 'globalThis.NODE_ONLY');
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
