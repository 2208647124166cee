// Proves the request frame reader yields the same frames however the bytes
// are split (byte by byte, at every offset), answers length < 4 in order and
// keeps reading, refuses oversize lengths, hands out views for frames inside
// one chunk, and holds frames back while paused; and that the read-into mode
// (the socket fills readBuffer(), then received(bytes)) yields the same for
// reads of every size, reads payloads into the allocator's buffers, and
// reports an oversize length after the frames before it.
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

/** Feeds `bytes` in read-into mode, as a socket would: each read at most `readMax` bytes into readBuffer(). */
function feedInto(reader: RequestFrameReader, bytes: Uint8Array, readMax: number): void {
  for (let at = 0; at < bytes.length; ) {
    const target = reader.readBuffer();
    expect(target.length).toBeGreaterThan(0);
    const n = Math.min(readMax, target.length, bytes.length - at);
    target.set(bytes.subarray(at, at + n));
    at += n;
    reader.received(n);
  }
}

describe('RequestFrameReader, read-into mode', () => {
  it('reads the same frames for reads of every size', () => {
    for (let readMax = 1; readMax <= STREAM.length; readMax++) {
      const { reader, events } = collect();
      feedInto(reader, STREAM, readMax);
      expect(events).toEqual(EXPECTED);
      expect(reader.bufferedBytes).toBe(0);
    }
  });

  it("reads each payload into the allocator's buffer, asked for by size and code", () => {
    const payload = Array.from({ length: 200_000 }, (_, i) => i & 0xff);
    const bytes = Buffer.concat([frame(101, payload), frame(38, [1, 2]), frame(1, [])]);
    for (const readMax of [7, 65_536, bytes.length]) {
      const lent: Array<{ sizeBytes: number; code: number; buffer: Buffer }> = [];
      const events: number[] = [];
      const payloads: Buffer[] = [];
      const sink = { onRequest: (code: number, p: Buffer) => (events.push(code), payloads.push(p)), onMalformed: () => undefined };
      const reader = new RequestFrameReader(sink, 1 << 20, (sizeBytes, code) => {
        const buffer = Buffer.alloc(sizeBytes);
        lent.push({ sizeBytes, code, buffer });
        return buffer;
      });
      feedInto(reader, bytes, readMax);
      expect(events).toEqual([101, 38, 1]);
      expect(lent.map(({ sizeBytes, code }) => [sizeBytes, code])).toEqual([[payload.length, 101], [2, 38]]);
      expect(payloads[0]).toBe(lent[0]!.buffer);
      expect(payloads[0]!.equals(Buffer.from(payload))).toBe(true);
      expect([...payloads[1]!]).toEqual([1, 2]);
    }
  });

  it('holds extracted frames while paused', () => {
    const { reader, events } = collect();
    reader.pause();
    feedInto(reader, Buffer.concat([frame(2, [7]), frame(3, [])]), 100);
    expect(events).toEqual([]);
    reader.resume();
    expect(events).toEqual([
      { code: 2, payload: [7] },
      { code: 3, payload: [] },
    ]);
  });

  it('throws FrameTooLargeError after handing out the frames before it, then ignores the rest', () => {
    const { reader, events } = collect(4 + 3);
    const big = frame(9, [1, 2, 3, 4]);
    expect(() => feedInto(reader, Buffer.concat([frame(1, []), big, frame(1, [])]), 100)).toThrow(FrameTooLargeError);
    expect(events).toEqual([{ code: 1, payload: [] }]);
    feedInto(reader, frame(1, []), 100);
    expect(events).toHaveLength(1);
  });
});
