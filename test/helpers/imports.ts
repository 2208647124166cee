// The import graph read as text, for the tests that guard the layering
// (STYLE.md §1: imports point one way). Text is enough: every import in this
// repo names a literal path, and a regex over comment-free source finds it.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, so edges read `src/storage/types.ts` on every machine. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ImportEdge {
  /** Importing file, relative to the repository root, `/`-separated. */
  file: string;
  specifier: string;
  /** Resolved file relative to the root for a relative specifier, else the specifier (`node:fs`, `vitest`). */
  target: string;
}

const IMPORT_SPECIFIER = /\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(?\s*['"]([^'"]+)['"]/g;

/** Every module specifier in `code`: static and type imports, re-exports, side-effect and dynamic imports. */
export function importSpecifiers(code: string): string[] {
  const bare = code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
  return [...bare.matchAll(IMPORT_SPECIFIER)].map((match) => (match[1] ?? match[2])!);
}

/** The non-test `.ts` files below `dir` (relative to the root). */
export function sourceFiles(dir: string): string[] {
  return readdirSync(join(REPO_ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const toRepoPath = (absolute: string): string => relative(REPO_ROOT, absolute).split(sep).join('/');

/** The imports of every non-test source file below `dir`, resolved (`.js` specifiers name `.ts` sources). */
export function importEdges(dir: string): ImportEdge[] {
  return sourceFiles(dir).flatMap((file) =>
    importSpecifiers(readFileSync(join(REPO_ROOT, file), 'utf8')).map((specifier) => ({
      file,
      specifier,
      target: specifier.startsWith('.') ? toRepoPath(resolve(REPO_ROOT, dirname(file), specifier)).replace(/\.js$/, '.ts') : specifier,
    })),
  );
}
