// Bundles the browser SDK (sdk/browser.ts: client, producer, consumer, codecs,
// the fetch-based HTTP transport and the WebSocket transport, which uses the
// browser's own WebSocket) into one ES module, sdk/dist/iggy-sdk.browser.js,
// for <script type="module"> pages. `--outfile <path>` writes it elsewhere
// (the browser test bundles the current sources into a temp dir).
// platform 'browser' with nothing marked external: a node: import that sneaks
// into sdk/browser.ts's graph cannot be resolved, so the build fails.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { outfile: { type: 'string', default: path.join(ROOT, 'sdk/dist/iggy-sdk.browser.js') } } });

try {
  await build({
    entryPoints: [path.join(ROOT, 'sdk/browser.ts')],
    outfile: path.resolve(values.outfile),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
  });
} catch {
  // esbuild has printed each error with its file and line already.
  console.error('error: browser bundle failed (a node: import in the sdk/browser.ts graph?)');
  process.exit(1);
}
