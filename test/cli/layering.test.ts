// Guards that the CLI is built on the SDK alone (issue 15): src/cli may use
// sdk/, src/protocol and src/errors, never the server, storage, transports
// or core, so it runs against any Iggy 0.8 server.
import { describe, expect, it } from 'vitest';
import { importEdges } from '../helpers/imports.js';

describe('src/cli imports', () => {
  it('reach the server only through the SDK', () => {
    const edges = importEdges('src/cli');
    expect(edges.length).toBeGreaterThan(20);
    const forbidden = ['src/server/', 'src/storage/', 'src/transport/', 'src/core/', 'src/app.ts', 'src/main.ts', 'src/config/'];
    const offenders = edges.filter((e) => forbidden.some((p) => e.target.startsWith(p))).map((e) => `${e.file} imports ${e.specifier}`);
    expect(offenders).toEqual([]);
  });
});
