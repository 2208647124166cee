// Authorisation and error semantics over real TCP that the permission matrix
// (audit_permissions.test.ts) does not cover: login required (40) for every
// command with a well-formed payload (BINARY.md §2.5), the order of checks of
// §5.2 (reads resolve first and answer a missing target with empty OK even
// without permission; mutations answer not-found before 41, except the five
// that check permission first), and SendMessages checking login before its
// payload (§2.5, §8.22).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as commands from '../../src/protocol/commands/index.js';
import { encodePayload } from '../../src/protocol/frame.js';
import { CompressionAlgorithm, UserStatus } from '../../src/protocol/types.js';
import type { RawClient } from '../helpers/server.js';
import { group, id, makeStream, makeTopic, name, permissions, single, startFixture, strategy, userClient, type Fixture } from './data_plane_fixture.js';

type AnyCodec = { code: number; request: { sizeBytes(r: never): number; encodeInto(t: Uint8Array, o: number, r: never): number } };

function frame(codec: AnyCodec, request: unknown): { code: number; payload: Uint8Array } {
  return { code: codec.code, payload: encodePayload(codec.request as never, request as never) };
}

const topicFields = { compression: CompressionAlgorithm.None, messageExpiryUs: 0n, maxTopicSizeBytes: 0n, replicationFactor: 0 };
const st = (s: number | string, t: number | string) => ({ streamId: typeof s === 'number' ? id(s) : name(s), topicId: typeof t === 'number' ? id(t) : name(t) });

/** A well-formed request for every command that needs login (47 codes minus Ping and the two logins). */
function everyAuthenticatedCommand(s: number | string, t: number | string) {
  const c = commands;
  return [
    frame(c.getStats, undefined),
    frame(c.getSnapshot, { compression: c.SnapshotCompression.Stored, types: [c.SnapshotType.Test] }),
    frame(c.getClusterMetadata, undefined),
    frame(c.getMe, undefined),
    frame(c.getClient, { clientId: 1 }),
    frame(c.getClients, undefined),
    frame(c.getUser, { userId: id(0) }),
    frame(c.getUsers, undefined),
    frame(c.createUser, { username: 'someone', password: 'secret', status: UserStatus.Active, permissions: null }),
    frame(c.deleteUser, { userId: id(77) }),
    frame(c.updateUser, { userId: id(77), username: 'renamed' }),
    frame(c.updatePermissions, { userId: id(77), permissions: null }),
    frame(c.changePassword, { userId: id(77), currentPassword: 'secret', newPassword: 'secret2' }),
    frame(c.logoutUser, undefined),
    frame(c.getPersonalAccessTokens, undefined),
    frame(c.createPersonalAccessToken, { name: 'token', expiryUs: 0n }),
    frame(c.deletePersonalAccessToken, { name: 'token' }),
    frame(c.pollMessages, { ...st(s, t), consumer: single(1), partitionId: 0, strategy: strategy.first(), count: 1, autoCommit: false }),
    frame(c.sendMessages, { ...st(s, t), partitioning: { kind: 2, partitionId: 0 }, messages: [{ payload: new Uint8Array([1]) }] }),
    frame(c.flushUnsavedBuffer, { ...st(s, t), partitionId: 0, fsync: false }),
    frame(c.getConsumerOffset, { ...st(s, t), consumer: single(1), partitionId: 0 }),
    frame(c.storeConsumerOffset, { ...st(s, t), consumer: single(1), partitionId: 0, offset: 0n }),
    frame(c.deleteConsumerOffset, { ...st(s, t), consumer: single(1), partitionId: 0 }),
    frame(c.getStream, { streamId: st(s, t).streamId }),
    frame(c.getStreams, undefined),
    frame(c.createStream, { name: 'new-stream' }),
    frame(c.deleteStream, { streamId: st(s, t).streamId }),
    frame(c.updateStream, { streamId: st(s, t).streamId, name: 'renamed' }),
    frame(c.purgeStream, { streamId: st(s, t).streamId }),
    frame(c.getTopic, st(s, t)),
    frame(c.getTopics, { streamId: st(s, t).streamId }),
    frame(c.createTopic, { streamId: st(s, t).streamId, partitionsCount: 1, ...topicFields, name: 'new-topic' }),
    frame(c.deleteTopic, st(s, t)),
    frame(c.updateTopic, { ...st(s, t), ...topicFields, name: 'renamed' }),
    frame(c.purgeTopic, st(s, t)),
    frame(c.createPartitions, { ...st(s, t), partitionsCount: 1 }),
    frame(c.deletePartitions, { ...st(s, t), partitionsCount: 1 }),
    frame(c.deleteSegments, { ...st(s, t), partitionId: 0, segmentsCount: 1 }),
    frame(c.getConsumerGroup, { ...st(s, t), groupId: id(0) }),
    frame(c.getConsumerGroups, st(s, t)),
    frame(c.createConsumerGroup, { ...st(s, t), name: 'new-group' }),
    frame(c.deleteConsumerGroup, { ...st(s, t), groupId: id(0) }),
    frame(c.joinConsumerGroup, { ...st(s, t), groupId: id(0) }),
    frame(c.leaveConsumerGroup, { ...st(s, t), groupId: id(0) }),
  ];
}

