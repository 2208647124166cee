// Proves the Authorizer implements every row of BINARY.md §5.1 exactly: for
// each action, every single flag (global, stream, topic) that the row lists
// grants it, and no other single flag does; stream and topic flags apply only
// to their own ids; no permissions = no rights; root's permissions = all.
import { describe, expect, it } from 'vitest';
import type { GlobalPermissions, Permissions, StreamPermissions, TopicPermissions } from '../../protocol/types.js';
import type { UserInfo } from '../../storage/types.js';
import type { Action } from '../context.js';
import { allGlobalPermissions, authorizer, isAllowed } from './authorizer.js';

type G = keyof GlobalPermissions;
type S = Exclude<keyof StreamPermissions, 'topics'>;
type T = keyof TopicPermissions;

const GLOBAL: G[] = ['manageServers', 'readServers', 'manageUsers', 'readUsers', 'manageStreams', 'readStreams', 'manageTopics', 'readTopics', 'pollMessages', 'sendMessages'];
const STREAM: S[] = ['manageStream', 'readStream', 'manageTopics', 'readTopics', 'pollMessages', 'sendMessages'];
const TOPIC: T[] = ['manageTopic', 'readTopic', 'pollMessages', 'sendMessages'];

/** BINARY.md §5.1, row by row: the flags that grant each action. */
const TABLE: Record<Action, { global: G[]; stream: S[]; topic: T[] }> = {
  read_servers: { global: ['readServers', 'manageServers'], stream: [], topic: [] },
  read_users: { global: ['readUsers', 'manageUsers'], stream: [], topic: [] },
  manage_users: { global: ['manageUsers'], stream: [], topic: [] },
  read_streams: { global: ['readStreams', 'manageStreams'], stream: [], topic: [] },
  read_stream: { global: ['readStreams', 'manageStreams'], stream: ['readStream', 'manageStream'], topic: [] },
  create_stream: { global: ['manageStreams'], stream: [], topic: [] },
  manage_stream: { global: ['manageStreams'], stream: ['manageStream'], topic: [] },
  read_topics: {
    global: ['readStreams', 'manageStreams', 'readTopics', 'manageTopics'],
    stream: ['readStream', 'manageStream', 'readTopics', 'manageTopics'],
    topic: [],
  },
  read_topic: {
    global: ['readStreams', 'manageStreams', 'readTopics', 'manageTopics'],
    stream: ['readStream', 'manageStream', 'readTopics', 'manageTopics'],
    topic: ['readTopic', 'manageTopic'],
  },
  create_topic: { global: ['manageStreams', 'manageTopics'], stream: ['manageStream', 'manageTopics'], topic: [] },
  manage_topic: { global: ['manageStreams', 'manageTopics'], stream: ['manageStream', 'manageTopics'], topic: ['manageTopic'] },
  poll_messages: {
    global: ['pollMessages', 'readTopics', 'manageTopics', 'readStreams', 'manageStreams'],
    stream: ['pollMessages', 'readStream', 'manageStream', 'readTopics', 'manageTopics'],
    topic: ['pollMessages', 'readTopic', 'manageTopic'],
  },
  send_messages: {
    global: ['sendMessages', 'manageStreams', 'manageTopics'],
    stream: ['sendMessages', 'manageStream', 'manageTopics'],
    topic: ['sendMessages', 'manageTopic'],
  },
};

const noGlobal = (): GlobalPermissions => Object.fromEntries(GLOBAL.map((k) => [k, false])) as unknown as GlobalPermissions;
const noStream = (): StreamPermissions => ({ ...(Object.fromEntries(STREAM.map((k) => [k, false])) as Omit<StreamPermissions, 'topics'>), topics: new Map() });
const noTopic = (): TopicPermissions => Object.fromEntries(TOPIC.map((k) => [k, false])) as unknown as TopicPermissions;

function user(permissions: Permissions | null): UserInfo {
  return { id: 7, createdAtUs: 0n, username: 'u', status: 1, permissions, passwordHash: '' };
}

function withGlobal(flag: G): UserInfo {
  return user({ global: { ...noGlobal(), [flag]: true }, streams: new Map() });
}

function withStream(streamId: number, flag: S): UserInfo {
  return user({ global: noGlobal(), streams: new Map([[streamId, { ...noStream(), [flag]: true }]]) });
}

function withTopic(streamId: number, topicId: number, flag: T): UserInfo {
  const stream = noStream();
  stream.topics.set(topicId, { ...noTopic(), [flag]: true });
  return user({ global: noGlobal(), streams: new Map([[streamId, stream]]) });
}

describe('Authorizer (BINARY.md §5.1)', () => {
  for (const [action, grants] of Object.entries(TABLE) as Array<[Action, (typeof TABLE)[Action]]>) {
    it(`${action}: granted exactly by its listed flags`, () => {
      for (const flag of GLOBAL) expect(isAllowed(withGlobal(flag), action, 3, 5), `global ${flag}`).toBe(grants.global.includes(flag));
      for (const flag of STREAM) {
        expect(isAllowed(withStream(3, flag), action, 3, 5), `stream ${flag}`).toBe(grants.stream.includes(flag));
        expect(isAllowed(withStream(4, flag), action, 3, 5), `stream ${flag} of another stream`).toBe(false);
      }
      for (const flag of TOPIC) {
        expect(isAllowed(withTopic(3, 5, flag), action, 3, 5), `topic ${flag}`).toBe(grants.topic.includes(flag));
        expect(isAllowed(withTopic(3, 6, flag), action, 3, 5), `topic ${flag} of another topic`).toBe(false);
        expect(isAllowed(withTopic(4, 5, flag), action, 3, 5), `topic ${flag} in another stream`).toBe(false);
      }
      expect(isAllowed(user(null), action, 3, 5)).toBe(false);
      expect(isAllowed(user(allGlobalPermissions()), action, 3, 5)).toBe(true);
    });
  }

  it('throws Unauthorized (41) when denied', () => {
    expect(() => authorizer.authorize(user(null), 'read_servers')).toThrow(expect.objectContaining({ code: 41 }));
    expect(() => authorizer.authorize(withGlobal('readServers'), 'read_servers')).not.toThrow();
  });
});
