// Loads the Node SDK 0.8.0 vectors (test/fixtures/iggy-0.8/) and maps
// the SDK's JSON conventions to our codec types and back (vectors/README.md):
// bigints are decimal strings, Buffers {buffer_hex}, UUID ids dashed strings,
// SDK constants plain objects, timestamps ISO strings truncated to ms. The SDK
// defaults applied here are facts about the SDK, read from its frames.
import { readFileSync } from 'node:fs';
import { SDK_COMMAND_ALIASES, COMMAND, type CommandName } from '../../src/protocol/codes.js';
import type { PolledMessages } from '../../src/protocol/commands/index.js';
import type { ClientRecord } from '../../src/protocol/records/client_record.js';
import type { ClusterMetadata } from '../../src/protocol/records/cluster_metadata.js';
import type { PartitionRecord } from '../../src/protocol/records/partition_record.js';
import type { Stats } from '../../src/protocol/records/stats.js';
import type { StreamRecord } from '../../src/protocol/records/stream_record.js';
import type { TopicRecord } from '../../src/protocol/records/topic_record.js';
import type { UserRecord } from '../../src/protocol/records/user_record.js';
import { type HeaderValue, Identifier, type Partitioning, type Permissions, type UserHeader } from '../../src/protocol/types.js';
import { headerValue } from '../../src/protocol/user_headers.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- the vectors are untyped JSON */
type Json = any;

const VECTORS_DIR = new URL('../fixtures/iggy-0.8/', import.meta.url);

function load<T>(file: string): T {
  return JSON.parse(readFileSync(new URL(file, VECTORS_DIR), 'utf8')) as T;
}

export interface RequestVector {
  name: string;
  command: string;
  code: number;
  args: Json;
  frame_hex: string;
  varying?: { start: number; end: number; field: string }[];
  note?: string;
}
export interface ResponseVector {
  name: string;
  command: string;
  code: number;
  payload_hex: string;
  decoded: Json;
  request_args?: Json;
  note?: string;
}
export interface ErrorVector {
  name: string;
  command: string;
  code: number;
  responded_to: { command: string; code: number };
  status: number;
  payload_hex: string;
  outcome: 'rejected' | 'resolved';
}

export const requestVectors = (): RequestVector[] => load('requests.json');
export const responseVectors = (): ResponseVector[] => load('responses.json');
export const errorVectors = (): ErrorVector[] => load('errors.json');

export const fromHex = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex, 'hex'));
export const toHex = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');

/** Our command name for an SDK command name (GetGroup → GetConsumerGroup, ...). */
export function commandNameOf(sdkName: string): CommandName {
  const name = (SDK_COMMAND_ALIASES[sdkName] ?? sdkName) as CommandName;
  if (!(name in COMMAND)) throw new Error(`unknown SDK command ${sdkName}`);
  return name;
}

// ---- SDK args → our request values ----

const id = (value: number | string): Identifier => Identifier.from(value);
const big = (value: string | number | undefined, fallback: bigint): bigint => (value === undefined ? fallback : BigInt(value));
const bytes = (value: Json): Uint8Array =>
  typeof value === 'string' ? new TextEncoder().encode(value) : fromHex((value as { buffer_hex: string }).buffer_hex);

/** SDK: an omitted partitionId is sent as Some(0); null is None. */
const partitionOf = (args: Json): number | null => (args.partitionId === undefined ? 0 : args.partitionId);

function permissionsOf(p: Json): Permissions {
  const g = p.global;
  return {
    global: {
      manageServers: g.ManageServers, readServers: g.ReadServers, manageUsers: g.ManageUsers, readUsers: g.ReadUsers,
      manageStreams: g.ManageStreams, readStreams: g.ReadStreams, manageTopics: g.ManageTopics, readTopics: g.ReadTopics,
      pollMessages: g.PollMessages, sendMessages: g.SendMessages,
    },
    streams: new Map(
      p.streams.map((s: Json) => [
        s.streamId,
        {
          ...s.permissions,
          topics: new Map(s.topics.map((t: Json) => [t.topicId, { manageTopic: t.permissions.manage, readTopic: t.permissions.read, pollMessages: t.permissions.pollMessages, sendMessages: t.permissions.sendMessages }])),
        },
      ]),
    ),
  };
}

