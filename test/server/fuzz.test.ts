// Bounded, seeded fuzzing of the TCP server with random and mutated frames.
// Proves: every well-framed request (and every length < 4) gets exactly one
// reply, in order; no reply is Error (1), which would mean an exception
// escaped a handler or codec; unframed garbage only harms its own connection;
// and afterwards other clients are served and no user, permission or token
// was lost. Frames are sent as an unauthenticated client and as a user with
// no permissions, so decoders and checks run without the fuzzer being able to
// legitimately delete what the test verifies. Seed: IGGY_FUZZ_SEED (default fixed).
import { afterEach, describe, expect, it } from 'vitest';
import { createPersonalAccessToken } from '../../src/protocol/commands/personal_access_tokens/create_personal_access_token.js';
import { loginWithPersonalAccessToken } from '../../src/protocol/commands/personal_access_tokens/login_with_personal_access_token.js';
import { pollMessages } from '../../src/protocol/commands/messages/poll_messages.js';
import { sendMessages } from '../../src/protocol/commands/messages/send_messages.js';
import { createStream } from '../../src/protocol/commands/streams/create_stream.js';
import { getStream } from '../../src/protocol/commands/streams/get_stream.js';
import { createTopic } from '../../src/protocol/commands/topics/create_topic.js';
import { createUser } from '../../src/protocol/commands/users/create_user.js';
import { getUsers } from '../../src/protocol/commands/users/get_users.js';
import { COMMAND } from '../../src/protocol/codes.js';
import { encodePayload } from '../../src/protocol/frame.js';
import { Identifier, UserStatus } from '../../src/protocol/types.js';
import { encodeLoginUser, type RawClient, startTestServer, type TestServer } from '../helpers/server.js';

const SEED = Number(process.env.IGGY_FUZZ_SEED ?? 0x1991);
const FRAMES_PER_CLIENT = 2500;

/** mulberry32: small, seedable, good enough to pick bytes. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CODES = Object.values(COMMAND) as number[];

/** Valid payloads to mutate (identifiers, names, permissions, strategies). */
const TEMPLATES: Array<[number, Buffer]> = [
  [38, encodeLoginUser('iggy', 'wrong-password')],
  [31, Buffer.from([1, 4, 0, 0, 0, 0])],
  [31, Buffer.from([2, 4, 105, 103, 103, 121])],
  [33, Buffer.from(encodePayload(createUser.request, { username: 'fuzzed', password: 'secret', status: UserStatus.Active, permissions: null }))],
  [36, Buffer.from([1, 4, 1, 0, 0, 0, 1, 11, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0])],
  [42, Buffer.from(encodePayload(createPersonalAccessToken.request, { name: 'fuzz-token', expiryUs: 0n }))],
  [44, Buffer.from([68, ...Buffer.from('A'.repeat(68))])],
  [11, Buffer.from([1, 2, 4, 6])],
  [21, Buffer.from([1, 0, 0, 0])],
  [200, Buffer.from([1, 4, 0, 0, 0, 0])],
  [300, Buffer.from([1, 4, 0, 0, 0, 0, 2, 3, 116, 111, 112])],
  [100, Buffer.from([1, 2, 4, 0, 0, 0, 0, 1, 4, 0, 0, 0, 0, 1, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 10, 0, 0, 0, 1])],
  [121, Buffer.from([1, 1, 4, 0, 0, 0, 0, 1, 4, 0, 0, 0, 0, 1, 4, 0, 0, 0, 0, 1, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0])],
  [302, Buffer.concat([Buffer.from([1, 4, 0, 0, 0, 0, 1, 0, 0, 0, 1]), Buffer.alloc(16), Buffer.from([1, 3, 116, 111, 112])])],
  [602, Buffer.from([1, 4, 0, 0, 0, 0, 1, 4, 0, 0, 0, 0, 5, 103, 114, 111, 117, 112])],
];

const SEND = {
  streamId: Identifier.string('fz'),
  topicId: Identifier.numeric(0),
  partitioning: { kind: 2, partitionId: 1 } as const,
  messages: [
    { payload: Buffer.from('hello fuzz'), headers: [{ key: { kind: 2, value: Buffer.from('k') }, value: { kind: 11, value: Buffer.from([1, 0, 0, 0]) } }] as const },
    { id: 7n, payload: Buffer.from('second') },
  ],
};

/** Root-only templates that reach the data plane (stream "fz", topic 0 with 2 partitions). */
const DATA_TEMPLATES: Array<[number, Buffer]> = [
  [101, Buffer.from(encodePayload(sendMessages.request, SEND as never))],
  [101, Buffer.from(encodePayload(sendMessages.request, { ...SEND, partitioning: { kind: 3, key: Buffer.from('key') } } as never))],
  [100, Buffer.from(encodePayload(pollMessages.request, {
    streamId: Identifier.numeric(0), topicId: Identifier.numeric(0), consumer: { kind: 1, id: Identifier.numeric(1) },
    partitionId: 1, strategy: { kind: 1, value: 0n }, count: 10, autoCommit: true,
  }))],
];

interface Fuzzed {
  bytes: Buffer;
  replies: number;
}

/** Codes the root fuzzer must not send: they could legitimately change users the test then checks. */
const ROOT_EXCLUDED = new Set<number>([COMMAND.CreateUser, COMMAND.DeleteUser, COMMAND.UpdateUser, COMMAND.UpdatePermissions, COMMAND.ChangePassword]);

