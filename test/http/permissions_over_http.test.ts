// The permission matrix over HTTP (HTTP.md §2.1: "the same permissions as
// over TCP"): users holding one kind of right each make the same calls
// through IggyClient over TCP and over HTTP. Both must reach the same
// outcome, and exactly where TCP answers Unauthorized (41) HTTP answers 403
// with Iggy's error JSON. The TCP side is the reference, itself checked
// against BINARY.md §5.1 in test/server/audit_permissions.test.ts; the calls
// are the ones built there to stop just past the check.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IggyClient } from '../../sdk/client.js';
import { connect } from '../../sdk/index.js';
import { HttpDispatcher } from '../../sdk/transport/http/http_dispatcher.js';
import { Consumers, Partitionings } from '../../sdk/values.js';
import { parseJson } from '../../src/protocol/http/json.js';
import type { Permissions } from '../../src/protocol/types.js';
import { permissions } from '../server/data_plane_fixture.js';
import { startHttpTestServer, type HttpTestServer } from './http_helpers.js';

const ids = { a: 0, b: 0, x: 0, y: 0 };

const USERS: Record<string, () => Permissions | null> = {
  none: () => null,
  empty: () => permissions(),
  g_read: () => permissions({ readServers: true, readUsers: true, readStreams: true, readTopics: true }),
  g_manage: () => permissions({ manageServers: true, manageUsers: true, manageStreams: true, manageTopics: true }),
  g_read_streams: () => permissions({ readStreams: true }),
  g_manage_topics: () => permissions({ manageTopics: true }),
  g_poll: () => permissions({ pollMessages: true }),
  s_manage: () => permissions({}, { [ids.a]: { flags: { manageStream: true } } }),
  s_read: () => permissions({}, { [ids.a]: { flags: { readStream: true } } }),
  s_read_topics: () => permissions({}, { [ids.a]: { flags: { readTopics: true } } }),
  s_poll: () => permissions({}, { [ids.a]: { flags: { pollMessages: true } } }),
  t_manage: () => permissions({}, { [ids.a]: { topics: { [ids.x]: { manageTopic: true } } } }),
  t_read: () => permissions({}, { [ids.a]: { topics: { [ids.x]: { readTopic: true } } } }),
  t_poll: () => permissions({}, { [ids.a]: { topics: { [ids.x]: { pollMessages: true } } } }),
};

type Call = (c: IggyClient, user: string) => Promise<unknown>;
const me = Consumers.single(4242);

/** Per target where it matters: own topic A/X (by id and name), A/Y, B/X. */
function cases(): Record<string, Call> {
  const topics = { 'A/X': [ids.a, ids.x], 'A/X by name': ['A', 'X'], 'A/Y': [ids.a, ids.y], 'B/X': [ids.b, 1] } as const;
  const out: Record<string, Call> = {
    GetStats: (c) => c.system.stats(),
    GetClients: (c) => c.system.clients(),
    GetClient: (c) => c.system.client(1),
    GetUsers: (c) => c.users.list(),
    'GetUser (self)': (c, user) => c.users.get(user),
    'GetUser (root)': (c) => c.users.get(0),
    CreateUser: (c) => c.users.create({ username: 'iggy', password: 'secret' }), // 46 past the check
    DeleteUser: (c) => c.users.delete(0), // 48
    UpdatePermissions: (c) => c.users.updatePermissions(0, null), // 49
    'ChangePassword (root)': (c) => c.users.changePassword(0, 'wrong!', 'whatever'), // 42
    GetPersonalAccessTokens: (c) => c.tokens.list(),
    DeletePersonalAccessToken: (c) => c.tokens.delete('nope'), // 20
    GetStreams: (c) => c.streams.list(),
    CreateStream: (c) => c.streams.create('A'), // 1012
  };
  for (const [label, stream] of [['A', ids.a], ['A by name', 'A'], ['B', ids.b]] as const) {
    out[`GetStream ${label}`] = (c) => c.streams.get(stream);
    out[`GetTopics ${label}`] = (c) => c.topics.list(stream);
    out[`CreateTopic ${label}`] = (c) => c.topics.create(stream, { name: 'X' }); // 2013
  }
  for (const [label, [s, t]] of Object.entries(topics)) {
    out[`GetTopic ${label}`] = (c) => c.topics.get(s, t);
    out[`DeletePartitions ${label}`] = (c) => c.partitions.delete(s, t, 1000); // 2019
    out[`GetConsumerGroup ${label}`] = (c) => c.groups.get(s, t, 'G');
    out[`GetConsumerGroups ${label}`] = (c) => c.groups.list(s, t);
    out[`CreateConsumerGroup ${label}`] = (c) => c.groups.create(s, t, 'G'); // 5004
    out[`GetConsumerOffset ${label}`] = (c) => c.offsets.get(me, s, t, 0);
    out[`DeleteConsumerOffset ${label}`] = (c) => c.offsets.delete(me, s, t, 0); // 3021
  }
  return out;
}

