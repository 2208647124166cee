// Proves both packages install and run as a new user gets them (issue 14):
// `npm pack` of the server (root) and of the SDK workspace (sdk/), both
// tarballs installed into an empty project, then the SDK from that project
// pings a real server over TCP, and the installed `iggy-server` bin starts on
// the WASM core and stops on SIGTERM. The SDK tarball must hold no server code
// and name no server dependency. Packs with --ignore-scripts, so it reads the
// dist/, sdk/dist/ and wasm/ that `npm ci` (prepare -> npm run build) made.
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../helpers/server.js';

const run = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BUILT = ['dist/src/main.js', 'dist/src/cli/main.js', 'sdk/dist/sdk/index.js', 'wasm/core.wasm'];
const SERVER_ONLY_DEPS = ['@trufflesuite/uws-js-unofficial', '@matrixai/quic', 'assemblyscript', '@assemblyscript/loader', 'iggy-ts'];

interface Packed {
  filename: string;
  files: Array<{ path: string }>;
}

async function npmPack(dir: string, destination: string): Promise<Packed> {
  const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', destination], { cwd: dir, maxBuffer: 16 << 20 });
  return (JSON.parse(stdout) as Packed[])[0]!;
}

/** npm's view of whether it can pack here at all (no npm on PATH, say). */
async function npmUsable(): Promise<boolean> {
  try {
    await run('npm', ['--version']);
    return true;
  } catch {
    return false;
  }
}

const usable = await npmUsable();
if (!usable) console.log('skipped test/packaging: npm is not runnable here, so npm pack is impossible');

describe.skipIf(!usable)('npm packages', () => {
  let tmp = '';
  let app = '';
  let server: Packed;
  let sdk: Packed;

  beforeAll(async () => {
    const missing = BUILT.filter((file) => !existsSync(path.join(ROOT, file)));
    if (missing.length > 0) throw new Error(`build output missing (${missing.join(', ')}): run npm run build first`);
    tmp = await mkdtemp(path.join(os.tmpdir(), 'iggy-ts-pack-'));
    server = await npmPack(ROOT, tmp);
    sdk = await npmPack(path.join(ROOT, 'sdk'), tmp);
    app = path.join(tmp, 'app');
    await run('mkdir', [app]);
    await writeFile(path.join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
    // Dependencies come from the npm cache when they are there; install
    // scripts are not needed (uWS and quic ship prebuilt binaries).
    const tarballs = [server.filename, sdk.filename].map((name) => path.join(tmp, name));
    await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', ...tarballs], { cwd: app });
  }, 120_000);

  afterAll(async () => {
    if (tmp !== '') await rm(tmp, { recursive: true, force: true });
  });

  it('the SDK package holds only the compiled SDK and the protocol code it shares', async () => {
    const paths = sdk.files.map((file) => file.path);
    const allowed = /^(package\.json|README\.md|dist\/iggy-sdk\.browser\.js|dist\/sdk\/.*|dist\/src\/(protocol|errors)\/.*|dist\/src\/(assert|limits)\.(js|d\.ts))$/;
    expect(paths.filter((p) => !allowed.test(p))).toEqual([]);
    expect(paths.filter((p) => /\.test\.|(?<!\.d)\.ts$/.test(p))).toEqual([]);
    expect(paths).toContain('dist/sdk/index.js');
    expect(paths).toContain('dist/iggy-sdk.browser.js');
    expect(paths.filter((p) => p.includes('quic'))).toEqual([]); // QUIC needs the native @matrixai/quic
    const manifest = JSON.parse(await readFile(path.join(app, 'node_modules/@iggy-ts/sdk/package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    const deps = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies, ...manifest.optionalDependencies });
    expect(deps.filter((name) => SERVER_ONLY_DEPS.includes(name))).toEqual([]);
  });

  it('the server package holds the built wasm and both bins, no tests or TS sources', () => {
    const paths = server.files.map((file) => file.path);
    expect(paths).toContain('wasm/core.wasm');
    expect(paths).toContain('dist/src/main.js');
    expect(paths).toContain('dist/src/cli/main.js');
    expect(paths.filter((p) => /(^|\/)test\/|\.test\.|(?<!\.d)\.ts$|\.map$/.test(p))).toEqual([]);
    expect(existsSync(path.join(app, 'node_modules/.bin/iggy-server'))).toBe(true);
    expect(existsSync(path.join(app, 'node_modules/.bin/iggy'))).toBe(true);
  });

  it('the installed SDK exports its browser entry and the ready browser bundle', async () => {
    // Node can load both: the bundle touches no browser global until a client connects.
    const script = `
      const entry = await import('@iggy-ts/sdk/browser');
      const bundle = await import('@iggy-ts/sdk/browser.bundle.js');
      console.log([entry, bundle].map((m) => [m.IggyClient, m.HttpDispatcher, m.WsTransport].map((f) => typeof f).join()).join(' '));`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: app, timeout: 20_000 });
    expect(stdout.trim()).toBe('function,function,function function,function,function');
  });

  it('the installed SDK connects over TCP to a real server and pings', async () => {
    const t = await startTestServer();
    try {
      const script = `
        const { connect } = await import('@iggy-ts/sdk');
        const client = await connect({ host: '127.0.0.1', port: ${t.port}, auth: { username: 'iggy', password: 'iggy' }, heartbeatIntervalMs: 0 });
        await client.system.ping();
        await client.close();
        console.log('pong');`;
      const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: app, timeout: 20_000 });
      expect(stdout.trim()).toBe('pong');
    } finally {
      await t.close();
    }
  });

  it('the installed iggy-server bin starts on the WASM core and stops on SIGTERM', async () => {
    const log = await runServerBin(path.join(app, 'node_modules/.bin/iggy-server'), path.join(tmp, 'data'));
    expect(log).toMatch(/server started .*core: 'wasm'/);
    expect(log).toMatch(/tcp listening on 127\.0\.0\.1:[1-9]/);
    expect(log).toMatch(/shutdown complete/);
  });
});

/** Starts the bin on port 0 and a temp dir, SIGTERMs it once it listens; resolves with its log when it exited 0. */
function runServerBin(bin: string, dataDir: string): Promise<string> {
  const env = {
    ...process.env,
    IGGY_CORE: 'wasm',
    IGGY_LOG_LEVEL: 'info',
    IGGY_SYSTEM_PATH: dataDir,
    IGGY_TCP_ADDRESS: '127.0.0.1:0',
    IGGY_HTTP_ENABLED: 'false',
    IGGY_QUIC_ENABLED: 'false',
    IGGY_WEBSOCKET_ENABLED: 'false',
  };
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['--with-default-root-credentials'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let stopping = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000); // never outlive the test
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      // Once: a second SIGTERM makes the server exit without waiting.
      if (!stopping && /tcp listening on/.test(output)) {
        stopping = true;
        child.kill('SIGTERM');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`iggy-server exited with ${code ?? signal}:\n${output}`));
    });
  });
}
