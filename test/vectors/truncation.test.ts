// Proves no cut of a valid payload makes a decoder throw anything but an
// IggyError with code 3 (truncated) or 4 (structural), never a RangeError or
// a silent wrong read: every request/response vector is decoded cut at every
// byte (STYLE.md §8). Requests in our exact layout must fail at every cut;
// responses may succeed at a record boundary (lists, trailing optional groups).
import { describe, expect, it } from 'vitest';
import { IggyError } from '../../src/errors/iggy_error.js';
import { commandByCode } from '../../src/protocol/commands/index.js';
import { REQUEST_HEADER_BYTES, encodeRequest } from '../../src/protocol/frame.js';
import { fromHex, requestOf, requestVectors, responseVectors } from './sdk_adapter.js';

function messagesBlockStart(payload: Uint8Array): number {
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  const metadataBytes = view.getUint32(0, true);
  return 4 + metadataBytes + 16 * view.getUint32(metadataBytes, true);
}

function outcome(decode: (payload: Uint8Array) => unknown, payload: Uint8Array): 'ok' | number {
  try {
    decode(payload);
    return 'ok';
  } catch (error) {
    if (!(error instanceof IggyError)) throw new Error(`not an IggyError at ${payload.length} bytes: ${String(error)}`, { cause: error });
    return error.code;
  }
}

/** Cuts into a fresh buffer, so a decoder that reads past the view's end cannot see the rest. */
function cut(payload: Uint8Array, length: number): Uint8Array {
  return payload.slice(0, length);
}

describe('truncated requests', () => {
  it('fail with 3 or 4 at every cut of every vector, SDK bytes and ours', () => {
    let cuts = 0;
    for (const vector of requestVectors()) {
      const command = commandByCode(vector.code)!;
      const sdkPayload = fromHex(vector.frame_hex).subarray(REQUEST_HEADER_BYTES);
      const ourPayload = encodeRequest(command, requestOf(vector)).subarray(REQUEST_HEADER_BYTES);
      for (let length = 0; length < sdkPayload.length; length++) {
        const result = outcome(command.request.decode, cut(sdkPayload, length));
        if (result !== 'ok') expect([3, 4], `${vector.name} cut at ${length}`).toContain(result);
        cuts++;
      }
      // SendMessages decodes metadata and the index table only; the messages
      // block is validated per message by the core, so cuts inside it pass here.
      const strictEnd = vector.code === 101 ? messagesBlockStart(ourPayload) : ourPayload.length;
      for (let length = 0; length < strictEnd; length++) {
        expect([3, 4], `${vector.name} (ours) cut at ${length}`).toContain(outcome(command.request.decode, cut(ourPayload, length)));
        cuts++;
      }
    }
    expect(cuts).toBeGreaterThan(5_000);
  });
});

describe('truncated responses', () => {
  it('fail with 3 or 4, or decode a shorter valid prefix, at every cut', () => {
    for (const vector of responseVectors()) {
      const decode = commandByCode(vector.code)!.response.decode;
      const payload = fromHex(vector.payload_hex);
      for (let length = 1; length < payload.length; length++) {
        const result = outcome(decode, cut(payload, length));
        if (result !== 'ok') expect([3, 4], `${vector.name} cut at ${length}`).toContain(result);
      }
    }
  });

  it('fail for fixed-size records cut anywhere', () => {
    for (const name of ['login-user', 'get-offset', 'create-stream', 'get-user-with-permissions-1-stream-1-topic', 'get-me-with-consumer-group-details', 'get-cluster-metadata']) {
      const vector = responseVectors().find((v) => v.name === name)!;
      const decode = commandByCode(vector.code)!.response.decode;
      const payload = fromHex(vector.payload_hex);
      for (let length = 1; length < payload.length; length++) {
        expect([3, 4], `${name} cut at ${length}`).toContain(outcome(decode, cut(payload, length)));
      }
    }
  });
});
