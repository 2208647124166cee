// Proves frame headers match BINARY.md §2.1: request length counts the code,
// response length counts only the payload, and encoders allocate exactly.
import { describe, expect, it } from 'vitest';
import { EMPTY_CODEC } from './codec.js';
import {
  REQUEST_HEADER_BYTES,
  RESPONSE_HEADER_BYTES,
  encodeErrorResponse,
  encodeRequest,
  encodeResponse,
  readRequestHeader,
  readResponseHeader,
} from './frame.js';
import { Reader, Writer } from './reader.js';

const u32Codec = {
  sizeBytes: () => 4,
  encodeInto: (target: Uint8Array, offset: number, value: number) => new Writer(target, offset).u32(value).offset,
  decode: (payload: Uint8Array) => new Reader(payload).u32(),
};

describe('frames', () => {
  it('encodes a Ping request as the 8 bytes the SDK sends', () => {
    const frame = encodeRequest({ code: 1, request: EMPTY_CODEC }, undefined);
    expect(Buffer.from(frame).toString('hex')).toBe('0400000001000000');
  });

  it('counts the code in the request length and writes the payload after 8 bytes', () => {
    const frame = encodeRequest({ code: 21, request: u32Codec }, 0xabcdef01);
    expect(frame.length).toBe(REQUEST_HEADER_BYTES + 4);
    expect(readRequestHeader(frame)).toEqual({ length: 8, code: 21 });
    expect(u32Codec.decode(frame.subarray(8))).toBe(0xabcdef01);
  });

  it('writes OK responses with the payload length only, and errors with none', () => {
    const frame = encodeResponse({ code: 38, response: u32Codec }, 7);
    expect(frame.length).toBe(RESPONSE_HEADER_BYTES + 4);
    expect(readResponseHeader(frame)).toEqual({ status: 0, length: 4 });
    expect(Buffer.from(encodeErrorResponse(1009)).toString('hex')).toBe('f103000000000000');
  });

  it('uses the given allocator once', () => {
    let calls = 0;
    const frame = encodeRequest({ code: 21, request: u32Codec }, 1, (n) => {
      calls++;
      return Buffer.allocUnsafe(n);
    });
    expect(calls).toBe(1);
    expect(Buffer.isBuffer(frame)).toBe(true);
    expect(readRequestHeader(frame).code).toBe(21);
  });
});
