// Every HTTP binding both ways, as the wire carries it: a request goes
// through writeRequest, its body through the JSON text and its params/query as
// strings, and readRequest must give the same request back; a response goes
// through writeResponse and the JSON text, and readResponse must give it back.
// u64 and u128 values above 2^53 must come back exact.
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { CompressionAlgorithm, ConsumerKind, HeaderKind, type Permissions, PartitioningKind, PollingKind, Transport, U64_MAX, UserStatus } from '../../types.js';
import { SnapshotCompression, SnapshotType } from '../../commands/system/get_snapshot.js';
import type { HttpBinding } from '../binding.js';
import { parseJson, writeJson } from '../json.js';
import * as b from './index.js';

const BIG = (1n << 53n) + 1n;
const U128 = (1n << 128n) - 1n;
const num = (value: number) => ({ kind: 'numeric', value }) as const;
const name = (value: string) => ({ kind: 'string', value }) as const;
const ST = { streamId: num(1), topicId: name('orders') };
const single = { kind: ConsumerKind.Consumer, id: name('worker') };

const permissions: Permissions = {
  global: {
    manageServers: false, readServers: true, manageUsers: false, readUsers: true, manageStreams: true,
    readStreams: true, manageTopics: false, readTopics: true, pollMessages: true, sendMessages: false,
  },
  streams: new Map([[3, {
    manageStream: true, readStream: true, manageTopics: false, readTopics: true, pollMessages: false, sendMessages: true,
    topics: new Map([[7, { manageTopic: false, readTopic: true, pollMessages: true, sendMessages: false }]]),
  }]]),
};
const stream = { id: 1, createdAtUs: BIG, name: 'orders', topicsCount: 1, sizeBytes: 3_211_776n, messagesCount: BIG };
const topic = {
  id: 2, createdAtUs: BIG, name: 't', partitionsCount: 1, compression: CompressionAlgorithm.Gzip, messageExpiryUs: U64_MAX,
  maxTopicSizeBytes: U64_MAX, replicationFactor: 1, sizeBytes: 1500n, messagesCount: 3n,
};
const partition = { id: 0, createdAtUs: BIG, segmentsCount: 1, currentOffset: BIG, sizeBytes: 1024n, messagesCount: BIG };
const user = { id: 1, createdAtUs: BIG, status: UserStatus.Inactive, username: 'ann' };
const identity = { userId: 1, accessToken: { token: 'a.b.c', expiryS: 1_700_003_600 } };
const stats = {
  processId: 42, cpuUsage: 12.5, totalCpuUsage: 50, memoryUsageBytes: 1024n, totalMemoryBytes: 1_073_741_824n, availableMemoryBytes: 1000n,
  runTimeUs: BIG, startTimeUs: BIG, readBytes: 0n, writtenBytes: 77n, messagesSizeBytes: 1500n, streamsCount: 1, topicsCount: 2,
  partitionsCount: 3, segmentsCount: 4, messagesCount: BIG, clientsCount: 5, consumerGroupsCount: 6, hostname: 'h', osName: 'Linux',
  osVersion: '6', kernelVersion: '6.1', iggyServerVersion: '0.8.0', iggyServerSemver: 8000,
  cacheMetrics: [{ streamId: 1, topicId: 2, partitionId: 3, hits: BIG, misses: 1n, hitRatio: 0.5 }],
  threadsCount: 7, freeDiskSpaceBytes: 1n << 40n, totalDiskSpaceBytes: 2n << 40n,
};
const polled = {
  partitionId: 1, currentOffset: BIG, count: 1,
  messages: [{
    header: { checksum: U64_MAX, id: U128, offset: BIG, timestamp: BIG, originTimestamp: 1n, userHeadersLength: 20, payloadLength: 2, reserved: 0n },
    payload: Uint8Array.of(1, 2),
    userHeaders: [{ key: { kind: HeaderKind.String, value: Uint8Array.of(107) }, value: { kind: HeaderKind.Uint32, value: Uint8Array.of(42, 0, 0, 0) } }],
  }],
};

