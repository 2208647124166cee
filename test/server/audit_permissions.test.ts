// Permission matrix over real TCP (BINARY.md §5.1): every command that needs a
// permission, run by users holding exactly one kind of right — none, global
// read/manage, one global flag, one stream-level flag on stream A, one
// topic-level flag on topic X of stream A — against their own stream/topic
// and against another topic and another stream. Each call must answer 41
// exactly when the §5.1 row grants nothing, and otherwise the status the
// request was built to reach past the check (0, or a later error such as
// 1012/2013/2019/5004 chosen so the matrix does not destroy its own world).
//
// The expected outcome comes from the §5.1 table written out below as data
// (flag names per level), not from the server's authorizer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsumerGroup } from '../../src/protocol/commands/consumer_groups/create_consumer_group.js';
import { deleteConsumerGroup } from '../../src/protocol/commands/consumer_groups/delete_consumer_group.js';
import { getConsumerGroup } from '../../src/protocol/commands/consumer_groups/get_consumer_group.js';
import { getConsumerGroups } from '../../src/protocol/commands/consumer_groups/get_consumer_groups.js';
import { joinConsumerGroup } from '../../src/protocol/commands/consumer_groups/join_consumer_group.js';
import { leaveConsumerGroup } from '../../src/protocol/commands/consumer_groups/leave_consumer_group.js';
import { deleteConsumerOffset } from '../../src/protocol/commands/consumer_offsets/delete_consumer_offset.js';
import { getConsumerOffset } from '../../src/protocol/commands/consumer_offsets/get_consumer_offset.js';
import { storeConsumerOffset } from '../../src/protocol/commands/consumer_offsets/store_consumer_offset.js';
import { flushUnsavedBuffer } from '../../src/protocol/commands/messages/flush_unsaved_buffer.js';
import { pollMessages } from '../../src/protocol/commands/messages/poll_messages.js';
import { sendMessages } from '../../src/protocol/commands/messages/send_messages.js';
import { createPartitions } from '../../src/protocol/commands/partitions/create_partitions.js';
import { deletePartitions } from '../../src/protocol/commands/partitions/delete_partitions.js';
import { createPersonalAccessToken } from '../../src/protocol/commands/personal_access_tokens/create_personal_access_token.js';
import { deletePersonalAccessToken } from '../../src/protocol/commands/personal_access_tokens/delete_personal_access_token.js';
import { getPersonalAccessTokens } from '../../src/protocol/commands/personal_access_tokens/get_personal_access_tokens.js';
import { deleteSegments } from '../../src/protocol/commands/segments/delete_segments.js';
import { createStream } from '../../src/protocol/commands/streams/create_stream.js';
import { deleteStream } from '../../src/protocol/commands/streams/delete_stream.js';
import { getStream } from '../../src/protocol/commands/streams/get_stream.js';
import { getStreams } from '../../src/protocol/commands/streams/get_streams.js';
import { purgeStream } from '../../src/protocol/commands/streams/purge_stream.js';
import { updateStream } from '../../src/protocol/commands/streams/update_stream.js';
import { getClient } from '../../src/protocol/commands/system/get_client.js';
import { getClients } from '../../src/protocol/commands/system/get_clients.js';
import { getClusterMetadata } from '../../src/protocol/commands/system/get_cluster_metadata.js';
import { getMe } from '../../src/protocol/commands/system/get_me.js';
import { getSnapshot, SnapshotCompression, SnapshotType } from '../../src/protocol/commands/system/get_snapshot.js';
import { getStats } from '../../src/protocol/commands/system/get_stats.js';
import { createTopic } from '../../src/protocol/commands/topics/create_topic.js';
import { deleteTopic } from '../../src/protocol/commands/topics/delete_topic.js';
import { getTopic } from '../../src/protocol/commands/topics/get_topic.js';
import { getTopics } from '../../src/protocol/commands/topics/get_topics.js';
import { purgeTopic } from '../../src/protocol/commands/topics/purge_topic.js';
import { updateTopic } from '../../src/protocol/commands/topics/update_topic.js';
import { changePassword } from '../../src/protocol/commands/users/change_password.js';
import { createUser } from '../../src/protocol/commands/users/create_user.js';
import { deleteUser } from '../../src/protocol/commands/users/delete_user.js';
import { getUser } from '../../src/protocol/commands/users/get_user.js';
import { getUsers } from '../../src/protocol/commands/users/get_users.js';
import { updatePermissions } from '../../src/protocol/commands/users/update_permissions.js';
import { updateUser } from '../../src/protocol/commands/users/update_user.js';
import { encodePayload } from '../../src/protocol/frame.js';
import {
  CompressionAlgorithm,
  UserStatus,
  type GlobalPermissions,
  type Permissions,
  type StreamPermissions,
  type TopicPermissions,
} from '../../src/protocol/types.js';
import type { RawClient } from '../helpers/server.js';
import { group, id, makeStream, makeTopic, name, permissions, single, startFixture, strategy, userClient, type Fixture } from './data_plane_fixture.js';