/** Message keys (README): string → UTF-8, number → u32 LE, bigint → u64 LE, Buffer → raw. */
function partitioningOf(vector: RequestVector, p: Json): Partitioning {
  if (!p || p.kind === 1) return { kind: 1 };
  if (p.kind === 2) return { kind: 2, partitionId: p.value };
  const value = p.value;
  let key: Uint8Array;
  if (typeof value === 'number') {
    key = new Uint8Array(4);
    new DataView(key.buffer).setUint32(0, value, true);
  } else if (typeof value === 'string' && vector.note?.includes('bigint')) {
    key = new Uint8Array(8);
    new DataView(key.buffer).setBigUint64(0, BigInt(value), true);
  } else key = bytes(value);
  return { kind: 3, key };
}

/** Message ids: decimal (number/bigint) → u128; a dashed UUID → its 16 bytes in text order, read as u128 LE. */
function messageIdOf(value: Json): bigint | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && value.includes('-')) {
    const raw = fromHex(value.replaceAll('-', ''));
    return raw.reduceRight((acc, byte) => (acc << 8n) | BigInt(byte), 0n);
  }
  return BigInt(value);
}

function headerValueOf(v: Json): HeaderValue {
  const { kind, value } = v;
  switch (kind) {
    case 1: return headerValue.raw(bytes(value));
    case 2: return headerValue.string(value);
    case 3: return headerValue.bool(value);
    case 4: return headerValue.int8(value);
    case 5: return headerValue.int16(value);
    case 6: return headerValue.int32(value);
    case 7: return headerValue.int64(BigInt(value));
    case 9: return headerValue.uint8(value);
    case 10: return headerValue.uint16(value);
    case 11: return headerValue.uint32(value);
    case 12: return headerValue.uint64(BigInt(value));
    case 14: return headerValue.float32(value);
    case 15: return headerValue.float64(value);
    case 8: // i128 / u128 are given as their 16 raw LE bytes
    case 13: return { kind, value: bytes(value) };
    default: throw new Error(`header kind ${kind}`);
  }
}

const headersOf = (headers: Json): UserHeader[] | undefined =>
  headers?.map((h: Json) => ({ key: headerValueOf(h.key), value: headerValueOf(h.value) }));

