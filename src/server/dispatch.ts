// Command dispatch shared by every transport: bytes in (code, payload) ->
// handler -> reply out. Order of checks (BINARY.md §2.1, §2.5):
//   stale session -> 30 (and close) | unknown code -> 3 | decode -> 3/4 |
//   requiresAuth and not logged in -> 40 | handle.
// SendMessages is the exception: Iggy 0.8 checks login before it reads that
// payload (§8.22), so an unauthenticated client sees 40 whatever it sent.
// An IggyError becomes its status with an empty payload. Anything else thrown
// is our bug: it is logged with the command name and answered Error (1); the
// server keeps serving everyone, this client included.
import { assert } from '../assert.js';
import { ERROR_CODE, IggyError } from '../errors/iggy_error.js';
import { log } from '../log.js';
import { COMMAND } from '../protocol/codes.js';
import { Transport } from '../protocol/types.js';
import type { CommandHandler, Reply, ServerContext, Session } from './context.js';
import { serverMetrics } from './metrics.js';

/** An OK reply, or a non-zero error status (errors carry no payload). */
export type DispatchResult = Reply | number;

export type Dispatch = (ctx: ServerContext, session: Session, code: number, payload: Uint8Array) => DispatchResult | Promise<DispatchResult>;

/** Handlers keyed by code; built once at start-up. Duplicate codes are our bug. */
export function buildHandlerTable(handlers: readonly CommandHandler[]): ReadonlyMap<number, CommandHandler> {
  const table = new Map<number, CommandHandler>();
  for (const handler of handlers) {
    assert(!table.has(handler.code), `two handlers for command code ${handler.code}`);
    table.set(handler.code, handler);
  }
  return table;
}

/** The status a thrown value is answered with. */
export function statusOf(error: unknown, handler: CommandHandler | undefined): number {
  if (error instanceof IggyError) {
    // Status 0 would read as OK with no payload; an IggyError always means failure.
    return error.code === 0 ? ERROR_CODE.Error : error.code;
  }
  log.error({ command: handler?.name ?? 'unknown', error: error instanceof Error ? (error.stack ?? error.message) : String(error) }, 'command failed with an unexpected error');
  return ERROR_CODE.Error;
}

/**
 * Creates the dispatch function over a handler table. It returns synchronously
 * when the handler does (decode failures, cached reads), so the hot path
 * allocates no promise for them.
 */
export function createDispatch(table: ReadonlyMap<number, CommandHandler>): Dispatch {
  return counted(table, dispatchUncounted(table));
}

function dispatchUncounted(table: ReadonlyMap<number, CommandHandler>): Dispatch {
  return function dispatch(ctx, session, code, payload) {
    if (ctx.clients.isStale(session)) {
      session.closeAfterReply = true;
      return ERROR_CODE.StaleClient;
    }
    const handler = table.get(code);
    if (handler === undefined) return ERROR_CODE.InvalidCommand;
    const loggedOut = handler.requiresAuth && session.userId === null;
    if (loggedOut && code === COMMAND.SendMessages) return ERROR_CODE.Unauthenticated;
    let request: unknown;
    try {
      request = handler.decode(payload);
    } catch (error) {
      return statusOf(error, handler);
    }
    if (loggedOut) return ERROR_CODE.Unauthenticated;
    let result: Reply | Promise<Reply>;
    try {
      result = handler.handle(ctx, session, request);
    } catch (error) {
      return statusOf(error, handler);
    }
    if (result instanceof Promise) return result.catch((error: unknown) => statusOf(error, handler));
    return result;
  };
}

const TRANSPORT_NAMES: Readonly<Record<number, string>> = { [Transport.Tcp]: 'tcp', [Transport.Quic]: 'quic', [Transport.Http]: 'http', [Transport.WebSocket]: 'ws' };
/** Request header [length:u32][code:u32] and response header [status:u32][length:u32] (BINARY.md §2). */
const FRAME_HEADER_BYTES = 8;

/**
 * Every request into the server metrics (metrics.ts): per transport and command,
 * latency from here to the reply, bytes of both frames. Only the sync path stays
 * promise-free, as before.
 */
function counted(table: ReadonlyMap<number, CommandHandler>, dispatch: Dispatch): Dispatch {
  return (ctx, session, code, payload) => {
    const startedMs = performance.now();
    const record = (result: DispatchResult): DispatchResult => {
      const failed = typeof result === 'number';
      serverMetrics(ctx).record(
        TRANSPORT_NAMES[session.transport] ?? 'unknown', table.get(code)?.name ?? 'unknown', failed ? String(result) : null,
        (performance.now() - startedMs) / 1000, payload.length + FRAME_HEADER_BYTES, (failed ? 0 : replySizeBytes(result)) + FRAME_HEADER_BYTES,
      );
      return result;
    };
    const result = dispatch(ctx, session, code, payload);
    return result instanceof Promise ? result.then(record) : record(result);
  };
}

/** Total bytes of a reply's chunks. */
export function replySizeBytes(reply: Reply): number {
  if (reply instanceof Uint8Array) return reply.length;
  let total = 0;
  for (const chunk of reply) total += chunk.length;
  return total;
}

/** Encodes a handler's OK payload with one allocation (the socket owns it afterwards). */
export function encodeReply<T>(codec: { sizeBytes(value: T): number; encodeInto(target: Uint8Array, offset: number, value: T): number }, value: T): Uint8Array {
  const sizeBytes = codec.sizeBytes(value);
  if (sizeBytes === 0) return EMPTY;
  const payload = Buffer.allocUnsafe(sizeBytes);
  const end = codec.encodeInto(payload, 0, value);
  assert(end === sizeBytes, `reply sizeBytes ${sizeBytes} but wrote ${end}`);
  return payload;
}

const EMPTY = new Uint8Array(0);