let fixture: Fixture;
let nobody: RawClient;
let streamId = 0;
let topicId = 0;

beforeAll(async () => {
  fixture = await startFixture();
  streamId = (await makeStream(fixture.root, 'S')).id;
  topicId = (await makeTopic(fixture.root, id(streamId), 'T')).topic.id;
  expect((await fixture.root.call(commands.createConsumerGroup, { streamId: id(streamId), topicId: id(topicId), name: 'G' })).status).toBe(0);
  nobody = await userClient(fixture, 'nobody', permissions());
}, 30_000);

afterAll(async () => {
  await fixture?.server.close();
});

describe('login required (BINARY.md §2.5)', () => {
  it('answers 40 to every well-formed command but Ping and the logins, before and after LogoutUser', async () => {
    const requests = everyAuthenticatedCommand(streamId, topicId);
    expect(new Set(requests.map((r) => r.code)).size).toBe(44);
    const anon = await fixture.server.connect();
    for (const { code, payload } of requests) expect((await anon.send(code, payload)).status, `code ${code}`).toBe(40);
    expect((await anon.send(commands.ping.code)).status).toBe(0);

    const client = await fixture.server.connect();
    await client.login('iggy', 'iggy');
    expect((await client.call(commands.logoutUser, undefined)).status).toBe(0);
    for (const { code, payload } of requests) expect((await client.send(code, payload)).status, `code ${code} after logout`).toBe(40);
    // Nothing was served: the world is as before.
    expect((await fixture.root.call(commands.getStream, { streamId: id(streamId) })).value?.stream.name).toBe('S');
  });

  it('checks login before reading a SendMessages payload: garbage unauthenticated -> 40', async () => {
    const anon = await fixture.server.connect();
    // A metadata length pointing past the payload: 3 once decoded, 40 before that.
    const garbage = Buffer.from([0xff, 0xff, 0, 0, 9, 9, 9]);
    expect((await anon.send(commands.sendMessages.code, garbage)).status).toBe(40);
    // Other commands decode first (3/4 win over 40) and the connection stays in sync.
    expect((await anon.send(commands.getStream.code, Buffer.from([1]))).status).toBe(3);
    expect((await anon.send(commands.ping.code)).status).toBe(0);
  });
});