/** The request value our codec should decode from the vector's frame (and encode to it). */
export function requestOf(vector: RequestVector): unknown {
  const a = vector.args;
  const st = () => ({ streamId: id(a.streamId), topicId: id(a.topicId) });
  switch (commandNameOf(vector.command)) {
    case 'Ping': case 'GetStats': case 'GetClusterMetadata': case 'GetMe': case 'GetClients': case 'GetUsers':
    case 'LogoutUser': case 'GetPersonalAccessTokens': case 'GetStreams':
      return undefined;
    case 'GetSnapshot':
      throw new Error('no SDK vector for GetSnapshot');
    case 'LoginUser': {
      const r: Json = { username: a.username, password: a.password };
      if (a.version) r.version = a.version;
      if (a.context) r.context = a.context;
      return r;
    }
    case 'LoginWithPersonalAccessToken': return { token: a.token };
    case 'GetClient': return { clientId: a.clientId };
    case 'GetUser': case 'DeleteUser': return { userId: id(a.userId) };
    case 'CreateUser':
      return { username: a.username, password: a.password, status: a.status, permissions: a.permissions ? permissionsOf(a.permissions) : null };
    case 'UpdateUser': return { userId: id(a.userId), username: a.username ?? null, status: a.status ?? null };
    case 'UpdatePermissions': return { userId: id(a.userId), permissions: permissionsOf(a.permissions) };
    case 'ChangePassword': return { userId: id(a.userId), currentPassword: a.currentPassword, newPassword: a.newPassword };
    case 'CreatePersonalAccessToken': return { name: a.name, expiryUs: big(a.expiry, 600n) }; // SDK default 600
    case 'DeletePersonalAccessToken': return { name: a.name };
    case 'CreateStream': return { name: a.name }; // an SDK streamId argument is not sent
    case 'GetStream': case 'DeleteStream': case 'PurgeStream': case 'GetTopics': return { streamId: id(a.streamId) };
    case 'UpdateStream': return { streamId: id(a.streamId), name: a.name };
    case 'CreateTopic':
      return {
        streamId: id(a.streamId), partitionsCount: a.partitionCount, compression: a.compressionAlgorithm ?? 1,
        messageExpiryUs: big(a.messageExpiry, 0n), maxTopicSizeBytes: big(a.maxTopicSize, 0n), replicationFactor: a.replicationFactor ?? 1, name: a.name,
      };
    case 'UpdateTopic':
      return {
        ...st(), compression: a.compressionAlgorithm ?? 1, messageExpiryUs: big(a.messageExpiry, 0n),
        maxTopicSizeBytes: big(a.maxTopicSize, 0n), replicationFactor: a.replicationFactor ?? 1, name: a.name,
      };
    case 'GetTopic': case 'DeleteTopic': case 'PurgeTopic': case 'GetConsumerGroups': return st();
    case 'CreatePartitions': case 'DeletePartitions': return { ...st(), partitionsCount: a.partitionCount ?? 1 }; // SDK default 1
    case 'DeleteSegments': return { ...st(), partitionId: a.partitionId, segmentsCount: a.segmentsCount };
    case 'CreateConsumerGroup': return { ...st(), name: a.name };
    case 'GetConsumerGroup': case 'DeleteConsumerGroup': case 'JoinConsumerGroup': case 'LeaveConsumerGroup':
      return { ...st(), groupId: id(a.groupId) };
    case 'GetConsumerOffset': case 'DeleteConsumerOffset':
      return { consumer: { kind: a.consumer.kind, id: id(a.consumer.id) }, ...st(), partitionId: partitionOf(a) };
    case 'StoreConsumerOffset':
      return { consumer: { kind: a.consumer.kind, id: id(a.consumer.id) }, ...st(), partitionId: partitionOf(a), offset: BigInt(a.offset) };
    case 'PollMessages':
      return {
        consumer: { kind: a.consumer.kind, id: id(a.consumer.id) }, ...st(), partitionId: partitionOf(a),
        strategy: { kind: a.pollingStrategy.kind, value: BigInt(a.pollingStrategy.value) }, count: a.count, autoCommit: a.autocommit,
      };
    case 'FlushUnsavedBuffer': return { ...st(), partitionId: a.partitionId, fsync: false }; // the SDK never sends fsync
    case 'SendMessages':
      return {
        ...st(),
        partitioning: partitioningOf(vector, a.partition),
        messages: a.messages.map((m: Json) => {
          const message: Json = { payload: bytes(m.payload) };
          const messageId = messageIdOf(m.id);
          if (messageId !== undefined) message.id = messageId;
          const headers = headersOf(m.headers);
          if (headers) message.headers = headers;
          return message;
        }),
      };
  }
}

/** Moves each topic record's compression byte from +16 to +24 (server order). */
export function sdkTopicsToServerOrder(payload: Uint8Array, starts: number[]): Uint8Array {
  const copy = payload.slice();
  for (const at of starts) {
    copy.set(payload.subarray(at + 17, at + 25), at + 16);
    copy[at + 24] = payload[at + 16] as number;
  }
  return copy;
}

// ---- our decoded responses → the SDK's JSON ----

