// Proves every one of the 47 command codecs is registered under its code and
// name, and that for each, what the encoder writes the decoder reads back
// (requests as the SDK sends them, responses as the server sends them), with
// sizeBytes exact. Vector-level byte checks live in test/vectors/.
import { describe, expect, it } from 'vitest';
import { COMMAND } from '../codes.js';
import { encodePayload } from '../frame.js';
import { allGlobalPermissions } from '../permissions.js';
import type { PartitionRecord } from '../records/partition_record.js';
import type { Stats } from '../records/stats.js';
import type { TopicRecord } from '../records/topic_record.js';
import { type Identifier, type Permissions, U64_MAX } from '../types.js';
import { headerValue } from '../user_headers.js';
import { COMMANDS, commandByCode } from './index.js';

const num = (value: number): Identifier => ({ kind: 'numeric', value });
const str = (value: string): Identifier => ({ kind: 'string', value });

function streamPermissions(): Permissions {
  const p = allGlobalPermissions();
  p.streams.set(3, {
    manageStream: true, readStream: false, manageTopics: true, readTopics: true, pollMessages: false, sendMessages: true,
    topics: new Map([[1, { manageTopic: false, readTopic: true, pollMessages: true, sendMessages: false }]]),
  });
  p.streams.set(7, { manageStream: false, readStream: true, manageTopics: false, readTopics: false, pollMessages: true, sendMessages: true, topics: new Map() });
  return p;
}

const topic: TopicRecord = {
  id: 2, createdAtUs: 1_735_689_600_123_456n, name: 'events', partitionsCount: 2, compression: 2, messageExpiryUs: U64_MAX,
  maxTopicSizeBytes: 1n << 30n, replicationFactor: 1, sizeBytes: 4096n, messagesCount: 40n,
};
const partition = (id: number): PartitionRecord => ({ id, createdAtUs: 5n, segmentsCount: 1, currentOffset: 9n, sizeBytes: 100n, messagesCount: 10n });
const stream = { id: 0, createdAtUs: 7n, name: 'zamówienia-€', topicsCount: 1, sizeBytes: 4096n, messagesCount: 40n };
const stats: Stats = {
  processId: 1, cpuUsage: 12.5, totalCpuUsage: 37.25, memoryUsageBytes: 1n, totalMemoryBytes: 2n, availableMemoryBytes: 3n,
  runTimeUs: 4n, startTimeUs: 5n, readBytes: 6n, writtenBytes: 7n, messagesSizeBytes: 8n, streamsCount: 9, topicsCount: 10,
  partitionsCount: 11, segmentsCount: 12, messagesCount: 13n, clientsCount: 14, consumerGroupsCount: 15, hostname: 'h',
  osName: 'Linux', osVersion: '6', kernelVersion: 'k', iggyServerVersion: '0.8.0', iggyServerSemver: 8000,
  cacheMetrics: [{ streamId: 1, topicId: 2, partitionId: 3, hits: 4n, misses: 5n, hitRatio: 0.5 }], threadsCount: 2,
  freeDiskSpaceBytes: 100n, totalDiskSpaceBytes: 200n,
};
const target = { consumer: { kind: 2, id: str('workers') }, streamId: num(1), topicId: str('t'), partitionId: 4 } as const;

