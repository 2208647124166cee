// Proves our response codecs read what the SDK was given (vectors/responses.json)
// the way the SDK read it, and that our server-side encoders write those bytes
// back. Payloads built in the SDK's topic-record order, and the entries marked
// DIVERGENCE, are asserted against the Rust server layout instead (BINARY.md §8.0,
// vectors/README.md "Divergences").
import { describe, expect, it } from 'vitest';
import { IggyError } from '../../src/errors/iggy_error.js';
import { commandByCode } from '../../src/protocol/commands/index.js';
import { encodePayload } from '../../src/protocol/frame.js';
import { type ResponseVector, commandNameOf, fromHex, responseVectors, sdkTopicsToServerOrder, toHex, toSdk } from './sdk_adapter.js';

const vectors = responseVectors();
const byName = new Map(vectors.map((v) => [v.name, v]));

/**
 * Topic records laid out as the Node SDK reads them (compression at +16,
 * expiry at +17), with the offsets where each topic record starts. The Rust
 * server writes expiry at +16 and compression at +24.
 */
const SDK_TOPIC_LAYOUT: Record<string, number[]> = {
  'create-topic': [0],
  'get-topic': [0],
  'get-topic-gzip-expiry-maxsize': [0],
  'get-topics-one': [0],
};

/** Vectors whose bytes our encoder does not write back, and why. */
const NOT_REENCODED: Record<string, string> = {
  'get-stats': 'the SDK payload stops after kernel_version; our server writes every field',
  'get-stats-with-trailing-server-fields': 'stops after the cache metrics; we write threads and disk too',
  'get-cluster-metadata-zero-nodes': '18 padding bytes for the SDK, ignored by our decoder',
  'void-command-with-unexpected-payload-returns-false': 'a void response has no payload',
};

function decode(vector: ResponseVector, payload: Uint8Array): unknown {
  return commandByCode(vector.code)!.response.decode(payload);
}

describe('response vectors', () => {
  for (const vector of vectors) {
    it(vector.name, () => {
      const command = commandByCode(vector.code)!;
      const name = commandNameOf(vector.command);
      expect(command.name).toBe(name);
      let payload = fromHex(vector.payload_hex);

      if (vector.name in SDK_TOPIC_LAYOUT) {
        // Read in server order, the SDK's bytes give other values (or an
        // invalid compression code): the same fields must be reordered first.
        let misread: unknown;
        try {
          misread = toSdk(name, decode(vector, payload));
        } catch (error) {
          expect(error).toBeInstanceOf(IggyError);
          expect((error as IggyError).code).toBe(3);
        }
        expect(misread).not.toEqual(vector.decoded);
        payload = sdkTopicsToServerOrder(payload, SDK_TOPIC_LAYOUT[vector.name]!);
      }

      const decoded = decode(vector, payload);
      if (vector.name === 'get-topic-rust-server-field-order') {
        // DIVERGENCE: these are the server's bytes; the SDK misreads them
        // (compression 0, a huge expiry). We read the true values: those of
        // the same topic sent in the SDK's order.
        expect(toSdk(name, decoded)).toEqual(byName.get('get-topic-gzip-expiry-maxsize')!.decoded);
      } else if (vector.name === 'get-user-two-streams-sdk-drops-second') {
        // DIVERGENCE: valid server-layout permissions with two streams; the SDK
        // keeps only the first, we keep both.
        const ours = toSdk(name, decoded);
        expect(ours.permissions.streams).toHaveLength(2);
        expect({ ...ours, permissions: { ...ours.permissions, streams: ours.permissions.streams.slice(0, 1) } }).toEqual(vector.decoded);
        expect(ours.permissions.streams[1].streamId).toBe(2);
      } else if (vector.name === 'get-tokens-three-sdk-misparses') {
        // DIVERGENCE: the SDK's list decoder loses the third token; we read all three.
        const ours = toSdk(name, decoded);
        expect(ours.slice(0, 2)).toEqual(vector.decoded);
        expect(ours[2]).toEqual({ name: 'cc', expiry: '2025-01-03T00:00:00.500Z' });
      } else if (vector.name === 'get-stream-with-topics-appended') {
        // The server appends the stream's topic records (server order); the
        // SDK reads only the stream record, we read the topics as well.
        expect(toSdk(name, decoded)).toEqual(vector.decoded);
        const topics = (decoded as { topics: unknown[] }).topics.map((t) => toSdk('GetTopics', [t])[0]);
        expect(topics).toEqual([
          { ...byName.get('get-topics-one')!.decoded[0] },
          { ...byName.get('get-topic-gzip-expiry-maxsize')!.decoded, partitions: [] },
        ]);
      } else if (vector.name === 'void-command-with-unexpected-payload-returns-false') {
        // The SDK reports `false` for a void command with a payload; our codec
        // ignores trailing bytes (the client layer may still flag it).
        expect(decoded).toBeUndefined();
      } else {
        expect(toSdk(name, decoded)).toEqual(vector.decoded);
      }

      if (vector.name in NOT_REENCODED) return;
      const encoded = encodePayload(command.response, decoded);
      if (name === 'PollMessages') {
        // The server writes the 16-byte header; stored messages follow as chunks.
        expect(toHex(encoded)).toBe(toHex(payload.subarray(0, 16)));
      } else {
        expect(toHex(encoded)).toBe(toHex(payload));
      }
    });
  }

  it('the payloads we do not write back still decode (reasons in NOT_REENCODED)', () => {
    for (const name of Object.keys(NOT_REENCODED)) expect(byName.has(name)).toBe(true);
    const stats = decode(byName.get('get-stats-with-trailing-server-fields')!, fromHex(byName.get('get-stats-with-trailing-server-fields')!.payload_hex));
    expect(stats).toMatchObject({ iggyServerVersion: '0.6.0', iggyServerSemver: 6000, cacheMetrics: [], threadsCount: 0 });
  });
});
