// Proves which requests overlap in a binary session: SendMessages and
// PollMessages are dispatched while earlier ones of them are still in flight
// (their replies still leave in request order, whichever settles first), and
// any other command waits for everything before it and holds back everything
// after it; and that chunks of a reply the sink reports sent are handed
// back to storage (Storage.returnBytes) so it may reuse their memory. The
// dispatch here is a stand-in that records what ran and lets the test
// settle each request.
import { describe, expect, it } from 'vitest';
import { COMMAND } from '../protocol/codes.js';
import type { Reply, ServerContext, Session } from '../server/context.js';
import type { Dispatch, DispatchResult } from '../server/dispatch.js';
import { BinarySession, type ByteSink } from './binary_session.js';

const PING = 1;

class Sink implements ByteSink {
  readonly statuses: number[] = [];
  readonly payloads: number[][] = [];
  queuedBytes = 0;
  readonly sent: Array<() => void> = [];
  write(header: Uint8Array, body: Reply, onSent?: () => void): boolean {
    if (onSent !== undefined) this.sent.push(onSent);
    this.statuses.push(Buffer.from(header).readUInt32LE(0));
    this.payloads.push(body instanceof Uint8Array ? [...body] : body.flatMap((chunk) => [...chunk]));
    return true;
  }
  pause(): void {}
  resume(): void {}
  end(): void {}
}

function frame(code: number, tag: number): Buffer {
  const out = Buffer.alloc(9);
  out.writeUInt32LE(5, 0);
  out.writeUInt32LE(code, 4);
  out[8] = tag;
  return out;
}

/** Every dispatched request waits until the test settles it by its tag. */
function pendingDispatch(): { dispatch: Dispatch; started: number[]; settle(tag: number): void } {
  const started: number[] = [];
  const waiting = new Map<number, () => void>();
  const dispatch: Dispatch = (_ctx, _session, _code, payload) => {
    const tag = payload[0]!;
    started.push(tag);
    return new Promise<DispatchResult>((resolve) => waiting.set(tag, () => resolve(new Uint8Array([tag]))));
  };
  return { dispatch, started, settle: (tag) => waiting.get(tag)!() };
}

function newSession(dispatch: Dispatch, sink: Sink, returned: Uint8Array[][] = []): BinarySession {
  const session = { closeAfterReply: false } as Session;
  const ctx = { storage: { returnBytes: (chunks: readonly Uint8Array[]) => returned.push([...chunks]) } } as unknown as ServerContext;
  return new BinarySession(ctx, dispatch, session, sink, { frameSizeBytesMax: 1024, pendingRequestsMax: 64, pendingResponseBytesMax: 1 << 20 });
}

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('BinarySession pipelining', () => {
  it('overlaps sends and polls, replying in request order', async () => {
    const { dispatch, started, settle } = pendingDispatch();
    const sink = new Sink();
    const binary = newSession(dispatch, sink);
    binary.push(Buffer.concat([frame(COMMAND.SendMessages, 1), frame(COMMAND.SendMessages, 2), frame(COMMAND.PollMessages, 3)]));
    expect(started).toEqual([1, 2, 3]);
    settle(3);
    settle(2);
    await flush();
    expect(sink.payloads).toEqual([]);
    settle(1);
    await flush();
    expect(sink.payloads).toEqual([[1], [2], [3]]);
    expect(binary.idle).toBe(true);
  });

  it('runs any other command alone', async () => {
    const { dispatch, started, settle } = pendingDispatch();
    const sink = new Sink();
    const binary = newSession(dispatch, sink);
    binary.push(Buffer.concat([frame(COMMAND.SendMessages, 1), frame(PING, 2), frame(COMMAND.SendMessages, 3)]));
    expect(started).toEqual([1]);
    settle(1);
    await flush();
    expect(started).toEqual([1, 2]);
    settle(2);
    await flush();
    expect(started).toEqual([1, 2, 3]);
    settle(3);
    await flush();
    expect(sink.payloads).toEqual([[1], [2], [3]]);
    expect(sink.statuses).toEqual([0, 0, 0]);
  });

  it('hands the chunks of a reply back to storage once the sink sent them', () => {
    const chunks = [new Uint8Array([1]), new Uint8Array([2, 3])];
    const dispatch: Dispatch = () => chunks;
    const sink = new Sink();
    const returned: Uint8Array[][] = [];
    const binary = newSession(dispatch, sink, returned);
    binary.push(frame(COMMAND.PollMessages, 1));
    expect(sink.payloads).toEqual([[1, 2, 3]]);
    expect(returned).toEqual([]);
    sink.sent.forEach((onSent) => onSent());
    expect(returned).toHaveLength(1);
    expect(returned[0]![0]).toBe(chunks[0]);
    expect(returned[0]![1]).toBe(chunks[1]);
  });
});
