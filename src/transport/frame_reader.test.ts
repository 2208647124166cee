// Proves the request frame reader yields the same frames however the bytes
// are split (byte by byte, at every offset), answers length < 4 in order and
// keeps reading, refuses oversize lengths, hands out views for frames inside
// one chunk, and holds frames back while paused.
import { describe, expect, it } from 'vitest';
import { FrameTooLargeError, RequestFrameReader } from './frame_reader.js';

type Event = { code: number; payload: number[] } | { status: number };

function frame(code: number, payload: number[]): Buffer {
  const out = Buffer.alloc(8 + payload.length);
  out.writeUInt32LE(4 + payload.length, 0);
  out.writeUInt32LE(code, 4);
  Buffer.from(payload).copy(out, 8);
  return out;
}

function collect(max = 1024): { reader: RequestFrameReader; events: Event[]; payloads: Buffer[] } {
  const events: Event[] = [];
  const payloads: Buffer[] = [];
  const reader = new RequestFrameReader(
    {
      onRequest: (code, payload) => {
        events.push({ code, payload: [...payload] });
        payloads.push(payload);
      },
      onMalformed: (status) => events.push({ status }),
    },
    max,
  );
  return { reader, events, payloads };
}

const STREAM = Buffer.concat([
  frame(1, []),
  frame(38, [3, 105, 103, 103, 3, 105, 103, 103, 0, 0, 0, 0, 0, 0, 0, 0]),
  Buffer.from([2, 0, 0, 0]), // length 2 < 4: InvalidCommand, then the next header
  frame(0xdead_beef, [255, 0, 1]),
  Buffer.from([0, 0, 0, 0]), // length 0
  frame(201, []),
]);

const EXPECTED: Event[] = [
  { code: 1, payload: [] },
  { code: 38, payload: [3, 105, 103, 103, 3, 105, 103, 103, 0, 0, 0, 0, 0, 0, 0, 0] },
  { status: 3 },
  { code: 0xdead_beef, payload: [255, 0, 1] },
  { status: 3 },
  { code: 201, payload: [] },
];

describe('RequestFrameReader', () => {
  it('reads frames fed in one chunk', () => {
    const { reader, events } = collect();
    reader.push(STREAM);
    expect(events).toEqual(EXPECTED);
    expect(reader.bufferedBytes).toBe(0);
  });

  it('reads frames fed byte by byte', () => {
    const { reader, events } = collect();
    for (const byte of STREAM) reader.push(Buffer.from([byte]));
    expect(events).toEqual(EXPECTED);
    expect(reader.bufferedBytes).toBe(0);
  });

  it('reads frames split at every offset, and at every pair of offsets', () => {
    for (let a = 0; a <= STREAM.length; a++) {
      const { reader, events } = collect();
      reader.push(STREAM.subarray(0, a));
      reader.push(STREAM.subarray(a));
      expect(events).toEqual(EXPECTED);
      for (let b = a; b <= STREAM.length; b += 3) {
        const three = collect();
        three.reader.push(STREAM.subarray(0, a));
        three.reader.push(STREAM.subarray(a, b));
        three.reader.push(STREAM.subarray(b));
        expect(three.events).toEqual(EXPECTED);
      }
    }
  });

  it('hands out a view when the payload lies in one chunk and a copy when it spans chunks', () => {
    const bytes = frame(5, [1, 2, 3, 4]);
    const one = collect();
    one.reader.push(bytes);
    expect(one.payloads[0]!.buffer).toBe(bytes.buffer);
    const two = collect();
    two.reader.push(bytes.subarray(0, 10));
    two.reader.push(bytes.subarray(10));
    expect(two.payloads[0]!.buffer).not.toBe(bytes.buffer);
    expect([...two.payloads[0]!]).toEqual([1, 2, 3, 4]);
  });

  it('throws FrameTooLargeError for a length above the maximum, accepts exactly the maximum', () => {
    const ok = collect(4 + 3);
    ok.reader.push(frame(9, [1, 2, 3]));
    expect(ok.events).toEqual([{ code: 9, payload: [1, 2, 3] }]);
    const big = collect(4 + 3);
    expect(() => big.reader.push(frame(9, [1, 2, 3, 4]))).toThrow(FrameTooLargeError);
    const header = Buffer.alloc(4);
    header.writeUInt32LE(0xffff_ffff, 0);
    const huge = collect();
    expect(() => huge.reader.push(header)).toThrow(expect.objectContaining({ code: 3 }));
  });

  it('holds frames while paused and hands them out on resume', () => {
    const { reader, events } = collect();
    reader.push(frame(1, []));
    reader.pause();
    reader.push(Buffer.concat([frame(2, [7]), frame(3, [])]));
    expect(events).toEqual([{ code: 1, payload: [] }]);
    reader.resume();
    expect(events).toEqual([
      { code: 1, payload: [] },
      { code: 2, payload: [7] },
      { code: 3, payload: [] },
    ]);
  });

  it('lets the sink pause in the middle of a chunk', () => {
    const events: number[] = [];
    const reader: RequestFrameReader = new RequestFrameReader(
      {
        onRequest: (code) => {
          events.push(code);
          if (events.length === 2) reader.pause();
        },
        onMalformed: () => undefined,
      },
      100,
    );
    reader.push(Buffer.concat([frame(1, []), frame(2, []), frame(3, []), frame(4, [])]));
    expect(events).toEqual([1, 2]);
    reader.resume();
    expect(events).toEqual([1, 2, 3, 4]);
  });
});