// [request, response] samples per command name; undefined = empty payload.
const SAMPLES: Record<keyof typeof COMMAND, [unknown, unknown]> = {
  Ping: [undefined, undefined],
  GetStats: [undefined, stats],
  GetSnapshot: [{ compression: 2, types: [1, 6] }, Uint8Array.of(0x50, 0x4b, 3, 4)],
  GetClusterMetadata: [undefined, { name: 'single-node', nodes: [{ name: 'iggy-node', ip: '127.0.0.1', endpoints: { tcp: 8090, quic: 8080, http: 3000, websocket: 8092 }, role: 0, status: 0 }] }],
  GetMe: [undefined, { clientId: 42, userId: null, transport: 4, address: '[::1]:5', consumerGroupsCount: 1, consumerGroups: [{ streamId: 1, topicId: 2, groupId: 3 }] }],
  GetClient: [{ clientId: 7 }, { clientId: 7, userId: 3, transport: 2, address: '1.2.3.4:5', consumerGroupsCount: 0, consumerGroups: [] }],
  GetClients: [undefined, [{ clientId: 1, userId: 0, transport: 1, address: 'a:1', consumerGroupsCount: 2 }, { clientId: 2, userId: null, transport: 3, address: 'b:2', consumerGroupsCount: 0 }]],
  GetUser: [{ userId: str('alice') }, { id: 1, createdAtUs: 3n, status: 2, username: 'alice', permissions: streamPermissions() }],
  GetUsers: [undefined, [{ id: 0, createdAtUs: 1n, status: 1, username: 'iggy' }]],
  CreateUser: [{ username: 'bob', password: 'secret', status: 1, permissions: streamPermissions() }, { id: 2, createdAtUs: 3n, status: 1, username: 'bob', permissions: null }],
  DeleteUser: [{ userId: num(2) }, undefined],
  UpdateUser: [{ userId: num(2), username: 'bobby', status: null }, undefined],
  UpdatePermissions: [{ userId: str('bob'), permissions: null }, undefined],
  ChangePassword: [{ userId: num(0), currentPassword: 'old', newPassword: 'new-ż' }, undefined],
  LoginUser: [{ username: 'iggy', password: 'iggy', version: '0.10.0' }, { userId: 0 }],
  LogoutUser: [undefined, undefined],
  GetPersonalAccessTokens: [undefined, [{ name: 'ci', expiryAtUs: null }, { name: 'tmp', expiryAtUs: 99n }]],
  CreatePersonalAccessToken: [{ name: 'ci-token', expiryUs: U64_MAX }, { token: 'x'.repeat(68) }],
  DeletePersonalAccessToken: [{ name: 'ci-token' }, undefined],
  LoginWithPersonalAccessToken: [{ token: 'x'.repeat(68) }, { userId: 5 }],
  PollMessages: [
    { consumer: { kind: 1, id: num(0) }, streamId: num(1), topicId: num(2), partitionId: null, strategy: { kind: 5, value: 0n }, count: 10, autoCommit: true },
    { partitionId: 0, currentOffset: 5n, count: 0, messages: [] },
  ],
  SendMessages: [undefined, undefined], // covered by send_messages.test.ts
  FlushUnsavedBuffer: [{ streamId: num(1), topicId: num(2), partitionId: 3, fsync: true }, undefined],
  GetConsumerOffset: [target, { partitionId: 4, currentOffset: 9n, storedOffset: 5n }],
  StoreConsumerOffset: [{ ...target, offset: 8n }, undefined],
  DeleteConsumerOffset: [{ ...target, partitionId: null }, undefined],
  GetStream: [{ streamId: str('orders') }, { stream, topics: [topic, { ...topic, id: 3, name: 't3' }] }],
  GetStreams: [undefined, [stream, { ...stream, id: 1, name: 's1' }]],
  CreateStream: [{ name: 'orders' }, stream],
  DeleteStream: [{ streamId: num(1) }, undefined],
  UpdateStream: [{ streamId: num(1), name: 'renamed' }, undefined],
  PurgeStream: [{ streamId: str('s') }, undefined],
  GetTopic: [{ streamId: num(1), topicId: num(2) }, { topic, partitions: [partition(0), partition(1)] }],
  GetTopics: [{ streamId: num(1) }, [topic]],
  CreateTopic: [
    { streamId: num(1), partitionsCount: 2, compression: 1, messageExpiryUs: 0n, maxTopicSizeBytes: U64_MAX, replicationFactor: 0, name: 'events' },
    { topic, partitions: [partition(0), partition(1)] },
  ],
  DeleteTopic: [{ streamId: num(1), topicId: str('events') }, undefined],
  UpdateTopic: [{ streamId: num(1), topicId: num(2), compression: 2, messageExpiryUs: 60_000_000n, maxTopicSizeBytes: 0n, replicationFactor: 3, name: 'e2' }, undefined],
  PurgeTopic: [{ streamId: num(1), topicId: num(2) }, undefined],
  CreatePartitions: [{ streamId: num(1), topicId: num(2), partitionsCount: 3 }, undefined],
  DeletePartitions: [{ streamId: num(1), topicId: num(2), partitionsCount: 1 }, undefined],
  DeleteSegments: [{ streamId: num(1), topicId: num(2), partitionId: 0, segmentsCount: 5 }, undefined],
  GetConsumerGroup: [{ streamId: num(1), topicId: num(2), groupId: str('g') }, { group: { id: 0, name: 'g', partitionsCount: 3, membersCount: 2 }, members: [{ id: 0, partitions: [0, 2] }, { id: 1, partitions: [1] }] }],
  GetConsumerGroups: [{ streamId: num(1), topicId: num(2) }, [{ id: 0, name: 'g', partitionsCount: 3, membersCount: 0 }]],
  CreateConsumerGroup: [{ streamId: num(1), topicId: num(2), name: 'g' }, { id: 0, name: 'g', partitionsCount: 3, membersCount: 0 }],
  DeleteConsumerGroup: [{ streamId: num(1), topicId: num(2), groupId: num(0) }, undefined],
  JoinConsumerGroup: [{ streamId: num(1), topicId: num(2), groupId: num(0) }, undefined],
  LeaveConsumerGroup: [{ streamId: num(1), topicId: num(2), groupId: num(0) }, undefined],
};

