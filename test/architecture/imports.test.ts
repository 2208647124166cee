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
  {
    layer: 'src/server',
    forbidden: ['src/transport/', 'src/app.ts', 'src/main.ts'],
    why: 'the domain knows no transport; src/app.ts wires listeners to it',
  },
  {
    layer: 'src/storage',
    forbidden: ['src/server/', 'src/transport/', 'src/app.ts'],
    why: 'storage sits under the server and knows no session or transport',
  },
  {
    layer: 'src/core',
    forbidden: ['src/storage/', 'src/server/', 'src/transport/'],
    why: 'the core is the bottom layer: pure functions over host-owned memory',
  },
  {
    layer: 'sdk',
    forbidden: ['src/storage/', 'src/server/', 'src/transport/', 'src/core/'],
    why: 'the SDK ships without the server: it shares only protocol and errors',
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
      const edges = importEdges(rule.layer);
      expect(edges.length).toBeGreaterThan(0);
      const offenders = edges
        .filter((edge) => rule.forbidden.some((prefix) => edge.target.startsWith(prefix)))
        .map((edge) => `${edge.file} imports ${edge.specifier}`);
      expect(offenders).toEqual([]);
    });
  }
});