type GlobalFlag = keyof GlobalPermissions;
type StreamFlag = Exclude<keyof StreamPermissions, 'topics'>;
type TopicFlag = keyof TopicPermissions;

/** One row of BINARY.md §5.1: the flags that grant it, per level. */
interface Rule {
  global: GlobalFlag[];
  stream?: StreamFlag[];
  topic?: TopicFlag[];
}

const RULE = {
  servers: { global: ['readServers', 'manageServers'] },
  readUsers: { global: ['readUsers', 'manageUsers'] },
  manageUsers: { global: ['manageUsers'] },
  getStreams: { global: ['readStreams', 'manageStreams'] },
  getStream: { global: ['readStreams', 'manageStreams'], stream: ['readStream', 'manageStream'] },
  createStream: { global: ['manageStreams'] },
  manageStream: { global: ['manageStreams'], stream: ['manageStream'] },
  getTopics: {
    global: ['readStreams', 'manageStreams', 'readTopics', 'manageTopics'],
    stream: ['readStream', 'manageStream', 'readTopics', 'manageTopics'],
  },
  readTopic: {
    global: ['readStreams', 'manageStreams', 'readTopics', 'manageTopics'],
    stream: ['readStream', 'manageStream', 'readTopics', 'manageTopics'],
    topic: ['readTopic', 'manageTopic'],
  },
  createTopic: { global: ['manageStreams', 'manageTopics'], stream: ['manageStream', 'manageTopics'] },
  manageTopic: { global: ['manageStreams', 'manageTopics'], stream: ['manageStream', 'manageTopics'], topic: ['manageTopic'] },
  poll: {
    global: ['pollMessages', 'readTopics', 'manageTopics', 'readStreams', 'manageStreams'],
    stream: ['pollMessages', 'readStream', 'manageStream', 'readTopics', 'manageTopics'],
    topic: ['pollMessages', 'readTopic', 'manageTopic'],
  },
  send: {
    global: ['sendMessages', 'manageStreams', 'manageTopics'],
    stream: ['sendMessages', 'manageStream', 'manageTopics'],
    topic: ['sendMessages', 'manageTopic'],
  },
} satisfies Record<string, Rule>;

function allows(rule: Rule | null, perms: Permissions | null, streamId: number, topicId: number): boolean {
  if (rule === null) return true;
  if (perms === null) return false;
  if (rule.global.some((flag) => perms.global[flag])) return true;
  const stream = perms.streams.get(streamId);
  if (stream === undefined) return false;
  if ((rule.stream ?? []).some((flag) => stream[flag])) return true;
  const topic = stream.topics.get(topicId);
  return topic !== undefined && (rule.topic ?? []).some((flag) => topic[flag]);
}

// The world: stream A (topics X, Y), stream B (topic X). Ids are filled in by beforeAll.
const ids = { a: 0, b: 0, x: 0, y: 0, bx: 0 };