/** The last answer the HTTP client got, to see the status and body behind an IggyError. */
interface Seen {
  status: number;
  text: string;
}

interface Pair {
  tcp: IggyClient;
  http: IggyClient;
  seen: Seen[];
}

let t: HttpTestServer;
let root: IggyClient;
const pairs = new Map<string, Pair>();

async function pairFor(username: string): Promise<Pair> {
  const seen: Seen[] = [];
  const recording: typeof fetch = async (input, init) => {
    const res = await globalThis.fetch(input, init);
    seen.push({ status: res.status, text: await res.clone().text() });
    return res;
  };
  const auth = { username, password: 'secret' };
  const tcp = await connect({ port: t.server.port, auth, heartbeatIntervalMs: 0 });
  const http = await IggyClient.connect({ dispatcher: new HttpDispatcher({ url: t.base, fetch: recording }), auth, heartbeatIntervalMs: 0 });
  return { tcp, http, seen };
}

const outcome = (promise: Promise<unknown>): Promise<number> => promise.then(() => 0, (error: { code?: number }) => error.code ?? -1);

beforeAll(async () => {
  t = await startHttpTestServer();
  root = await connect({ port: t.server.port, auth: { username: 'iggy', password: 'iggy' }, heartbeatIntervalMs: 0 });
  ids.a = (await root.streams.create('A')).id;
  ids.b = (await root.streams.create('B')).id;
  ids.x = (await root.topics.create('A', { name: 'X' })).topic.id;
  ids.y = (await root.topics.create('A', { name: 'Y' })).topic.id;
  await root.topics.create('B', { name: 'X' });
  for (const [s, x] of [['A', 'X'], ['A', 'Y'], ['B', 'X']] as const) {
    await root.groups.create(s, x, 'G');
    await root.messages.send(s, x, [{ payload: Uint8Array.of(1) }], Partitionings.partitionId(0));
  }
  for (const [username, perms] of Object.entries(USERS)) {
    await root.users.create({ username, password: 'secret', permissions: perms() });
    pairs.set(username, await pairFor(username));
  }
}, 60_000);

afterAll(async () => {
  for (const { tcp, http } of pairs.values()) await Promise.all([tcp.close(), http.close()]);
  await root?.close();
  await t?.close();
});

describe('permission matrix over HTTP', () => {
  for (const [command, run] of Object.entries(cases())) {
    it(`${command}: 403 exactly where TCP answers 41`, async () => {
      const mismatches: string[] = [];
      let denied = 0;
      for (const [username, { tcp, http, seen }] of pairs) {
        const overTcp = await outcome(run(tcp, username));
        seen.length = 0;
        const overHttp = await outcome(run(http, username));
        if (overHttp !== overTcp) mismatches.push(`${username}: TCP ${overTcp}, HTTP ${overHttp}`);
        if (overTcp !== 41) continue;
        denied++;
        const last = seen.at(-1);
        const body = last === undefined || last.text === '' ? null : parseJson(last.text);
        if (last?.status !== 403 || (body as { id?: number; code?: string } | null)?.code !== 'unauthorized') {
          mismatches.push(`${username}: HTTP answered ${last?.status} ${last?.text}`);
        }
      }
      expect(mismatches).toEqual([]);
      if (!['GetUser (self)', 'GetPersonalAccessTokens', 'DeletePersonalAccessToken'].includes(command)) expect(denied).toBeGreaterThan(0);
    });
  }
});