/** One request and one response per binding. */
const CASES: Array<[HttpBinding<any, any>, unknown, unknown]> = [ // eslint-disable-line @typescript-eslint/no-explicit-any
  [b.pingBinding, undefined, undefined],
  [b.getStatsBinding, undefined, stats],
  [b.getSnapshotBinding, { compression: SnapshotCompression.Zstd, types: [SnapshotType.ServerLogs, SnapshotType.Test] }, Uint8Array.of(0x50, 0x4b)],
  [b.getClusterMetadataBinding, undefined, { name: 'c', nodes: [{ name: 'n', ip: '::1', endpoints: { tcp: 1, quic: 2, http: 3, websocket: 4 }, role: 1, status: 4 }] }],
  [b.getClientBinding, { clientId: 9 }, { clientId: 9, userId: null, transport: Transport.WebSocket, address: '1.2.3.4:5', consumerGroupsCount: 1, consumerGroups: [{ streamId: 1, topicId: 2, groupId: 3 }] }],
  [b.getClientsBinding, undefined, [{ clientId: 1, userId: 4, transport: Transport.Tcp, address: 'a:1', consumerGroupsCount: 0 }]],
  [b.getUserBinding, { userId: name('ann') }, { ...user, permissions }],
  [b.getUsersBinding, undefined, [user]],
  [b.createUserBinding, { username: 'ann', password: 'secret', status: UserStatus.Active, permissions }, { ...user, permissions: null }],
  [b.deleteUserBinding, { userId: num(4) }, undefined],
  [b.updateUserBinding, { userId: num(4), username: 'bob', status: UserStatus.Inactive }, undefined],
  [b.updatePermissionsBinding, { userId: num(4), permissions: null }, undefined],
  [b.changePasswordBinding, { userId: name('ann'), currentPassword: 'a', newPassword: 'b' }, undefined],
  [b.loginUserBinding, { username: 'iggy', password: 'iggy', version: '1.0' }, identity],
  [b.logoutUserBinding, undefined, undefined],
  [b.refreshTokenBinding, { token: 'a.b.c' }, identity],
  [b.getPersonalAccessTokensBinding, undefined, [{ name: 'a', expiryAtUs: null }, { name: 'b', expiryAtUs: BIG }]],
  [b.createPersonalAccessTokenBinding, { name: 'ci', expiryUs: U64_MAX }, { token: 'raw' }],
  [b.deletePersonalAccessTokenBinding, { name: 'ci token/1' }, undefined],
  [b.loginWithPersonalAccessTokenBinding, { token: 'raw' }, identity],
  [b.pollMessagesBinding, { ...ST, consumer: single, partitionId: 2, strategy: { kind: PollingKind.Timestamp, value: U64_MAX }, count: 5, autoCommit: true }, polled],
  [b.sendMessagesBinding, {
    ...ST, partitioning: { kind: PartitioningKind.MessagesKey, key: Uint8Array.of(1, 2, 3) },
    messages: [{ id: U128, payload: Uint8Array.of(9) }, { id: 0n, payload: Uint8Array.of(8), headers: polled.messages[0]!.userHeaders }],
  }, undefined],
  [b.flushUnsavedBufferBinding, { ...ST, partitionId: 3, fsync: true }, undefined],
  [b.getConsumerOffsetBinding, { ...ST, consumer: single, partitionId: null }, { partitionId: 0, currentOffset: BIG, storedOffset: U64_MAX }],
  [b.storeConsumerOffsetBinding, { ...ST, consumer: { kind: ConsumerKind.Consumer, id: num(5) }, partitionId: 1, offset: BIG }, undefined],
  [b.deleteConsumerOffsetBinding, { ...ST, consumer: single, partitionId: 4 }, undefined],
  [b.getStreamBinding, { streamId: name('orders') }, { stream, topics: [topic] }],
  [b.getStreamsBinding, undefined, [stream]],
  [b.createStreamBinding, { name: 'orders' }, stream],
  [b.deleteStreamBinding, { streamId: num(1) }, undefined],
  [b.updateStreamBinding, { streamId: num(1), name: 'renamed' }, undefined],
  [b.purgeStreamBinding, { streamId: num(1) }, undefined],
  [b.getTopicBinding, ST, { topic, partitions: [partition] }],
  [b.getTopicsBinding, { streamId: num(1) }, [topic]],
  [b.createTopicBinding, {
    streamId: num(1), name: 't', partitionsCount: 3, compression: CompressionAlgorithm.None, messageExpiryUs: BIG, maxTopicSizeBytes: 0n, replicationFactor: 0,
  }, { topic, partitions: [partition] }],
  [b.deleteTopicBinding, ST, undefined],
  [b.updateTopicBinding, { ...ST, name: 't2', compression: CompressionAlgorithm.Gzip, messageExpiryUs: 0n, maxTopicSizeBytes: U64_MAX, replicationFactor: 3 }, undefined],
  [b.purgeTopicBinding, ST, undefined],
  [b.createPartitionsBinding, { ...ST, partitionsCount: 10 }, undefined],
  [b.deletePartitionsBinding, { ...ST, partitionsCount: 2 }, undefined],
  [b.deleteSegmentsBinding, { ...ST, partitionId: 1, segmentsCount: 3 }, undefined],
  [b.getConsumerGroupBinding, { ...ST, groupId: name('g') }, { group: { id: 1, name: 'g', partitionsCount: 2, membersCount: 1 }, members: [{ id: 5, partitions: [0, 1] }] }],
  [b.getConsumerGroupsBinding, ST, [{ id: 1, name: 'g', partitionsCount: 2, membersCount: 0 }]],
  [b.createConsumerGroupBinding, { ...ST, name: 'g' }, { id: 1, name: 'g', partitionsCount: 2, membersCount: 0 }],
  [b.deleteConsumerGroupBinding, { ...ST, groupId: num(1) }, undefined],
];