function fuzzFrames(random: () => number, count: number, templates = TEMPLATES, excluded = new Set<number>()): Fuzzed {
  const int = (n: number): number => Math.floor(random() * n);
  const parts: Buffer[] = [];
  let replies = 0;
  for (let i = 0; i < count; i++) {
    const roll = random();
    if (roll < 0.03) {
      const bad = Buffer.alloc(4);
      bad.writeUInt32LE(int(4), 0); // length < 4: one InvalidCommand, 4 bytes consumed
      parts.push(bad);
      replies++;
      continue;
    }
    let code: number;
    let payload: Buffer;
    if (roll < 0.55) {
      const [templateCode, template] = templates[int(templates.length)]!;
      code = templateCode;
      payload = Buffer.from(template);
      const mutations = 1 + int(4);
      for (let m = 0; m < mutations; m++) {
        const what = random();
        if (what < 0.5 && payload.length > 0) payload[int(payload.length)] = int(256);
        else if (what < 0.7) payload = payload.subarray(0, int(payload.length + 1));
        else if (what < 0.85) payload = Buffer.concat([payload, Buffer.from(Array.from({ length: int(16) }, () => int(256)))]);
        else if (payload.length > 0) payload[int(payload.length)] = [0, 1, 2, 3, 4, 255][int(6)]!;
      }
    } else {
      code = random() < 0.9 ? CODES[int(CODES.length)]! : int(0x1_0000);
      payload = Buffer.from(Array.from({ length: int(random() < 0.9 ? 64 : 600) }, () => int(256)));
    }
    if (code === COMMAND.LogoutUser || excluded.has(code)) code = COMMAND.Ping; // stay in the role the test assigned
    const header = Buffer.alloc(8);
    header.writeUInt32LE(4 + payload.length, 0);
    header.writeUInt32LE(code, 4);
    parts.push(header, payload);
    replies++;
  }
  return { bytes: Buffer.concat(parts), replies };
}

let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function fuzzClient(client: RawClient, random: () => number, templates = TEMPLATES, excluded = new Set<number>()): Promise<number[]> {
  const { bytes, replies } = fuzzFrames(random, FRAMES_PER_CLIENT, templates, excluded);
  // Followed by a Ping whose reply must come last: proves the stream stayed in sync.
  const ping = Buffer.from([4, 0, 0, 0, 1, 0, 0, 0]);
  const responses = await client.sendRaw(Buffer.concat([bytes, ping]), replies + 1);
  expect(responses.at(-1)).toEqual({ status: 0, payload: Buffer.alloc(0) });
  return responses.map((r) => r.status);
}

describe(`fuzzing (seed ${SEED})`, () => {
  it('answers every fuzzed frame once, never with Error (1), and loses nothing', async () => {
    server = await startTestServer();
    const random = rng(SEED);
    const root = await server.connect();
    await root.login('iggy', 'iggy');
    expect((await root.call(createUser, { username: 'keeper', password: 'keeper-pw', status: UserStatus.Active, permissions: null })).status).toBe(0);
    expect((await root.call(createUser, { username: 'fuzzer', password: 'fuzzer-pw', status: UserStatus.Active, permissions: null })).status).toBe(0);
    const keeper = await server.connect();
    await keeper.login('keeper', 'keeper-pw');
    const token = (await keeper.call(createPersonalAccessToken, { name: 'keep', expiryUs: 0n })).value!.token;

    const anonymous = await server.connect();
    const unprivileged = await server.connect();
    await unprivileged.login('fuzzer', 'fuzzer-pw');
    // Root reaches the data plane: a stream with messages that must survive.
    expect((await root.call(createStream, { name: 'fz' })).status).toBe(0);
    const topic = { streamId: Identifier.string('fz'), partitionsCount: 2, compression: 1, messageExpiryUs: 0n, maxTopicSizeBytes: 0n, replicationFactor: 1, name: 'tp' } as const;
    expect((await root.call(createTopic, topic)).status).toBe(0);
    for (let i = 0; i < 5; i++) expect((await root.call(sendMessages, SEND as never)).status).toBe(0);

    const statuses = [
      ...(await fuzzClient(anonymous, random)),
      ...(await fuzzClient(unprivileged, random)),
      ...(await fuzzClient(root, random, [...TEMPLATES, ...DATA_TEMPLATES, ...DATA_TEMPLATES], ROOT_EXCLUDED)),
    ];
    expect(statuses.filter((s) => s === 1)).toEqual([]);
    expect(statuses.filter((s) => s === 0).length).toBeGreaterThan(0);
    expect(new Set(statuses).size).toBeGreaterThan(3);

    // Unframed garbage on its own connections: they may be closed or left waiting; nobody else notices.
    for (let i = 0; i < 5; i++) {
      const garbage = await server.connect();
      garbage.socket.write(Buffer.from(Array.from({ length: 4096 }, () => Math.floor(random() * 256))));
    }

    const fresh = await server.connect();
    expect(await fresh.login('iggy', 'iggy')).toBe(0);
    const users = (await fresh.call(getUsers, undefined)).value!.map((u) => u.username);
    expect(users.slice(0, 3)).toEqual(['iggy', 'keeper', 'fuzzer']);
    const viaToken = await server.connect();
    expect((await viaToken.call(loginWithPersonalAccessToken, { token })).value).toEqual({ userId: 1 });
    expect((await keeper.send(1)).status).toBe(0);
    const stream = (await fresh.call(getStream, { streamId: Identifier.string('fz') })).value!;
    expect(stream.stream.messagesCount >= 10n).toBe(true);
  });
});
