// Picks the core implementation: IGGY_CORE=auto|wasm|ts (STYLE.md §6).
// 'wasm' never hides a broken build; 'auto' falls back to the TS twin with a
// warning so a server without the WASM artifact still serves.
import { log } from '../log.js';
import type { Core, CoreMode } from './core.js';
import { coreTs } from './core_ts.js';

export interface LoadCoreOptions {
  /** Path of the .wasm file; defaults to <package root>/wasm/core.wasm. */
  wasmPath?: string | URL;
}

export function coreModeFromEnv(value = process.env.IGGY_CORE): CoreMode {
  const mode = (value ?? 'auto').trim().toLowerCase();
  if (mode === '' || mode === 'auto') return 'auto';
  if (mode === 'wasm' || mode === 'ts') return mode;
  throw new Error(`IGGY_CORE must be auto, wasm or ts, not '${value}'`);
}

export async function loadCore(mode: CoreMode = coreModeFromEnv(), options: LoadCoreOptions = {}): Promise<Core> {
  if (mode === 'ts') return coreTs;
  try {
    // Imported lazily so that IGGY_CORE=ts never touches the WASM loader.
    const { instantiateCoreWasm } = await import('./core_wasm.js');
    return await instantiateCoreWasm(options.wasmPath);
  } catch (cause) {
    if (mode === 'wasm') throw cause; // asked for wasm: never hide a broken build
    log.warn({ reason: cause instanceof Error ? cause.message : String(cause) }, 'wasm core unavailable; using the ts core');
    return coreTs;
  }
}