/** Users, each holding one kind of right; stream/topic entries on A and A/X. */
const USERS: Record<string, () => Permissions | null> = {
  none: () => null,
  empty: () => permissions(),
  g_read: () => permissions({ readServers: true, readUsers: true, readStreams: true, readTopics: true }),
  g_manage: () => permissions({ manageServers: true, manageUsers: true, manageStreams: true, manageTopics: true }),
  g_read_streams: () => permissions({ readStreams: true }),
  g_read_topics: () => permissions({ readTopics: true }),
  g_manage_topics: () => permissions({ manageTopics: true }),
  g_poll: () => permissions({ pollMessages: true }),
  g_send: () => permissions({ sendMessages: true }),
  s_manage: () => permissions({}, { [ids.a]: { flags: { manageStream: true } } }),
  s_read: () => permissions({}, { [ids.a]: { flags: { readStream: true } } }),
  s_manage_topics: () => permissions({}, { [ids.a]: { flags: { manageTopics: true } } }),
  s_read_topics: () => permissions({}, { [ids.a]: { flags: { readTopics: true } } }),
  s_poll: () => permissions({}, { [ids.a]: { flags: { pollMessages: true } } }),
  s_send: () => permissions({}, { [ids.a]: { flags: { sendMessages: true } } }),
  t_manage: () => permissions({}, { [ids.a]: { topics: { [ids.x]: { manageTopic: true } } } }),
  t_read: () => permissions({}, { [ids.a]: { topics: { [ids.x]: { readTopic: true } } } }),
  t_poll: () => permissions({}, { [ids.a]: { topics: { [ids.x]: { pollMessages: true } } } }),
  t_send: () => permissions({}, { [ids.a]: { topics: { [ids.x]: { sendMessages: true } } } }),
};

interface Target {
  label: string;
  stream: number;
  topic: number;
  streamId: ReturnType<typeof id>;
  topicId: ReturnType<typeof id>;
}

/** Own topic by id and by name, another topic of the same stream, a topic of another stream. */
function topicTargets(): Target[] {
  return [
    { label: 'A/X', stream: ids.a, topic: ids.x, streamId: id(ids.a), topicId: id(ids.x) },
    { label: 'A/X by name', stream: ids.a, topic: ids.x, streamId: name('A'), topicId: name('X') },
    { label: 'A/Y', stream: ids.a, topic: ids.y, streamId: id(ids.a), topicId: id(ids.y) },
    { label: 'B/X', stream: ids.b, topic: ids.bx, streamId: id(ids.b), topicId: id(ids.bx) },
  ];
}

function streamTargets(): Target[] {
  return [
    { label: 'A', stream: ids.a, topic: -1, streamId: id(ids.a), topicId: id(0) },
    { label: 'A by name', stream: ids.a, topic: -1, streamId: name('A'), topicId: id(0) },
    { label: 'B', stream: ids.b, topic: -1, streamId: id(ids.b), topicId: id(0) },
  ];
}

interface Call {
  code: number;
  payload: Uint8Array;
}

function call<Req>(codec: { code: number; request: { sizeBytes(r: Req): number; encodeInto(t: Uint8Array, o: number, r: Req): number } }, request: Req): Call {
  return { code: codec.code, payload: encodePayload(codec.request, request) };
}

interface Case {
  command: string;
  rule: Rule | null;
  /** 'none' = one call, no stream/topic. */
  scope: 'none' | 'stream' | 'topic';
  /** The status when permitted (the request is built to stop there). */
  allowed: number | ((target: Target) => number);
  build(target: Target, user: string): Call;
  /** Root work before each call (creating what the call consumes). */
  before?(fixture: Fixture, target: Target): Promise<Target>;
  /** Root work after a permitted call (restoring what it destroyed). */
  restore?(fixture: Fixture, target: Target): Promise<void>;
}

const NOT_STORED_CONSUMER = 4242;

function topicFields(topicName: string) {
  return { compression: CompressionAlgorithm.None, messageExpiryUs: 0n, maxTopicSizeBytes: 0n, replicationFactor: 0, name: topicName };
}
const topicName = (t: Target): string => (t.stream === ids.b ? 'X' : t.topic === ids.x ? 'X' : 'Y');
const streamName = (t: Target): string => (t.stream === ids.a ? 'A' : 'B');

let groupSeq = 0;

