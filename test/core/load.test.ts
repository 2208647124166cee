// Proves loadCore picks the requested core, that 'wasm' never hides a broken
// build (missing, corrupt or stale module → an Error naming the path and the
// reason), and that 'auto' falls back to the TS twin instead.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { defaultWasmPath } from '../../src/core/core_wasm.js';
import { coreModeFromEnv, loadCore } from '../../src/core/load.js';
import { setLogLevel } from '../../src/log.js';

const dir = mkdtempSync(join(tmpdir(), 'iggy-core-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadCore', () => {
  test('ts and wasm give the requested kind', async () => {
    expect((await loadCore('ts')).kind).toBe('ts');
    expect((await loadCore('wasm')).kind).toBe('wasm');
    expect((await loadCore('auto')).kind).toBe('wasm');
  });

  test('the default wasm path is the package wasm/ folder', () => {
    expect(defaultWasmPath()).toMatch(/[/\\]wasm[/\\]core\.wasm$/);
  });

  test('a missing module is a clear error naming the path', async () => {
    const path = join(dir, 'absent.wasm');
    await expect(loadCore('wasm', { wasmPath: path })).rejects.toThrow(`wasm core ${path}: file not found; build it with \`npm run asbuild\``);
  });

  test('a corrupt module is a clear error naming the path', async () => {
    const path = join(dir, 'corrupt.wasm');
    writeFileSync(path, Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0xff, 0xff, 0x13]));
    await expect(loadCore('wasm', { wasmPath: path })).rejects.toThrow(new RegExp(`wasm core ${path}: not a valid WebAssembly module`));
    writeFileSync(path, 'not wasm at all');
    await expect(loadCore('wasm', { wasmPath: path })).rejects.toThrow(/not a valid WebAssembly module/);
  });

  test('a module without the core exports is reported as a stale build', async () => {
    const path = join(dir, 'empty.wasm');
    writeFileSync(path, Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
    await expect(loadCore('wasm', { wasmPath: path })).rejects.toThrow(/stale build, missing export\(s\) heapBase, xxh3_64/);
  });

  test('auto falls back to the ts core when the module is unusable', async () => {
    setLogLevel('error'); // the fallback warns; keep test output quiet
    try {
      expect((await loadCore('auto', { wasmPath: join(dir, 'absent.wasm') })).kind).toBe('ts');
    } finally {
      setLogLevel('info');
    }
  });

  test('IGGY_CORE parsing', () => {
    // The suite itself runs with IGGY_CORE set (vitest.config.ts): read it, then unset it.
    expect(coreModeFromEnv()).toBe(process.env.IGGY_CORE ?? 'auto');
    vi.stubEnv('IGGY_CORE', undefined);
    try {
      expect(coreModeFromEnv()).toBe('auto');
    } finally {
      vi.unstubAllEnvs();
    }
    expect(coreModeFromEnv('')).toBe('auto');
    expect(coreModeFromEnv('WASM')).toBe('wasm');
    expect(coreModeFromEnv(' ts ')).toBe('ts');
    expect(() => coreModeFromEnv('fast')).toThrow(/IGGY_CORE must be auto, wasm or ts/);
  });
});