const iso = (us: bigint): string => new Date(Number(us / 1000n)).toISOString();
const s = (value: bigint): string => value.toString();

function sdkTransport(code: number): string {
  return code === 1 ? 'tcp' : code === 2 ? 'quic' : `unknown_transport_${code}`;
}
const sdkClient = (c: ClientRecord) => ({
  clientId: c.clientId, userId: c.userId ?? 0xffff_ffff, transport: sdkTransport(c.transport), address: c.address, consumerGroupCount: c.consumerGroupsCount,
});
const sdkStream = (v: StreamRecord) => ({
  id: v.id, name: v.name, topicsCount: v.topicsCount, messagesCount: s(v.messagesCount), sizeBytes: s(v.sizeBytes), createdAt: iso(v.createdAtUs),
});
const sdkPartition = (p: PartitionRecord) => ({
  id: p.id, createdAt: iso(p.createdAtUs), segmentsCount: p.segmentsCount, currentOffset: s(p.currentOffset), sizeBytes: s(p.sizeBytes), messagesCount: s(p.messagesCount),
});
const sdkTopic = (t: TopicRecord, partitions: PartitionRecord[]) => ({
  id: t.id, name: t.name, createdAt: iso(t.createdAtUs), partitionsCount: t.partitionsCount, compressionAlgorithm: t.compression,
  maxTopicSize: s(t.maxTopicSizeBytes), replicationFactor: t.replicationFactor, messageExpiry: s(t.messageExpiryUs),
  messagesCount: s(t.messagesCount), sizeBytes: s(t.sizeBytes), partitions: partitions.map(sdkPartition),
});
const sdkUser = (u: UserRecord) => ({ id: u.id, createdAt: iso(u.createdAtUs), status: u.status === 1 ? 'Active' : 'Inactive', userName: u.username });

export function sdkPermissions(p: Permissions | null): Json {
  if (!p) return null;
  const g = p.global;
  return {
    global: {
      ManageServers: g.manageServers, ReadServers: g.readServers, ManageUsers: g.manageUsers, ReadUsers: g.readUsers,
      ManageStreams: g.manageStreams, ReadStreams: g.readStreams, ManageTopics: g.manageTopics, ReadTopics: g.readTopics,
      PollMessages: g.pollMessages, SendMessages: g.sendMessages,
    },
    streams: [...p.streams].map(([streamId, st]) => {
      const { topics, ...permissions } = st;
      return {
        streamId, permissions,
        topics: [...topics].map(([topicId, t]) => ({ topicId, permissions: { manage: t.manageTopic, read: t.readTopic, pollMessages: t.pollMessages, sendMessages: t.sendMessages } })),
      };
    }),
  };
}

function sdkHeaderValue(v: HeaderValue): Json {
  const view = new DataView(v.value.buffer, v.value.byteOffset, v.value.byteLength);
  switch (v.kind) {
    case 1: case 8: case 13: return { kind: v.kind, value: { buffer_hex: toHex(v.value) } };
    case 2: return { kind: 2, value: new TextDecoder().decode(v.value) };
    case 3: return { kind: 3, value: v.value[0] !== 0 };
    case 4: return { kind: 4, value: view.getInt8(0) };
    case 5: return { kind: 5, value: view.getInt16(0, true) };
    case 6: return { kind: 6, value: view.getInt32(0, true) };
    case 7: return { kind: 7, value: s(view.getBigInt64(0, true)) };
    case 9: return { kind: 9, value: view.getUint8(0) };
    case 10: return { kind: 10, value: view.getUint16(0, true) };
    case 11: return { kind: 11, value: view.getUint32(0, true) };
    case 12: return { kind: 12, value: s(view.getBigUint64(0, true)) };
    case 14: return { kind: 14, value: view.getFloat32(0, true) };
    case 15: return { kind: 15, value: view.getFloat64(0, true) };
  }
}

const ROLE = ['Leader', 'Follower'];
const STATUS = ['Healthy', 'Starting', 'Stopping', 'Unreachable', 'Maintenance'];