// Ordered so that no case depends on something an earlier one destroyed:
// reads, offsets, sends, purges, then deletions (which restore what they removed).
const CASES: Case[] = [
  { command: 'GetStats', rule: RULE.servers, scope: 'none', allowed: 0, build: () => call(getStats, undefined) },
  { command: 'GetSnapshot', rule: null, scope: 'none', allowed: 0, build: () => call(getSnapshot, { compression: SnapshotCompression.Stored, types: [SnapshotType.Test] }) },
  { command: 'GetClusterMetadata', rule: null, scope: 'none', allowed: 0, build: () => call(getClusterMetadata, undefined) },
  { command: 'GetMe', rule: null, scope: 'none', allowed: 0, build: () => call(getMe, undefined) },
  { command: 'GetClient', rule: RULE.servers, scope: 'none', allowed: 0, build: () => call(getClient, { clientId: 1 }) },
  { command: 'GetClients', rule: RULE.servers, scope: 'none', allowed: 0, build: () => call(getClients, undefined) },
  { command: 'GetUser (self)', rule: null, scope: 'none', allowed: 0, build: (_t, user) => call(getUser, { userId: name(user) }) },
  { command: 'GetUser (root)', rule: RULE.readUsers, scope: 'none', allowed: 0, build: () => call(getUser, { userId: id(0) }) },
  { command: 'GetUsers', rule: RULE.readUsers, scope: 'none', allowed: 0, build: () => call(getUsers, undefined) },
  // Past the check: a taken name (46), root cannot go (48) or change permissions (49).
  { command: 'CreateUser', rule: RULE.manageUsers, scope: 'none', allowed: 46, build: () => call(createUser, { username: 'iggy', password: 'secret', status: UserStatus.Active, permissions: null }) },
  { command: 'DeleteUser', rule: RULE.manageUsers, scope: 'none', allowed: 48, build: () => call(deleteUser, { userId: id(0) }) },
  { command: 'UpdateUser', rule: RULE.manageUsers, scope: 'none', allowed: 46, build: (_t, user) => call(updateUser, { userId: name(user), username: 'iggy' }) },
  { command: 'UpdatePermissions', rule: RULE.manageUsers, scope: 'none', allowed: 49, build: () => call(updatePermissions, { userId: id(0), permissions: null }) },
  // A wrong current password (42) is still required past the permission check.
  { command: 'ChangePassword (self)', rule: null, scope: 'none', allowed: 42, build: (_t, user) => call(changePassword, { userId: name(user), currentPassword: 'wrong!', newPassword: 'whatever' }) },
  { command: 'ChangePassword (root)', rule: RULE.manageUsers, scope: 'none', allowed: 42, build: () => call(changePassword, { userId: id(0), currentPassword: 'wrong!', newPassword: 'whatever' }) },
  { command: 'GetPersonalAccessTokens', rule: null, scope: 'none', allowed: 0, build: () => call(getPersonalAccessTokens, undefined) },
  { command: 'CreatePersonalAccessToken', rule: null, scope: 'none', allowed: 50, build: () => call(createPersonalAccessToken, { name: 'ab', expiryUs: 0n }) },
  { command: 'DeletePersonalAccessToken', rule: null, scope: 'none', allowed: 20, build: () => call(deletePersonalAccessToken, { name: 'nope' }) },

  { command: 'GetStreams', rule: RULE.getStreams, scope: 'none', allowed: 0, build: () => call(getStreams, undefined) },
  { command: 'GetStream', rule: RULE.getStream, scope: 'stream', allowed: 0, build: (t) => call(getStream, { streamId: t.streamId }) },
  { command: 'CreateStream', rule: RULE.createStream, scope: 'none', allowed: 1012, build: () => call(createStream, { name: 'A' }) },
  { command: 'UpdateStream', rule: RULE.manageStream, scope: 'stream', allowed: 0, build: (t) => call(updateStream, { streamId: t.streamId, name: streamName(t) }) },
  { command: 'GetTopics', rule: RULE.getTopics, scope: 'stream', allowed: 0, build: (t) => call(getTopics, { streamId: t.streamId }) },
  { command: 'CreateTopic', rule: RULE.createTopic, scope: 'stream', allowed: 2013, build: (t) => call(createTopic, { streamId: t.streamId, partitionsCount: 1, ...topicFields('X') }) },
  { command: 'GetTopic', rule: RULE.readTopic, scope: 'topic', allowed: 0, build: (t) => call(getTopic, { streamId: t.streamId, topicId: t.topicId }) },
  { command: 'UpdateTopic', rule: RULE.manageTopic, scope: 'topic', allowed: 0, build: (t) => call(updateTopic, { streamId: t.streamId, topicId: t.topicId, ...topicFields(topicName(t)) }) },
  { command: 'CreatePartitions', rule: RULE.manageTopic, scope: 'topic', allowed: 0, build: (t) => call(createPartitions, { streamId: t.streamId, topicId: t.topicId, partitionsCount: 1 }) },
  { command: 'DeletePartitions', rule: RULE.manageTopic, scope: 'topic', allowed: 2019, build: (t) => call(deletePartitions, { streamId: t.streamId, topicId: t.topicId, partitionsCount: 1000 }) },
  { command: 'DeleteSegments', rule: RULE.manageTopic, scope: 'topic', allowed: 0, build: (t) => call(deleteSegments, { streamId: t.streamId, topicId: t.topicId, partitionId: 0, segmentsCount: 0 }) },
  { command: 'GetConsumerGroup', rule: RULE.readTopic, scope: 'topic', allowed: 0, build: (t) => call(getConsumerGroup, { streamId: t.streamId, topicId: t.topicId, groupId: name('G') }) },
  { command: 'GetConsumerGroups', rule: RULE.readTopic, scope: 'topic', allowed: 0, build: (t) => call(getConsumerGroups, { streamId: t.streamId, topicId: t.topicId }) },
  { command: 'CreateConsumerGroup', rule: RULE.readTopic, scope: 'topic', allowed: 5004, build: (t) => call(createConsumerGroup, { streamId: t.streamId, topicId: t.topicId, name: 'G' }) },
  // Join before Leave: a user allowed to leave joined the same group just before.
  { command: 'JoinConsumerGroup', rule: RULE.readTopic, scope: 'topic', allowed: 0, build: (t) => call(joinConsumerGroup, { streamId: t.streamId, topicId: t.topicId, groupId: name('G') }) },
  // A/X by name is the group just left through its numeric ids: not a member (5006).
  { command: 'LeaveConsumerGroup', rule: RULE.readTopic, scope: 'topic', allowed: (t) => (t.label === 'A/X by name' ? 5006 : 0), build: (t) => call(leaveConsumerGroup, { streamId: t.streamId, topicId: t.topicId, groupId: name('G') }) },
  {
    command: 'DeleteConsumerGroup', rule: RULE.readTopic, scope: 'topic', allowed: 0,
    // A fresh group per call, so a permitted delete consumes only its own.
    async before(fixture, t) {
      const created = await fixture.root.call(createConsumerGroup, { streamId: t.streamId, topicId: t.topicId, name: `D${groupSeq++}` });
      expect(created.status).toBe(0);
      return { ...t, label: `${t.label} group ${created.value!.id}`, groupId: created.value!.id } as Target;
    },
    build: (t) => call(deleteConsumerGroup, { streamId: t.streamId, topicId: t.topicId, groupId: id((t as Target & { groupId: number }).groupId) }),
  },

  { command: 'PollMessages', rule: RULE.poll, scope: 'topic', allowed: 0, build: (t) => call(pollMessages, { streamId: t.streamId, topicId: t.topicId, consumer: single(1), partitionId: 0, strategy: strategy.first(), count: 1, autoCommit: false }) },
  // Not a member (they left above): permitted -> ConsumerGroupMemberNotFound (5006).
  { command: 'PollMessages (group)', rule: RULE.poll, scope: 'topic', allowed: 5006, build: (t) => call(pollMessages, { streamId: t.streamId, topicId: t.topicId, consumer: group('G'), partitionId: null, strategy: strategy.next(), count: 1, autoCommit: false }) },
  { command: 'GetConsumerOffset', rule: RULE.poll, scope: 'topic', allowed: 0, build: (t) => call(getConsumerOffset, { streamId: t.streamId, topicId: t.topicId, consumer: single(1), partitionId: 0 }) },
  { command: 'StoreConsumerOffset', rule: RULE.poll, scope: 'topic', allowed: 0, build: (t) => call(storeConsumerOffset, { streamId: t.streamId, topicId: t.topicId, consumer: single(1), partitionId: 0, offset: 0n }) },
  // Nothing is ever stored for this consumer: permitted -> ConsumerOffsetNotFound (3021).
  { command: 'DeleteConsumerOffset', rule: RULE.poll, scope: 'topic', allowed: 3021, build: (t) => call(deleteConsumerOffset, { streamId: t.streamId, topicId: t.topicId, consumer: single(NOT_STORED_CONSUMER), partitionId: 0 }) },
  { command: 'SendMessages', rule: RULE.send, scope: 'topic', allowed: 0, build: (t) => call(sendMessages, { streamId: t.streamId, topicId: t.topicId, partitioning: { kind: 2, partitionId: 0 }, messages: [{ payload: new Uint8Array([1, 2, 3]) }] }) },
  { command: 'FlushUnsavedBuffer', rule: RULE.send, scope: 'topic', allowed: 0, build: (t) => call(flushUnsavedBuffer, { streamId: t.streamId, topicId: t.topicId, partitionId: 0, fsync: false }) },

  { command: 'PurgeTopic', rule: RULE.manageTopic, scope: 'topic', allowed: 0, build: (t) => call(purgeTopic, { streamId: t.streamId, topicId: t.topicId }) },
  { command: 'PurgeStream', rule: RULE.manageStream, scope: 'stream', allowed: 0, build: (t) => call(purgeStream, { streamId: t.streamId }) },
  {
    command: 'DeleteTopic', rule: RULE.manageTopic, scope: 'topic', allowed: 0,
    build: (t) => call(deleteTopic, { streamId: t.streamId, topicId: t.topicId }),
    // The freed id is reused first (§7), so permissions keyed by it stay valid.
    async restore(fixture, t) {
      const topic = await makeTopic(fixture.root, id(t.stream), topicName(t));
      expect(topic.topic.id).toBe(t.topic);
    },
  },
  {
    command: 'DeleteStream', rule: RULE.manageStream, scope: 'stream', allowed: 0,
    build: (t) => call(deleteStream, { streamId: t.streamId }),
    async restore(fixture, t) {
      const stream = await makeStream(fixture.root, streamName(t));
      expect(stream.id).toBe(t.stream);
    },
  },
];

