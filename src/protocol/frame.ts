// Frames (BINARY.md §2.1):
//   request  = [length u32 = 4 + payload][code u32][payload]
//   response = [status u32 (0 = OK)][length u32 = payload][payload]
// Errors carry no payload. Encoders size first, allocate once, write the
// header, then `encodeInto(frame, 8, value)` (STYLE.md §3).
import { assert } from '../assert.js';
import type { Codec } from './codec.js';
import { U32_MAX } from './types.js';

export const REQUEST_HEADER_BYTES = 8;
export const RESPONSE_HEADER_BYTES = 8;

export type Allocate = (sizeBytes: number) => Uint8Array;

/** Browser-safe default; the server passes `Buffer.allocUnsafe`. */
export const allocateZeroed: Allocate = (sizeBytes) => new Uint8Array(sizeBytes);

function setU32(target: Uint8Array, offset: number, value: number): void {
  assert(Number.isInteger(value) && value >= 0 && value <= U32_MAX, `u32 out of range: ${value}`);
  target[offset] = value & 0xff;
  target[offset + 1] = (value >>> 8) & 0xff;
  target[offset + 2] = (value >>> 16) & 0xff;
  target[offset + 3] = value >>> 24;
}

function getU32(source: Uint8Array, offset: number): number {
  assert(offset + 4 <= source.length, 'u32 read past the end');
  return ((source[offset] as number) | ((source[offset + 1] as number) << 8) | ((source[offset + 2] as number) << 16)) + (source[offset + 3] as number) * 0x100_0000;
}

/** Writes a request header for a payload of `payloadBytes`; returns the payload offset. */
export function writeRequestHeader(target: Uint8Array, offset: number, code: number, payloadBytes: number): number {
  setU32(target, offset, 4 + payloadBytes);
  setU32(target, offset + 4, code);
  return offset + REQUEST_HEADER_BYTES;
}

/** Reads `[length][code]` at `offset` (the caller has checked 8 bytes are there). */
export function readRequestHeader(source: Uint8Array, offset = 0): { length: number; code: number } {
  return { length: getU32(source, offset), code: getU32(source, offset + 4) };
}

/** Writes a response header; returns the payload offset. */
export function writeResponseHeader(target: Uint8Array, offset: number, status: number, payloadBytes: number): number {
  setU32(target, offset, status);
  setU32(target, offset + 4, payloadBytes);
  return offset + RESPONSE_HEADER_BYTES;
}

/** Reads `[status][length]` at `offset` (the caller has checked 8 bytes are there). */
export function readResponseHeader(source: Uint8Array, offset = 0): { status: number; length: number } {
  return { status: getU32(source, offset), length: getU32(source, offset + 4) };
}

/** One whole request frame, allocated once. */
export function encodeRequest<T>(
  command: { readonly code: number; readonly request: Pick<Codec<T, unknown>, 'sizeBytes' | 'encodeInto'> },
  request: T,
  allocate: Allocate = allocateZeroed,
): Uint8Array {
  const payloadBytes = command.request.sizeBytes(request);
  const frame = allocate(REQUEST_HEADER_BYTES + payloadBytes);
  const start = writeRequestHeader(frame, 0, command.code, payloadBytes);
  const end = command.request.encodeInto(frame, start, request);
  assert(end === frame.length, `${command.code}: sizeBytes ${payloadBytes} but wrote ${end - start}`);
  return frame;
}

/** One whole OK response frame (status 0), allocated once. */
export function encodeResponse<T>(
  command: { readonly code: number; readonly response: Pick<Codec<T, unknown>, 'sizeBytes' | 'encodeInto'> },
  response: T,
  allocate: Allocate = allocateZeroed,
): Uint8Array {
  const payloadBytes = command.response.sizeBytes(response);
  const frame = allocate(RESPONSE_HEADER_BYTES + payloadBytes);
  const start = writeResponseHeader(frame, 0, 0, payloadBytes);
  const end = command.response.encodeInto(frame, start, response);
  assert(end === frame.length, `${command.code}: sizeBytes ${payloadBytes} but wrote ${end - start}`);
  return frame;
}

/** Just the OK payload of a response (no header), allocated once: what handlers reply with. */
export function encodePayload<T>(codec: Pick<Codec<T, unknown>, 'sizeBytes' | 'encodeInto'>, value: T, allocate: Allocate = allocateZeroed): Uint8Array {
  const payloadBytes = codec.sizeBytes(value);
  const payload = allocate(payloadBytes);
  const end = codec.encodeInto(payload, 0, value);
  assert(end === payloadBytes, `sizeBytes ${payloadBytes} but wrote ${end}`);
  return payload;
}

/** An error response: the status and an empty payload (errors never carry one). */
export function encodeErrorResponse(status: number): Uint8Array {
  assert(status !== 0, 'an error status is non-zero');
  const frame = new Uint8Array(RESPONSE_HEADER_BYTES);
  writeResponseHeader(frame, 0, status, 0);
  return frame;
}
