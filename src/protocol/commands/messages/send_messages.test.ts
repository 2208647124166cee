// Proves the SendMessages codec: the client encoder writes metadata, the
// cumulative index and 64-byte headers per BINARY.md §4.4, and the server
// decoder returns views (no copies) with the metadata checks' error codes.
import { describe, expect, it } from 'vitest';
import { IggyError } from '../../../errors/iggy_error.js';
import { encodePayload, encodeRequest } from '../../frame.js';
import { headerValue } from '../../user_headers.js';
import { type SendMessagesRequest, sendMessages } from './send_messages.js';

const request: SendMessagesRequest = {
  streamId: { kind: 'numeric', value: 1 },
  topicId: { kind: 'string', value: 'events' },
  partitioning: { kind: 3, key: Uint8Array.of(7, 7) },
  messages: [
    { payload: Uint8Array.of(1, 2, 3) },
    { id: (1n << 127n) | 5n, payload: new Uint8Array(0), originTimestamp: 1_700_000_000_000_000n, headers: [{ key: headerValue.string('a'), value: headerValue.bool(true) }] },
  ],
};

function codeOf(fn: () => unknown): number | string {
  try {
    fn();
  } catch (error) {
    return error instanceof IggyError ? error.code : String(error);
  }
  return 'no error';
}

describe('SendMessages', () => {
  it('encodes metadata, cumulative index ends and headers, and decodes to views', () => {
    const payload = encodePayload(sendMessages.request, request);
    const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
    const metadataBytes = view.getUint32(0, true);
    expect(metadataBytes).toBe(6 + 8 + 4 + 4);
    const batch = sendMessages.request.decode(payload);
    expect(batch.streamId).toEqual(request.streamId);
    expect(batch.topicId).toEqual(request.topicId);
    expect(batch.partitioning).toEqual(request.partitioning);
    expect(batch.count).toBe(2);
    expect(batch.indexes.length).toBe(32);
    const first = 64 + 3;
    const second = 64 + 0 + 12;
    const index = new DataView(batch.indexes.buffer, batch.indexes.byteOffset, 32);
    expect([index.getUint32(0, true), index.getUint32(4, true), index.getBigUint64(8, true)]).toEqual([0, first, 0n]);
    expect(index.getUint32(20, true)).toBe(first + second);
    expect(batch.messages.length).toBe(first + second);
    expect(batch.messages.buffer).toBe(payload.buffer);
    expect(batch.indexes.buffer).toBe(payload.buffer);
    const m = new DataView(batch.messages.buffer, batch.messages.byteOffset + first, second);
    expect(m.getBigUint64(8, true) | (m.getBigUint64(16, true) << 64n)).toBe((1n << 127n) | 5n);
    expect(m.getBigUint64(40, true)).toBe(1_700_000_000_000_000n);
    expect([m.getUint32(48, true), m.getUint32(52, true)]).toEqual([12, 0]);
  });

  it('maps metadata problems to the server codes', () => {
    const good = encodePayload(sendMessages.request, request);
    const mutate = (at: number, value: number) => {
      const copy = good.slice();
      copy[at] = value;
      return copy;
    };
    expect(codeOf(() => sendMessages.request.decode(mutate(4, 9)))).toBe(6); // stream id kind
    expect(codeOf(() => sendMessages.request.decode(mutate(5, 3)))).toBe(6); // numeric length
    expect(codeOf(() => sendMessages.request.decode(mutate(10, 0)))).toBe(6); // empty topic name
    expect(codeOf(() => sendMessages.request.decode(mutate(18, 4)))).toBe(3); // partitioning kind
    expect(codeOf(() => sendMessages.request.decode(mutate(0, 3)))).toBe(6); // metadata too short for the count
    expect(codeOf(() => sendMessages.request.decode(mutate(0, 200)))).toBe(3); // metadata past the payload
    const zero = good.slice();
    new DataView(zero.buffer).setUint32(4 + 22 - 4, 0, true);
    expect(codeOf(() => sendMessages.request.decode(zero))).toBe(4009);
    const many = good.slice();
    new DataView(many.buffer).setUint32(4 + 22 - 4, 1000, true);
    expect(codeOf(() => sendMessages.request.decode(many))).toBe(3);
  });

  it('writes every byte itself, so a dirty (allocUnsafe) target gives the same frame', () => {
    const clean = encodeRequest(sendMessages, request);
    const dirty = encodeRequest(sendMessages, request, (n) => new Uint8Array(n).fill(0xaa));
    expect(Buffer.from(dirty).equals(Buffer.from(clean))).toBe(true);
  });

  it('rejects ids and timestamps outside their wire range', () => {
    expect(codeOf(() => encodePayload(sendMessages.request, { ...request, messages: [{ id: 1n << 128n, payload: new Uint8Array(1) }] }))).toBe(4);
    expect(codeOf(() => encodePayload(sendMessages.request, { ...request, messages: [{ originTimestamp: -1n, payload: new Uint8Array(1) }] }))).toBe(4);
  });

  it('refuses to encode an empty batch', () => {
    expect(codeOf(() => encodePayload(sendMessages.request, { ...request, messages: [] }))).toBe(4009);
  });
});