let fixture: Fixture;
const clients = new Map<string, { client: RawClient; perms: Permissions | null }>();

beforeAll(async () => {
  fixture = await startFixture();
  const { root } = fixture;
  ids.a = (await makeStream(root, 'A')).id;
  ids.b = (await makeStream(root, 'B')).id;
  ids.x = (await makeTopic(root, id(ids.a), 'X')).topic.id;
  ids.y = (await makeTopic(root, id(ids.a), 'Y')).topic.id;
  ids.bx = (await makeTopic(root, id(ids.b), 'X')).topic.id;
  for (const [s, t] of [[ids.a, ids.x], [ids.a, ids.y], [ids.b, ids.bx]] as const) {
    expect((await root.call(createConsumerGroup, { streamId: id(s), topicId: id(t), name: 'G' })).status).toBe(0);
    const sent = await root.call(sendMessages, { streamId: id(s), topicId: id(t), partitioning: { kind: 2, partitionId: 0 }, messages: [{ payload: new Uint8Array([0]) }] });
    expect(sent.status).toBe(0);
  }
  for (const [username, perms] of Object.entries(USERS)) {
    const p = perms();
    clients.set(username, { client: await userClient(fixture, username, p), perms: p });
  }
}, 30_000);

afterAll(async () => {
  await fixture?.server.close();
});

