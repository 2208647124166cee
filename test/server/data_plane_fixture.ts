// Shared set-up for the data-plane integration tests (test/server/streams,
// topics, partitions, segments, messages, consumer_offsets,
// consumer_groups_commands): a server with a logged-in root client, requests
// encoded with the real protocol codecs, and users with limited permissions.
import { expect } from 'vitest';
import { pollMessages, type PolledMessages, type PollMessagesRequest } from '../../src/protocol/commands/messages/poll_messages.js';
import { sendMessages } from '../../src/protocol/commands/messages/send_messages.js';
import { createStream } from '../../src/protocol/commands/streams/create_stream.js';
import { createTopic } from '../../src/protocol/commands/topics/create_topic.js';
import type { TopicDetails } from '../../src/protocol/commands/topics/get_topic.js';
import { createUser } from '../../src/protocol/commands/users/create_user.js';
import type { StreamRecord } from '../../src/protocol/records/stream_record.js';
import {
  CompressionAlgorithm,
  ConsumerKind,
  Identifier,
  PollingKind,
  UserStatus,
  type Consumer,
  type GlobalPermissions,
  type Partitioning,
  type Permissions,
  type PollingStrategy,
  type StreamPermissions,
  type TopicPermissions,
} from '../../src/protocol/types.js';
import { startTestServer, type DeepPartial, type RawClient, type TestServer } from '../helpers/server.js';
import type { ServerConfig } from '../../src/config/config.js';

export { Identifier };
export const id = Identifier.numeric;
export const name = Identifier.string;

export interface Fixture {
  server: TestServer;
  root: RawClient;
}

export async function startFixture(overrides?: DeepPartial<ServerConfig>): Promise<Fixture> {
  const server = await startTestServer(overrides);
  const root = await server.connect();
  await root.login('iggy', 'iggy');
  return { server, root };
}

export async function makeStream(client: RawClient, streamName: string): Promise<StreamRecord> {
  const response = await client.call(createStream, { name: streamName });
  expect(response.status).toBe(0);
  return response.value!;
}

export async function makeTopic(client: RawClient, streamId: Identifier, topicName: string, partitionsCount = 1): Promise<TopicDetails> {
  const response = await client.call(createTopic, {
    streamId,
    name: topicName,
    partitionsCount,
    compression: CompressionAlgorithm.None,
    messageExpiryUs: 0n,
    maxTopicSizeBytes: 0n,
    replicationFactor: 0,
  });
  expect(response.status).toBe(0);
  return response.value!;
}

const utf8 = new TextEncoder();
const text = new TextDecoder();

export const partitionId = (value: number): Partitioning => ({ kind: 2, partitionId: value });
export const balanced: Partitioning = { kind: 1 };
export const messagesKey = (key: string): Partitioning => ({ kind: 3, key: utf8.encode(key) });

/** SendMessages with one message per payload string; resolves with the status. */
export async function send(client: RawClient, streamId: Identifier, topicId: Identifier, partitioning: Partitioning, payloads: readonly string[]): Promise<number> {
  const response = await client.call(sendMessages, { streamId, topicId, partitioning, messages: payloads.map((p) => ({ payload: utf8.encode(p) })) });
  return response.status;
}

export const single = (value: number | string): Consumer => ({ kind: ConsumerKind.Consumer, id: Identifier.from(value) });
export const group = (value: number | string): Consumer => ({ kind: ConsumerKind.ConsumerGroup, id: Identifier.from(value) });

export const strategy = {
  offset: (value: bigint): PollingStrategy => ({ kind: PollingKind.Offset, value }),
  timestamp: (value: bigint): PollingStrategy => ({ kind: PollingKind.Timestamp, value }),
  first: (): PollingStrategy => ({ kind: PollingKind.First, value: 0n }),
  last: (): PollingStrategy => ({ kind: PollingKind.Last, value: 0n }),
  next: (): PollingStrategy => ({ kind: PollingKind.Next, value: 0n }),
};

export interface Polled {
  status: number;
  value: PolledMessages | undefined;
  /** Payloads as strings (empty on error). */
  payloads: string[];
  offsets: bigint[];
}

export async function poll(client: RawClient, request: Partial<PollMessagesRequest> & Pick<PollMessagesRequest, 'streamId' | 'topicId'>): Promise<Polled> {
  const response = await client.call(pollMessages, {
    consumer: single(1),
    partitionId: null,
    strategy: strategy.first(),
    count: 100,
    autoCommit: false,
    ...request,
  });
  const messages = response.value?.messages ?? [];
  return {
    status: response.status,
    value: response.value,
    payloads: messages.map((m) => text.decode(m.payload)),
    offsets: messages.map((m) => m.header.offset),
  };
}

const NO_GLOBAL: GlobalPermissions = {
  manageServers: false, readServers: false, manageUsers: false, readUsers: false, manageStreams: false,
  readStreams: false, manageTopics: false, readTopics: false, pollMessages: false, sendMessages: false,
};
const NO_STREAM = { manageStream: false, readStream: false, manageTopics: false, readTopics: false, pollMessages: false, sendMessages: false };
const NO_TOPIC: TopicPermissions = { manageTopic: false, readTopic: false, pollMessages: false, sendMessages: false };

/** Permissions: some global flags, plus per-stream flags and per-topic flags. */
export function permissions(
  global: Partial<GlobalPermissions> = {},
  streams: Record<number, { flags?: Partial<Omit<StreamPermissions, 'topics'>>; topics?: Record<number, Partial<TopicPermissions>> }> = {},
): Permissions {
  const map = new Map<number, StreamPermissions>();
  for (const [streamId, entry] of Object.entries(streams)) {
    const topics = new Map<number, TopicPermissions>();
    for (const [topicId, flags] of Object.entries(entry.topics ?? {})) topics.set(Number(topicId), { ...NO_TOPIC, ...flags });
    map.set(Number(streamId), { ...NO_STREAM, ...entry.flags, topics });
  }
  return { global: { ...NO_GLOBAL, ...global }, streams: map };
}

/** Creates a user with `perms` through CreateUser and returns a client logged in as that user. */
export async function userClient(fixture: Fixture, username: string, perms: Permissions | null): Promise<RawClient> {
  const created = await fixture.root.call(createUser, { username, password: 'secret', status: UserStatus.Active, permissions: perms });
  expect(created.status).toBe(0);
  const client = await fixture.server.connect();
  await client.login(username, 'secret');
  return client;
}