/** What crosses the wire: strings for params and query, JSON text for bodies. */
function overTheWire(binding: HttpBinding<unknown, unknown>, request: unknown) {
  const out = binding.writeRequest(request);
  const text = out.body === undefined ? undefined : writeJson(out.body);
  const query = Object.fromEntries(new URLSearchParams(out.query));
  return { params: { ...out.params }, query, body: text === undefined ? undefined : parseJson(text), text };
}

function responseOverTheWire(binding: HttpBinding<unknown, unknown>, response: unknown) {
  const out = binding.writeResponse(response);
  const json = out.json === undefined ? undefined : parseJson(writeJson(out.json));
  return { status: out.status, json, text: out.text, bytes: out.bytes };
}

describe('HTTP bindings', () => {
  it('cover every command but those HTTP cannot serve', () => {
    for (const command of Object.values(COMMANDS)) {
      const binding = b.httpBindingOf(command.code);
      if (binding === undefined) expect(b.HTTP_UNSUPPORTED[command.code], command.name).toBeDefined();
      else expect(binding.name).toBe(command.name);
    }
    expect(Object.keys(b.HTTP_BINDINGS)).toHaveLength(Object.keys(COMMANDS).length - Object.keys(b.HTTP_UNSUPPORTED).length);
    expect(CASES.map(([binding]) => binding.name).sort()).toEqual([...Object.values(b.HTTP_BINDINGS).map((x) => x.name), 'RefreshToken'].sort());
  });

  it('give each method and path one command', () => {
    const routes = CASES.map(([binding]) => `${binding.method} ${binding.path}`);
    expect(new Set(routes).size).toBe(routes.length);
  });

  it.each(CASES.map(([binding, request, response]) => [binding.name, binding, request, response] as const))('%s round-trips its request and response', (_, binding, request, response) => {
    const wire = overTheWire(binding, request);
    expect(binding.readRequest(wire)).toEqual(request);
    const back = responseOverTheWire(binding, response);
    expect(back.status).toBe(binding.status);
    expect(binding.readResponse(back)).toEqual(response);
  });

  it('answer a null "get one" with the generic 404 and read it back as null', () => {
    for (const binding of [b.getStreamBinding, b.getTopicBinding, b.getUserBinding, b.getClientBinding, b.getConsumerGroupBinding, b.getConsumerOffsetBinding]) {
      expect(binding.nullOnNotFound).toBe(true);
      const out = binding.writeResponse(null as never);
      expect(out).toEqual({ status: 404, json: { id: 404, code: 'not_found', reason: 'Resource not found', field: null } });
      expect(binding.readResponse({ status: 404, json: out.json as never })).toBeNull();
    }
  });

  it('answer the topics of a missing stream with the generic 404, read back as [] as over TCP', () => {
    expect(b.getTopicsBinding.writeResponse(null).status).toBe(404);
    expect(b.getTopicsBinding.readResponse({ status: 404 })).toEqual([]);
  });

  it('refuse "All" combined with other snapshot types as the binary decoder does (3)', () => {
    expect(() => b.getSnapshotBinding.readRequest({ params: {}, query: {}, body: { compression: 'Stored', snapshot_types: ['All', 'Test'] } }))
      .toThrow(expect.objectContaining({ code: 3 }));
  });
});
