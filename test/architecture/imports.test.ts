// Guards the direction of imports (STYLE.md §1; issue 11 "done when"): a
// layer may not import what sits above it, so the browser SDK can reuse
// src/protocol and a new transport cannot be wired into the domain code.
// A rule is a layer and the prefixes it must not import.
import { describe, expect, it } from 'vitest';
import { importEdges, importSpecifiers } from '../helpers/imports.js';

interface LayerRule {
  layer: string;
  forbidden: string[];
  why: string;
}

const RULES: LayerRule[] = [
  {
    layer: 'src/protocol',
    forbidden: ['src/storage/', 'src/server/', 'src/transport/', 'node:'],
    why: 'codecs and the shared model only: the browser SDK imports them',
  },
];

describe('import layering', () => {
  it('reads every form of import the code uses', () => {
    const code = [
      "import { a } from './a.js';",
      "import type { B } from '../b.js';",
      "export * from './c.js';",
      "export { type D } from './d.js';",
      "import './e.js';",
      "const f = await import('./f.js');",
      "// import { g } from './commented.js';",
      "/* import { h } from './block.js'; */",
      "const url = 'https://example.com/x'; // not an import",
    ].join('\n');
    expect(importSpecifiers(code)).toEqual(['./a.js', '../b.js', './c.js', './d.js', './e.js', './f.js']);
  });

  it('resolves relative imports to repository paths', () => {
    const edges = importEdges('src/protocol');
    expect(edges.length).toBeGreaterThan(100);
    expect(edges).toContainEqual({
      file: 'src/protocol/records/topic_record.ts',
      specifier: '../model.js',
      target: 'src/protocol/model.ts',
    });
  });

  for (const rule of RULES) {
    it(`${rule.layer} imports nothing from ${rule.forbidden.join(', ')} (${rule.why})`, () => {
      const offenders = importEdges(rule.layer)
        .filter((edge) => rule.forbidden.some((prefix) => edge.target.startsWith(prefix)))
        .map((edge) => `${edge.file} imports ${edge.specifier}`);
      expect(offenders).toEqual([]);
    });
  }
});