describe('order of checks (BINARY.md §5.2)', () => {
  it('answers reads of a missing target with empty OK even without permission', async () => {
    const missing = [
      frame(commands.getStream, { streamId: id(999) }),
      frame(commands.getStream, { streamId: name('missing') }),
      frame(commands.getTopics, { streamId: id(999) }),
      frame(commands.getTopic, st(999, 0)),
      frame(commands.getTopic, st(streamId, 999)),
      frame(commands.getConsumerGroups, st(999, 0)),
      frame(commands.getConsumerGroups, st(streamId, 999)),
      frame(commands.getConsumerGroup, { ...st(999, 0), groupId: id(0) }),
      frame(commands.getConsumerGroup, { ...st(streamId, topicId), groupId: id(999) }),
      frame(commands.getConsumerOffset, { ...st(999, 0), consumer: single(1), partitionId: 0 }),
      frame(commands.getConsumerOffset, { ...st(streamId, 999), consumer: single(1), partitionId: 0 }),
      frame(commands.getUser, { userId: id(999) }),
      frame(commands.getUser, { userId: name('missing') }),
    ];
    for (const { code, payload } of missing) {
      const response = await nobody.send(code, payload);
      expect({ code, status: response.status, length: response.payload.length }).toEqual({ code, status: 0, length: 0 });
    }
    // The same reads of existing targets are refused.
    const existing = [
      frame(commands.getStream, { streamId: id(streamId) }),
      frame(commands.getTopics, { streamId: id(streamId) }),
      frame(commands.getTopic, st(streamId, topicId)),
      frame(commands.getConsumerGroups, st(streamId, topicId)),
      frame(commands.getConsumerGroup, { ...st(streamId, topicId), groupId: name('G') }),
      frame(commands.getConsumerOffset, { ...st(streamId, topicId), consumer: single(1), partitionId: 0 }),
      frame(commands.getUser, { userId: id(0) }),
    ];
    for (const { code, payload } of existing) expect((await nobody.send(code, payload)).status, `code ${code}`).toBe(41);
  });

  it('answers mutations of a missing target with not-found before 41', async () => {
    const cases: Array<[ReturnType<typeof frame>, number]> = [
      [frame(commands.updateStream, { streamId: id(999), name: 'x' }), 1009],
      [frame(commands.deleteStream, { streamId: name('missing') }), 1009],
      [frame(commands.purgeStream, { streamId: id(999) }), 1009],
      [frame(commands.createTopic, { streamId: id(999), partitionsCount: 1, ...topicFields, name: 'x' }), 1009],
      [frame(commands.updateTopic, { ...st(streamId, 999), ...topicFields, name: 'x' }), 2010],
      [frame(commands.deleteTopic, st(streamId, 'missing')), 2010],
      [frame(commands.purgeTopic, st(999, 0)), 1009],
      [frame(commands.createPartitions, { ...st(streamId, 999), partitionsCount: 1 }), 2010],
      [frame(commands.deletePartitions, { ...st(999, 0), partitionsCount: 1 }), 1009],
      [frame(commands.deleteSegments, { ...st(streamId, 999), partitionId: 0, segmentsCount: 1 }), 2010],
      [frame(commands.createConsumerGroup, { ...st(streamId, 999), name: 'x' }), 2010],
      [frame(commands.deleteConsumerGroup, { ...st(streamId, topicId), groupId: id(999) }), 5000],
      [frame(commands.joinConsumerGroup, { ...st(streamId, topicId), groupId: name('missing') }), 5000],
      [frame(commands.leaveConsumerGroup, { ...st(999, 0), groupId: id(0) }), 1009],
      [frame(commands.sendMessages, { ...st(999, 0), partitioning: { kind: 1 }, messages: [{ payload: new Uint8Array([1]) }] }), 1009],
      [frame(commands.sendMessages, { ...st(streamId, 'missing'), partitioning: { kind: 1 }, messages: [{ payload: new Uint8Array([1]) }] }), 2010],
      [frame(commands.pollMessages, { ...st(999, 0), consumer: single(1), partitionId: 0, strategy: strategy.first(), count: 1, autoCommit: false }), 1009],
      [frame(commands.pollMessages, { ...st(streamId, 999), consumer: group(0), partitionId: null, strategy: strategy.next(), count: 1, autoCommit: false }), 2010],
      [frame(commands.flushUnsavedBuffer, { ...st('missing', 0), partitionId: 0, fsync: false }), 1009],
      [frame(commands.storeConsumerOffset, { ...st(streamId, 999), consumer: single(1), partitionId: 0, offset: 0n }), 2010],
      [frame(commands.deleteConsumerOffset, { ...st(999, 0), consumer: single(1), partitionId: 0 }), 1009],
    ];
    for (const [{ code, payload }, expected] of cases) expect((await nobody.send(code, payload)).status, `code ${code}`).toBe(expected);
  });

  it('checks permission first for CreateStream, CreateUser, DeleteUser, UpdateUser and UpdatePermissions', async () => {
    const cases = [
      frame(commands.createStream, { name: 'S' }), // taken name: 1012 only for a permitted caller
      frame(commands.createUser, { username: 'iggy', password: 'secret', status: UserStatus.Active, permissions: null }), // 46
      frame(commands.createUser, { username: 'ab', password: 'secret', status: UserStatus.Active, permissions: null }), // 43
      frame(commands.deleteUser, { userId: id(999) }), // 20
      frame(commands.deleteUser, { userId: id(0) }), // 48
      frame(commands.updateUser, { userId: id(999), username: 'renamed' }), // 20
      frame(commands.updateUser, { userId: id(0), username: 'ab' }), // 43
      frame(commands.updatePermissions, { userId: id(999), permissions: null }), // 20
      frame(commands.updatePermissions, { userId: id(0), permissions: null }), // 49
    ];
    for (const { code, payload } of cases) expect((await nobody.send(code, payload)).status, `code ${code}`).toBe(41);
  });
});

describe('framing (BINARY.md §2.1)', () => {
  it('ignores trailing bytes after a decoded payload', async () => {
    const client = await fixture.server.connect();
    const login = Buffer.concat([Buffer.from(encodePayload(commands.loginUser.request, { username: 'iggy', password: 'iggy' })), Buffer.from([7, 7, 7])]);
    expect((await client.send(commands.loginUser.code, login)).status).toBe(0);
    const withTail = (f: { code: number; payload: Uint8Array }) => ({ code: f.code, payload: Buffer.concat([Buffer.from(f.payload), Buffer.from([1, 2, 3, 4, 5])]) });
    const requests = [
      withTail(frame(commands.getStream, { streamId: id(streamId) })),
      withTail(frame(commands.getTopic, st(streamId, topicId))),
      withTail(frame(commands.getUser, { userId: id(0) })),
      withTail(frame(commands.getMe, undefined)),
      withTail(frame(commands.deleteTopic, st(streamId, 999))), // the Node SDK appends a u32 here (§8.36)
    ];
    const statuses = [];
    for (const { code, payload } of requests) statuses.push((await client.send(code, payload)).status);
    expect(statuses).toEqual([0, 0, 0, 0, 2010]);
  });
});