/** Our decoded response, projected onto what the SDK resolves to. */
export function toSdk(command: CommandName, value: Json): Json {
  if (value === null) return null;
  switch (command) {
    case 'LoginUser': case 'LoginWithPersonalAccessToken': return { userId: value.userId };
    case 'GetMe': case 'GetClient': return sdkClient(value);
    case 'GetClients': return value.map(sdkClient);
    case 'GetStats': {
      const v = value as Stats;
      return {
        processId: v.processId, cpuUsage: v.cpuUsage, totalCpuUsage: v.totalCpuUsage, memoryUsage: s(v.memoryUsageBytes),
        totalMemory: s(v.totalMemoryBytes), availableMemory: s(v.availableMemoryBytes), runTime: s(v.runTimeUs), startTime: s(v.startTimeUs),
        readBytes: s(v.readBytes), writtenBytes: s(v.writtenBytes), messagesSizeBytes: s(v.messagesSizeBytes), streamsCount: v.streamsCount,
        topicsCount: v.topicsCount, partitionsCount: v.partitionsCount, segmentsCount: v.segmentsCount, messagesCount: s(v.messagesCount),
        clientsCount: v.clientsCount, consumersGroupsCount: v.consumerGroupsCount, hostname: v.hostname, osName: v.osName,
        osVersion: v.osVersion, kernelVersion: v.kernelVersion,
      };
    }
    case 'GetUser': case 'CreateUser': return { ...sdkUser(value), permissions: sdkPermissions(value.permissions) };
    case 'GetUsers': return value.map(sdkUser);
    case 'CreatePersonalAccessToken': return { token: value.token };
    case 'GetPersonalAccessTokens': return value.map((t: Json) => ({ name: t.name, expiry: iso(t.expiryAtUs ?? 0n) }));
    case 'CreateStream': return sdkStream(value);
    case 'GetStream': return sdkStream(value.stream);
    case 'GetStreams': return value.map(sdkStream);
    case 'GetTopic': case 'CreateTopic': return sdkTopic(value.topic, value.partitions);
    case 'GetTopics': return value.map((t: TopicRecord) => sdkTopic(t, []));
    case 'CreateConsumerGroup': return { id: value.id, name: value.name, partitionsCount: value.partitionsCount, membersCount: value.membersCount };
    case 'GetConsumerGroup': return toSdk('CreateConsumerGroup', value.group);
    case 'GetConsumerGroups': return value.map((g: Json) => toSdk('CreateConsumerGroup', g));
    case 'GetConsumerOffset': return { partitionId: value.partitionId, currentOffset: s(value.currentOffset), storedOffset: s(value.storedOffset) };
    case 'PollMessages': {
      const v = value as PolledMessages;
      return {
        partitionId: v.partitionId, currentOffset: s(v.currentOffset), count: v.count,
        messages: v.messages.map((m) => ({
          headers: {
            checksum: s(m.header.checksum), id: s(m.header.id), offset: s(m.header.offset), timestamp: iso(m.header.timestamp),
            originTimestamp: iso(m.header.originTimestamp), userHeadersLength: m.header.userHeadersLength,
            payloadLength: m.header.payloadLength, reserved: s(m.header.reserved),
          },
          payload: { buffer_hex: toHex(m.payload) },
          userHeaders: m.userHeaders.map((h) => ({ key: sdkHeaderValue(h.key), value: sdkHeaderValue(h.value) })),
        })),
      };
    }
    case 'GetClusterMetadata': {
      const v = value as ClusterMetadata;
      return { name: v.name, nodes: v.nodes.map((n) => ({ name: n.name, ip: n.ip, endpoints: n.endpoints, role: ROLE[n.role], status: STATUS[n.status] })) };
    }
    default:
      return value === undefined ? true : value; // void commands: the SDK resolves true on an empty OK
  }
}
