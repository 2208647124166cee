// Starts the actors of one run, holds them at a start barrier until all are
// connected, then lets them go at one shared epoch instant and collects their
// results. Actors are worker threads by default, so the server is measured and
// not the bench's event loop; `inline` keeps them on this thread (tests, where
// the compiled worker file does not exist).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { runActorInline, type ActorResult, type ActorSpec } from './actor.js';
import type { ActorRunner } from './args.js';
import type { RunnerToWorker, WorkerToRunner } from './actor_worker.js';

/** Small pause after the barrier so every actor sees the start instant in its future. */
const START_DELAY_MS = 20;

export function workerScriptPath(): string {
  return fileURLToPath(new URL('./actor_worker.js', import.meta.url));
}

/** Called once when every actor is ready and the measured phase begins (CPU and memory meters start here). */
export type OnStart = () => void;

export async function runActors(specs: readonly ActorSpec[], runner: ActorRunner, onStart?: OnStart): Promise<{ results: ActorResult[]; sessionStartMs: number }> {
  if (specs.length === 0) return { results: [], sessionStartMs: performance.timeOrigin + performance.now() };
  let release!: (sessionStartMs: number) => void;
  let abort!: (error: Error) => void;
  const started = new Promise<number>((resolve, reject) => {
    release = resolve;
    abort = reject;
  });
  started.catch(() => {}); // observed by the actors; this only silences the unhandled copy
  let readyCount = 0;
  const onReady = (): Promise<number> => {
    readyCount++;
    if (readyCount === specs.length) {
      onStart?.();
      release(performance.timeOrigin + performance.now() + START_DELAY_MS);
    }
    return started;
  };
  // A failed actor fails the run; the rest are stopped below so nothing lingers.
  const stops: Array<() => void> = [];
  const runs = specs.map((spec) => (runner === 'inline' ? runActorInline(spec, onReady) : runInWorker(spec, onReady, stops)));
  try {
    const results = await Promise.all(runs);
    return { results, sessionStartMs: await started };
  } catch (error) {
    abort(new Error('another actor failed'));
    for (const stop of stops) stop();
    await Promise.allSettled(runs);
    throw error;
  }
}

function runInWorker(spec: ActorSpec, onReady: () => Promise<number>, stops: Array<() => void>): Promise<ActorResult> {
  const script = workerScriptPath();
  if (!existsSync(script)) {
    return Promise.reject(new Error(`${script} not found: build first (npm run build), or use --actors inline`));
  }
  return new Promise<ActorResult>((resolve, reject) => {
    const worker = new Worker(script, { workerData: spec });
    let settled = false;
    stops.push(() => void worker.terminate());
    worker.on('message', (message: WorkerToRunner) => {
      if (message.type === 'ready') {
        void onReady().then((sessionStartMs) => worker.postMessage({ type: 'start', sessionStartMs } satisfies RunnerToWorker));
      } else if (message.type === 'result') {
        settled = true;
        resolve(message.result);
      } else {
        settled = true;
        reject(new Error(`actor ${spec.index} (${spec.role}): ${message.message}`));
      }
    });
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`actor ${spec.index} (${spec.role}) exited with code ${code} before reporting`));
    });
  });
}
