// Iggy's JSON shapes: human-readable sizes exactly as byte-unit prints them
// (HTTP.md §1 examples), identifiers in paths, and u64 fields kept exact.
import { describe, expect, it } from 'vitest';
import { CompressionAlgorithm, U64_MAX } from '../../protocol/types.js';
import { writeJson } from './json.js';
import { parseIdentifier, parseU32Param } from './path.js';
import { topicJson } from './shapes.js';
import { formatSize } from './size.js';

describe('formatSize', () => {
  it.each([
    [0n, '0 B'], [77n, '77 B'], [1000n, '1 KB'], [1024n, '1 KiB'], [1500n, '1.5 KB'],
    [3_211_776n, '3136.5 KiB'], [1_073_741_824n, '1 GiB'], [1001n, '1.001 KB'], [1023n, '1.023 KB'], [1_000_001n, '1000.001 KB'], [999n, '999 B'],
    [2_000_000n, '2 MB'], [1_048_576n * 3n, '3 MiB'],
  ])('%s bytes -> %s', (bytes, text) => {
    expect(formatSize(bytes)).toBe(text);
  });
});

describe('parseIdentifier', () => {
  it('reads u32 text as numeric, the rest as a name', () => {
    expect(parseIdentifier('7', 'stream_id')).toEqual({ kind: 'numeric', value: 7 });
    expect(parseIdentifier('4294967295', 'stream_id')).toEqual({ kind: 'numeric', value: 4294967295 });
    expect(parseIdentifier('4294967296', 'stream_id')).toEqual({ kind: 'string', value: '4294967296' });
    expect(parseIdentifier('orders', 'stream_id')).toEqual({ kind: 'string', value: 'orders' });
  });

  it('rejects a name of 256 bytes with InvalidIdentifier (6)', () => {
    expect(parseIdentifier('x'.repeat(255), 's').kind).toBe('string');
    expect(() => parseIdentifier('x'.repeat(256), 's')).toThrow(expect.objectContaining({ code: 6 }));
  });

  it('reads u32 params or fails with InvalidFormat (4)', () => {
    expect(parseU32Param('12', 'partition_id')).toBe(12);
    expect(() => parseU32Param('x', 'partition_id')).toThrow(expect.objectContaining({ code: 4 }));
    expect(() => parseU32Param('4294967296', 'partition_id')).toThrow(expect.objectContaining({ code: 4 }));
  });
});

describe('topicJson', () => {
  it('keeps u64 sentinels exact', () => {
    const text = writeJson(topicJson({
      id: 1, createdAtUs: 1_700_000_000_000_000n, name: 't', partitionsCount: 2, compression: CompressionAlgorithm.Gzip,
      messageExpiryUs: U64_MAX, maxTopicSizeBytes: U64_MAX, replicationFactor: 1, sizeBytes: 1024n, messagesCount: 0n,
    }));
    expect(text).toBe('{"id":1,"created_at":1700000000000000,"name":"t","size":"1 KiB","message_expiry":18446744073709551615,'
      + '"compression_algorithm":"gzip","max_topic_size":18446744073709551615,"replication_factor":1,"messages_count":0,"partitions_count":2}');
  });
});