describe('command table', () => {
  it('holds all 47 codes, each under its own name', () => {
    expect(Object.keys(COMMANDS)).toHaveLength(47);
    for (const [name, code] of Object.entries(COMMAND)) {
      expect(commandByCode(code)?.name).toBe(name);
    }
    expect(commandByCode(2)).toBeUndefined();
  });
});

describe('round trips', () => {
  for (const [name, [request, response]] of Object.entries(SAMPLES)) {
    if (name === 'SendMessages') continue;
    const command = commandByCode(COMMAND[name as keyof typeof COMMAND])!;
    it(`${name} request and response`, () => {
      const requestBytes = encodePayload(command.request, request);
      expect(requestBytes.length).toBe(command.request.sizeBytes(request));
      expect(command.request.decode(requestBytes)).toEqual(request);
      const responseBytes = encodePayload(command.response, response);
      expect(command.response.decode(responseBytes)).toEqual(response);
      // Trailing bytes are ignored (BINARY.md §2.1), except where the payload
      // is a list or a record followed by records to the end.
      if (requestBytes.length > 0) {
        const padded = new Uint8Array(requestBytes.length + 4);
        padded.set(requestBytes);
        expect(command.request.decode(padded)).toEqual(request);
      }
    });
  }
});

describe('specific layouts', () => {
  it('CreateStream is just the name', () => {
    const bytes = encodePayload(COMMANDS[202]!.request, { name: 'payments' });
    expect(Buffer.from(bytes).toString('hex')).toBe('087061796d656e7473');
  });

  it('GetSnapshot rejects unknown codes and "all" mixed with others', () => {
    const decode = COMMANDS[11]!.request.decode;
    expect(() => decode(Uint8Array.of(7, 1, 1))).toThrow(expect.objectContaining({ code: 3 }));
    expect(() => decode(Uint8Array.of(1, 1, 7))).toThrow(expect.objectContaining({ code: 3 }));
    expect(() => decode(Uint8Array.of(1, 2, 100, 1))).toThrow(expect.objectContaining({ code: 3 }));
    expect(decode(Uint8Array.of(1, 1, 100))).toEqual({ compression: 1, types: [100] });
  });

  it('UpdateUser reads only flag 1 as present', () => {
    const decode = COMMANDS[35]!.request.decode;
    expect(decode(Uint8Array.of(1, 4, 2, 0, 0, 0, 2, 2))).toEqual({ userId: num(2), username: null, status: null });
    expect(() => decode(Uint8Array.of(1, 4, 2, 0, 0, 0, 0, 1, 3))).toThrow(expect.objectContaining({ code: 3 }));
  });

  it('rejects unknown compression in CreateTopic with InvalidCommand', () => {
    const bytes = encodePayload(COMMANDS[302]!.request, SAMPLES.CreateTopic[0]);
    bytes[6 + 4] = 3;
    expect(() => COMMANDS[302]!.request.decode(bytes)).toThrow(expect.objectContaining({ code: 3 }));
    // With too many partitions as well, the count is reported first, as the server does.
    new DataView(bytes.buffer).setUint32(6, 1001, true);
    expect(() => COMMANDS[302]!.request.decode(bytes)).toThrow(expect.objectContaining({ code: 2015 }));
    bytes[6 + 4] = 1;
    expect(COMMANDS[302]!.request.decode(bytes).partitionsCount).toBe(1001); // a valid compression: the handler checks the count
  });

  it('decodes polled messages with payload and header views', () => {
    const header = (id: bigint, payload: number[], headers: number[]) => {
      const bytes = new Uint8Array(64 + payload.length + headers.length);
      const view = new DataView(bytes.buffer);
      view.setBigUint64(8, id, true);
      view.setBigUint64(24, id, true);
      view.setUint32(48, headers.length, true);
      view.setUint32(52, payload.length, true);
      bytes.set(payload, 64);
      bytes.set(headers, 64 + payload.length);
      return bytes;
    };
    const h = headerValue.string('k');
    const tlv = [h.kind, 1, 0, 0, 0, ...h.value, 11, 4, 0, 0, 0, 3, 0, 0, 0];
    const payload = Uint8Array.from([...encodePayload(COMMANDS[100]!.response, { partitionId: 1, currentOffset: 1n, count: 2 }), ...header(0n, [1, 2], []), ...header(1n, [3], tlv)]);
    const decoded = COMMANDS[100]!.response.decode(payload);
    expect(decoded.count).toBe(2);
    expect(decoded.messages.map((m: { payload: Uint8Array }) => [...m.payload])).toEqual([[1, 2], [3]]);
    expect(decoded.messages[1].userHeaders).toEqual([{ key: h, value: headerValue.uint32(3) }]);
    expect(decoded.messages[0].payload.buffer).toBe(payload.buffer);
    payload[16 + 56] = 1; // reserved
    expect(() => COMMANDS[100]!.response.decode(payload)).toThrow(expect.objectContaining({ code: 4101 }));
  });
});
