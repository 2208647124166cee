// Worker-thread entry of one actor (node:worker_threads). Protocol with the
// runner: the worker prepares (connect, login, frames) and posts `ready`; the
// runner answers `start` with the shared session start once every actor is
// ready, so no actor measures while others are still connecting; the worker
// posts `result` (or `error`) and exits.
import { parentPort, workerData } from 'node:worker_threads';
import { runActorInline, type ActorSpec } from './actor.js';

export type WorkerToRunner = { type: 'ready' } | { type: 'result'; result: import('./actor.js').ActorResult } | { type: 'error'; message: string; stack?: string };
export type RunnerToWorker = { type: 'start'; sessionStartMs: number };

const port = parentPort;
if (port === null) throw new Error('actor_worker.js runs only as a worker thread');
const spec = workerData as ActorSpec;

runActorInline(
  spec,
  () =>
    new Promise<number>((resolve) => {
      port.once('message', (message: RunnerToWorker) => resolve(message.sessionStartMs));
      port.postMessage({ type: 'ready' } satisfies WorkerToRunner);
    }),
).then(
  (result) => port.postMessage({ type: 'result', result } satisfies WorkerToRunner),
  (error: unknown) => {
    const e = error instanceof Error ? error : new Error(String(error));
    port.postMessage({ type: 'error', message: e.message, ...(e.stack === undefined ? {} : { stack: e.stack }) } satisfies WorkerToRunner);
  },
);
