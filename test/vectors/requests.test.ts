// Proves our request codecs agree with what the official Node SDK 0.8.0 puts
// on the wire (vectors/requests.json): every frame decodes to its `args`, and
// our encoder reproduces the frame byte for byte (origin_timestamp ranges
// masked). Where the SDK and the Rust server differ (vectors/README.md,
// BINARY.md §9) we assert what our decoder does with the SDK's exact bytes,
// following the server, instead of copying the SDK's encoding.
import { describe, expect, it } from 'vitest';
import { IggyError } from '../../src/errors/iggy_error.js';
import { COMMAND } from '../../src/protocol/codes.js';
import { type SendMessagesBatch, type SendMessagesRequest, commandByCode, decodePolledMessages } from '../../src/protocol/commands/index.js';
import { REQUEST_HEADER_BYTES, encodeRequest, readRequestHeader } from '../../src/protocol/frame.js';
import { Reader } from '../../src/protocol/reader.js';
import { type RequestVector, commandNameOf, fromHex, requestOf, requestVectors, toHex } from './sdk_adapter.js';

const vectors = requestVectors();

function masked(frame: Uint8Array, vector: RequestVector): string {
  const copy = frame.slice();
  for (const range of vector.varying ?? []) copy.fill(0, range.start, range.end);
  return toHex(copy);
}

function errorCode(fn: () => unknown): number | string {
  try {
    fn();
  } catch (error) {
    return error instanceof IggyError ? error.code : `not an IggyError: ${String(error)}`;
  }
  return 'no error';
}

/** SDK permission bytes with stream entries lack the has-next bytes the server reads. */
const SDK_STREAM_PERMISSIONS = new Set([
  'create-user-stream-permissions-one-stream-one-topic',
  'create-user-stream-permissions-two-streams',
  'update-permissions-with-stream-and-topic',
]);
/** The SDK writes `00` + `u32 1` + `00` for "no permissions"; the server reads the 00 and stops. */
const SDK_CREATE_USER_NO_PERMISSIONS = new Set(['create-user-active-no-permissions', 'create-user-inactive-no-permissions']);
/** The SDK appends a u32 partitions_count to DeleteTopic; the server reads two identifiers. */
const SDK_DELETE_TOPIC = new Set(['delete-topic-numeric-ids', 'delete-topic-by-names']);

describe('request vectors', () => {
  it('cover every command the SDK implements (all but GetSnapshot)', () => {
    const codes = new Set(vectors.map((v) => v.code));
    const missing = Object.entries(COMMAND).filter(([, code]) => !codes.has(code)).map(([name]) => name);
    expect(missing).toEqual(['GetSnapshot']);
    expect(vectors.length).toBe(135);
  });

  for (const vector of vectors) {
    it(vector.name, () => {
      const frame = fromHex(vector.frame_hex);
      const header = readRequestHeader(frame);
      expect(header).toEqual({ length: frame.length - 4, code: vector.code });
      const command = commandByCode(vector.code)!;
      expect(command.name).toBe(commandNameOf(vector.command));
      const payload = frame.subarray(REQUEST_HEADER_BYTES);
      const expected = requestOf(vector);
      const ours = encodeRequest(command, expected);

      if (SDK_STREAM_PERMISSIONS.has(vector.name)) {
        // The server reads a has-next byte after each topic and stream entry;
        // without them it runs out of perm_len bytes (3) or stops short of it (4).
        expect(errorCode(() => command.request.decode(payload))).toBe(vector.name.endsWith('two-streams') ? 4 : 3);
        // Our bytes are the server layout: the SDK's plus one has-next byte per
        // topic and per stream entry, and they decode to the same permissions.
        const p = (expected as { permissions: { streams: Map<number, { topics: Map<number, unknown> }> } }).permissions;
        const hasNextBytes = [...p.streams.values()].reduce((n, s) => n + 1 + s.topics.size, 0);
        expect(ours.length).toBe(frame.length + hasNextBytes);
        expect(command.request.decode(ours.subarray(REQUEST_HEADER_BYTES))).toEqual(expected);
        return;
      }

      if (vector.code === COMMAND.SendMessages) {
        checkSendMessages(payload, expected as SendMessagesRequest, command.request.decode(payload) as SendMessagesBatch);
        expect(masked(ours, vector)).toBe(masked(frame, vector));
        return;
      }

      expect(command.request.decode(payload)).toEqual(expected);
      if (SDK_CREATE_USER_NO_PERMISSIONS.has(vector.name)) {
        expect(toHex(payload.subarray(-5))).toBe('0100000000');
        expect(toHex(ours.subarray(REQUEST_HEADER_BYTES))).toBe(toHex(payload.subarray(0, -5)));
      } else if (SDK_DELETE_TOPIC.has(vector.name)) {
        expect(toHex(ours.subarray(REQUEST_HEADER_BYTES))).toBe(toHex(payload.subarray(0, -4)));
      } else {
        expect(toHex(ours)).toBe(vector.frame_hex);
      }
    });
  }
});

/** The server side decodes SendMessages to views; the messages block has the polled-message layout. */
function checkSendMessages(payload: Uint8Array, expected: SendMessagesRequest, batch: SendMessagesBatch): void {
  expect(batch.streamId).toEqual(expected.streamId);
  expect(batch.topicId).toEqual(expected.topicId);
  expect(batch.partitioning).toEqual(expected.partitioning);
  expect(batch.count).toBe(expected.messages.length);
  expect(batch.messages.buffer).toBe(payload.buffer); // a view, not a copy
  const messages = decodePolledMessages(new Reader(batch.messages));
  expect(messages.map((m) => m.header.id)).toEqual(expected.messages.map((m) => m.id ?? 0n));
  expect(messages.map((m) => toHex(m.payload))).toEqual(expected.messages.map((m) => toHex(m.payload)));
  expect(messages.map((m) => m.userHeaders)).toEqual(expected.messages.map((m) => m.headers ?? []));
  const index = new DataView(batch.indexes.buffer, batch.indexes.byteOffset, batch.indexes.byteLength);
  let end = 0;
  messages.forEach((m, i) => {
    end += 64 + m.header.payloadLength + m.header.userHeadersLength;
    expect([index.getUint32(16 * i, true), index.getUint32(16 * i + 4, true), index.getBigUint64(16 * i + 8, true)]).toEqual([0, end, 0n]);
  });
  expect(end).toBe(batch.messages.length);
}
