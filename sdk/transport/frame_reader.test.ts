// Proves the response frame reader yields exactly the frames written, whatever
// the chunking: byte by byte, split at every offset, several frames per chunk,
// empty payloads, and that an over-limit length is refused.
import { describe, expect, it } from 'vitest';
import { IggyError } from '../../src/errors/iggy_error.js';
import { ResponseFrameReader } from './frame_reader.js';

function frame(status: number, payload: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(8 + payload.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, status, true);
  view.setUint32(4, payload.length, true);
  bytes.set(payload, 8);
  return bytes;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function collect(limit = 1 << 20) {
  const frames: { status: number; payload: number[] }[] = [];
  const reader = new ResponseFrameReader((status, payload) => frames.push({ status, payload: [...payload] }), limit);
  return { frames, reader };
}

const FRAMES = [
  { status: 0, payload: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] },
  { status: 1009, payload: [] },
  { status: 0, payload: [] },
  { status: 0, payload: Array.from({ length: 300 }, (_, i) => (i * 7) & 0xff) },
  { status: 0xffffffff, payload: [0xff, 0xfe] },
];
const STREAM = concat(FRAMES.map((f) => frame(f.status, Uint8Array.from(f.payload))));

describe('ResponseFrameReader', () => {
  it('reads frames pushed whole', () => {
    const { frames, reader } = collect();
    reader.push(STREAM);
    expect(frames).toEqual(FRAMES);
    expect(reader.bufferedBytes).toBe(0);
  });

  it('reads frames fed byte by byte', () => {
    const { frames, reader } = collect();
    for (let i = 0; i < STREAM.length; i++) reader.push(STREAM.subarray(i, i + 1));
    expect(frames).toEqual(FRAMES);
    expect(reader.bufferedBytes).toBe(0);
  });

  it('reads frames split at every offset, in two and three pieces', () => {
    for (let a = 0; a <= STREAM.length; a++) {
      const { frames, reader } = collect();
      reader.push(STREAM.subarray(0, a));
      reader.push(STREAM.subarray(a));
      expect(frames).toEqual(FRAMES);
    }
    for (let a = 0; a <= STREAM.length; a += 3) {
      for (let b = a; b <= STREAM.length; b += 5) {
        const { frames, reader } = collect();
        reader.push(STREAM.subarray(0, a));
        reader.push(STREAM.subarray(a, b));
        reader.push(STREAM.subarray(b));
        expect(frames).toEqual(FRAMES);
      }
    }
  });

  it('hands out a view when the payload lies in one chunk and a copy otherwise', () => {
    const payloads: Uint8Array[] = [];
    const reader = new ResponseFrameReader((_, p) => payloads.push(p), 1024);
    const whole = frame(0, Uint8Array.of(9, 8, 7));
    reader.push(whole);
    expect(payloads[0]!.buffer).toBe(whole.buffer);
    reader.push(whole.subarray(0, 9));
    reader.push(whole.subarray(9));
    expect([...payloads[1]!]).toEqual([9, 8, 7]);
    expect(payloads[1]!.buffer).not.toBe(whole.buffer);
  });

  it('refuses a length above the limit before buffering the payload', () => {
    const { frames, reader } = collect(16);
    reader.push(frame(0, new Uint8Array(16)));
    expect(frames).toHaveLength(1);
    const big = frame(0, new Uint8Array(17));
    try {
      reader.push(big.subarray(0, 8));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(IggyError);
      expect((error as IggyError).errorName).toBe('InvalidBytesResponse');
    }
  });

  it('drops buffered bytes on reset', () => {
    const { frames, reader } = collect();
    reader.push(STREAM.subarray(0, 13));
    reader.reset();
    reader.push(STREAM);
    expect(frames).toEqual(FRAMES);
  });
});
