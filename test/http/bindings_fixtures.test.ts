// The bindings against Iggy's own JSON (HTTP.md examples, copied into
// test/fixtures/http/examples.json): field names, u64 sentinels as bare
// numbers, size strings, Base64 payloads and partitioning, UUID message ids,
// and the snake_case / PascalCase enum names, read and written exactly.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  createTopicBinding, decodeBase64, flushUnsavedBufferBinding, encodeBase64, formatSize, getClusterMetadataBinding, getSnapshotBinding, getTopicBinding,
  loginUserBinding, parseJson, parseSize, permissionsJson, pollMessagesBinding, readPermissions, sendMessagesBinding, Fields, writeJson,
  type JsonValue,
} from '../../src/protocol/http/index.js';
import { CompressionAlgorithm, HeaderKind, PartitioningKind, U64_MAX } from '../../src/protocol/types.js';
import { SnapshotCompression, SnapshotType } from '../../src/protocol/commands/system/get_snapshot.js';

const fixtures = parseJson(readFileSync(new URL('../fixtures/http/examples.json', import.meta.url), 'utf8')) as Record<string, JsonValue>;
const fixture = (key: string): JsonValue => fixtures[key]!;
const ST = { stream_id: '1', topic_id: 'orders' };

describe('Iggy JSON examples', () => {
  it('formats and reads sizes as byte-unit does', () => {
    for (const [bytes, text] of fixture('sizes') as Array<[number, string]>) {
      expect(formatSize(BigInt(bytes))).toBe(text);
      expect(parseSize(text, 'size')).toBe(BigInt(bytes));
    }
    expect(parseSize(1234, 'size')).toBe(1234n);
    expect(() => parseSize('12 parsecs', 'size')).toThrow(expect.objectContaining({ code: 4 }));
  });

  it('reads IdentityInfo, expiry in seconds', () => {
    const info = loginUserBinding.readResponse({ status: 200, json: fixture('identity_info') });
    expect(info).toEqual({ userId: 0, accessToken: { token: '<jwt>', expiryS: 1_700_003_600 } });
    expect(writeJson(loginUserBinding.writeResponse(info).json!)).toBe(writeJson(fixture('identity_info')));
  });

  it('reads a send body with partition id, UUID and u128 ids and typed headers', () => {
    const request = sendMessagesBinding.readRequest({ params: ST, query: {}, body: fixture('send_messages') });
    expect(request.partitioning).toEqual({ kind: PartitioningKind.PartitionId, partitionId: 1 });
    expect(request.messages.map((m) => m.id)).toEqual([0n, 0x0195b2c41f7e7a3b9c2d4e5f60718293n, (1n << 128n) - 1n]);
    expect(new TextDecoder().decode(request.messages[0]!.payload)).toBe('hello');
    expect(request.messages[1]!.headers).toEqual([{ key: { kind: HeaderKind.String, value: new TextEncoder().encode('key') }, value: { kind: HeaderKind.Uint32, value: Uint8Array.of(42, 0, 0, 0) } }]);
    expect(request.messages[2]!.headers).toBeUndefined();
  });

  it('refuses bad partitioning and empty payloads with the right codes', () => {
    const body = (partitioning: JsonValue, payload = 'aGk='): JsonValue => ({ partitioning, messages: [{ payload }] });
    const read = (b: JsonValue) => () => sendMessagesBinding.readRequest({ params: ST, query: {}, body: b });
    expect(read(body({ kind: 'partition_id', value: 'AAA=' }))).toThrow(expect.objectContaining({ code: 4028 }));
    expect(read(body({ kind: 'messages_key', value: '' }))).toThrow(expect.objectContaining({ code: 4028 }));
    expect(read(body({ kind: 'balanced' }))).toThrow(expect.objectContaining({ code: 4 }));
    expect(read(body({ kind: 'balanced', value: '' }, ''))).toThrow(expect.objectContaining({ code: 4 }));
    expect(read(body({ kind: 'balanced', value: '' }, 'a$==') )).toThrow(expect.objectContaining({ code: 4 }));
    expect(decodeBase64(fixture('partition_id_zero_base64') as string, 'v')).toEqual(Uint8Array.of(0, 0, 0, 0));
  });

  it('writes partitioning and message ids as Iggy reads them', () => {
    const out = sendMessagesBinding.writeRequest({
      streamId: { kind: 'numeric', value: 1 }, topicId: { kind: 'numeric', value: 2 },
      partitioning: { kind: PartitioningKind.PartitionId, partitionId: 0 }, messages: [{ id: U64_MAX, payload: new TextEncoder().encode('hello') }],
    });
    expect(writeJson(out.body!)).toBe('{"partitioning":{"kind":"partition_id","value":"AAAAAA=="},"messages":[{"id":18446744073709551615,"payload":"aGVsbG8=","user_headers":[]}]}');
  });

  it('writes ids above u64::MAX as decimal strings, empty polls as zeros, and reads the Rust SDK flush path', () => {
    const out = sendMessagesBinding.writeRequest({
      streamId: { kind: 'numeric', value: 1 }, topicId: { kind: 'numeric', value: 2 }, partitioning: { kind: PartitioningKind.Balanced },
      messages: [{ id: U64_MAX + 1n, payload: Uint8Array.of(1) }],
    });
    expect(writeJson(out.body!)).toContain('"id":"18446744073709551616"');
    expect(writeJson(pollMessagesBinding.writeResponse({ partitionId: 3, currentOffset: 9n, count: 0, messages: [] }).json!)).toBe(writeJson(fixture('empty_poll')));
    expect(flushUnsavedBufferBinding.readRequest({ params: { ...ST, partition_id: '0', fsync: 'fsync=true' }, query: {}, body: undefined }).fsync).toBe(true);
  });

  it('reads a create-topic body with u64::MAX expiry and a null replication factor', () => {
    const request = createTopicBinding.readRequest({ params: { stream_id: 'shop' }, query: {}, body: fixture('create_topic') });
    expect(request).toEqual({
      streamId: { kind: 'string', value: 'shop' }, name: 'orders', partitionsCount: 3, compression: CompressionAlgorithm.Gzip,
      messageExpiryUs: U64_MAX, maxTopicSizeBytes: 0n, replicationFactor: 0,
    });
    expect(() => createTopicBinding.readRequest({ params: { stream_id: '1' }, query: {}, body: { ...(fixture('create_topic') as object), replication_factor: 0 } }))
      .toThrow(expect.objectContaining({ code: 2018 }));
  });

  it('reads a topic with exact u64 fields and writes the same text back', () => {
    const details = getTopicBinding.readResponse({ status: 200, json: { ...(fixture('topic') as object), partitions: [] } });
    expect(details!.topic.messagesCount).toBe(9_007_199_254_740_993n);
    expect(details!.topic.maxTopicSizeBytes).toBe(U64_MAX);
    expect(writeJson(getTopicBinding.writeResponse(details).json!)).toBe(writeJson({ ...(fixture('topic') as object), partitions: [] }));
  });

  it('reads and writes permissions keyed by id strings', () => {
    const permissions = readPermissions(Fields.of(fixture('permissions'), 'permissions'));
    expect(permissions.streams.get(1)?.topics.get(2)?.manageTopic).toBe(true);
    expect(writeJson(permissionsJson(permissions))).toBe(writeJson(fixture('permissions')));
  });

  it('reads the snapshot request in PascalCase', () => {
    expect(getSnapshotBinding.readRequest({ params: {}, query: {}, body: fixture('snapshot') })).toEqual({
      compression: SnapshotCompression.Deflated, types: [SnapshotType.FilesystemOverview, SnapshotType.ServerConfig],
    });
    expect(() => getSnapshotBinding.readRequest({ params: {}, query: {}, body: { compression: 'Rar', snapshot_types: [] } })).toThrow(expect.objectContaining({ code: 4 }));
  });

  it('reads cluster metadata with role and status names', () => {
    const metadata = getClusterMetadataBinding.readResponse({ status: 200, json: fixture('cluster_metadata') });
    expect(metadata.nodes[0]).toEqual({ name: 'node-1', ip: '127.0.0.1', endpoints: { tcp: 8090, quic: 8080, http: 3000, websocket: 8092 }, role: 0, status: 0 });
    expect(writeJson(getClusterMetadataBinding.writeResponse(metadata).json!)).toBe(writeJson(fixture('cluster_metadata')));
  });

  it('reads the empty poll body and the poll query with Iggy defaults and aliases', () => {
    expect(pollMessagesBinding.readResponse({ status: 200, json: fixture('empty_poll') })).toEqual({ partitionId: 0, currentOffset: 0n, count: 0, messages: [] });
    const request = pollMessagesBinding.readRequest({ params: ST, query: { kind: 'l', value: '18446744073709551615' }, body: undefined });
    expect(request).toMatchObject({ consumer: { kind: 1, id: { kind: 'numeric', value: 1 } }, partitionId: null, strategy: { kind: 4, value: U64_MAX }, count: 10, autoCommit: false });
    expect(() => pollMessagesBinding.readRequest({ params: ST, query: { kind: 'sideways' }, body: undefined })).toThrow(expect.objectContaining({ code: 4 }));
  });

  it('refuses to send a name that the server would read as an id', () => {
    expect(() => getTopicBinding.writeRequest({ streamId: { kind: 'string', value: '42' }, topicId: { kind: 'numeric', value: 1 } }))
      .toThrow(expect.objectContaining({ code: 6 }));
    expect(getTopicBinding.writeRequest({ streamId: { kind: 'string', value: '42x' }, topicId: { kind: 'numeric', value: 1 } }).params.stream_id).toBe('42x');
  });

  it('refuses a consumer group where HTTP has only single consumers', () => {
    expect(() => pollMessagesBinding.writeRequest({
      streamId: { kind: 'numeric', value: 1 }, topicId: { kind: 'numeric', value: 1 }, consumer: { kind: 2, id: { kind: 'numeric', value: 1 } },
      strategy: { kind: 5, value: 0n }, count: 1, autoCommit: false,
    })).toThrow(expect.objectContaining({ code: 5 }));
  });

  it('names the bad field when a body has the wrong type', () => {
    expect(() => createTopicBinding.readRequest({ params: { stream_id: '1' }, query: {}, body: { ...(fixture('create_topic') as object), partitions_count: 'three' } }))
      .toThrow(/partitions_count/);
  });

  it('encodes Base64 as the standard alphabet with padding, for every length', () => {
    for (let length = 0; length < 70; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 37 + length) & 255);
      const text = encodeBase64(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64'));
      expect(decodeBase64(text, 'v')).toEqual(bytes);
    }
  });
});