describe('permission matrix (BINARY.md §5.1)', () => {
  for (const testCase of CASES) {
    it(`${testCase.command}: 41 exactly where §5.1 grants nothing`, async () => {
      const mismatches: string[] = [];
      let permitted = 0;
      let denied = 0;
      for (const [username, { client, perms }] of clients) {
        const targets = testCase.scope === 'none' ? [{ label: '-', stream: -1, topic: -1, streamId: id(0), topicId: id(0) }] : testCase.scope === 'stream' ? streamTargets() : topicTargets();
        for (const base of targets) {
          const target = testCase.before ? await testCase.before(fixture, base) : base;
          const { code, payload } = testCase.build(target, username);
          const { status } = await client.send(code, payload);
          const allowed = allows(testCase.rule, perms, target.stream, target.topic);
          const expected = !allowed ? 41 : typeof testCase.allowed === 'number' ? testCase.allowed : testCase.allowed(target);
          if (allowed) permitted++;
          else denied++;
          if (status !== expected) mismatches.push(`${username} on ${target.label}: got ${status}, expected ${expected}`);
          if (allowed && status === 0 && testCase.restore) await testCase.restore(fixture, target);
        }
      }
      expect(mismatches).toEqual([]);
      // Every row is exercised both ways (rows without a rule: never denied).
      expect(permitted).toBeGreaterThan(0);
      if (testCase.rule !== null) expect(denied).toBeGreaterThan(0);
    });
  }
});
