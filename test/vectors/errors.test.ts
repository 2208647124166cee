// Uses vectors/errors.json: error statuses travel as [status][length 0] and map
// to our error table, and the OK payloads the SDK could not decode get a
// definite answer from our decoders (an IggyError code, or the server-layout
// value where the SDK was the one at fault).
import { describe, expect, it } from 'vitest';
import { IggyError } from '../../src/errors/iggy_error.js';
import { commandByCode } from '../../src/protocol/commands/index.js';
import { RESPONSE_HEADER_BYTES, encodeErrorResponse, readResponseHeader } from '../../src/protocol/frame.js';
import { commandNameOf, errorVectors, fromHex, sdkTopicsToServerOrder, toSdk } from './sdk_adapter.js';

const vectors = errorVectors();

/** status-0 vectors: the code our decoder throws, or a check of what it returns. */
const OK_BUT_BAD: Record<string, number | ((value: unknown) => void)> = {
  'ok-but-empty-payload-create-stream': 3,
  'ok-but-empty-payload-login': 3,
  'ok-but-short-payload-get-me': 3,
  'ok-but-truncated-get-stats': 3,
  'ok-but-unknown-cluster-node-role': 3,
  'ok-but-poll-unknown-header-kind': 3,
  'ok-but-poll-header-bad-fixed-size': 4019, // InvalidHeaderValue, as the Rust SDK reports it
  // The SDK insists on 26 bytes; a cluster name and zero nodes is complete to us.
  'ok-but-short-cluster-metadata': (value) => expect(value).toEqual({ name: 'c', nodes: [] }),
  // Valid server layout (has-next bytes) that the SDK's decoder overruns.
  'ok-but-user-permissions-one-stream-two-topics': (value) => {
    const user = toSdk('GetUser', value);
    expect(user.userName).toBe('erin');
    expect(user.permissions.streams).toHaveLength(1);
    expect(user.permissions.streams[0].topics.map((t: { topicId: number }) => t.topicId)).toEqual([2, 3]);
  },
  // Two topic records in the SDK's field order: the SDK takes the second for
  // partitions and throws; in server order (compression at +24) the first
  // one's compression byte reads 0 → 3. Reordered, both topics decode.
  'get-topics-two-topics': 3,
}
const REORDERED_GET_TOPICS_TWO_TOPICS = (value: unknown) => {
  expect(toSdk('GetTopics', value).map((t: { name: string; compressionAlgorithm: number; messageExpiry: string }) => [t.name, t.compressionAlgorithm, t.messageExpiry])).toEqual([
    ['events', 1, '0'],
    ['gz', 2, '60000000'],
  ]);
};

describe('error vectors', () => {
  for (const vector of vectors.filter((v) => v.status !== 0)) {
    it(`${vector.name}: status ${vector.status} travels without a payload`, () => {
      const frame = encodeErrorResponse(vector.status);
      expect(frame.length).toBe(RESPONSE_HEADER_BYTES);
      expect(readResponseHeader(frame)).toEqual({ status: vector.status, length: 0 });
      const error = IggyError.fromCode(vector.status);
      expect(error.code).toBe(vector.status);
      if (vector.status === 12345) expect(error.errorName).toBe('Error');
      else expect(error.errorName).not.toBe('Error');
    });
  }

  it('lists an expectation for every OK payload the SDK rejected or misread', () => {
    expect(vectors.filter((v) => v.status === 0).map((v) => v.name).sort()).toEqual(Object.keys(OK_BUT_BAD).sort());
  });

  for (const vector of vectors.filter((v) => v.status === 0)) {
    it(`${vector.name} decodes definitely`, () => {
      const command = commandByCode(vector.responded_to.code)!;
      expect(command.name).toBe(commandNameOf(vector.responded_to.command));
      const expected = OK_BUT_BAD[vector.name]!;
      const payload = fromHex(vector.payload_hex);
      if (typeof expected === 'number') {
        expect(() => command.response.decode(payload)).toThrow(expect.objectContaining({ code: expected }));
        if (vector.name === 'get-topics-two-topics') REORDERED_GET_TOPICS_TWO_TOPICS(command.response.decode(sdkTopicsToServerOrder(payload, [0, 57])));
      } else {
        expected(command.response.decode(payload));
      }
    });
  }
});
