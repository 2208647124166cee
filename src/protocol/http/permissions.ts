// Permissions as Iggy's JSON (HTTP.md §4): snake_case booleans, streams and
// topics keyed by their numeric id as a string, null where there are none.
import { IggyError } from '../../errors/iggy_error.js';
import type { GlobalPermissions, Permissions, StreamPermissions, TopicPermissions } from '../types.js';
import { Fields } from './fields.js';
import type { Writable } from './json.js';

type Json = { readonly [key: string]: Writable };

const GLOBAL_KEYS: ReadonlyArray<readonly [keyof GlobalPermissions, string]> = [
  ['manageServers', 'manage_servers'], ['readServers', 'read_servers'], ['manageUsers', 'manage_users'], ['readUsers', 'read_users'],
  ['manageStreams', 'manage_streams'], ['readStreams', 'read_streams'], ['manageTopics', 'manage_topics'], ['readTopics', 'read_topics'],
  ['pollMessages', 'poll_messages'], ['sendMessages', 'send_messages'],
];
const STREAM_KEYS: ReadonlyArray<readonly [Exclude<keyof StreamPermissions, 'topics'>, string]> = [
  ['manageStream', 'manage_stream'], ['readStream', 'read_stream'], ['manageTopics', 'manage_topics'], ['readTopics', 'read_topics'],
  ['pollMessages', 'poll_messages'], ['sendMessages', 'send_messages'],
];
const TOPIC_KEYS: ReadonlyArray<readonly [keyof TopicPermissions, string]> = [
  ['manageTopic', 'manage_topic'], ['readTopic', 'read_topic'], ['pollMessages', 'poll_messages'], ['sendMessages', 'send_messages'],
];

function flagsJson<T>(value: T, keys: ReadonlyArray<readonly [keyof T, string]>): Record<string, Writable> {
  return Object.fromEntries(keys.map(([ours, theirs]) => [theirs, value[ours] as boolean]));
}

function readFlags<T>(f: Fields, keys: ReadonlyArray<readonly [keyof T, string]>): T {
  return Object.fromEntries(keys.map(([ours, theirs]) => [ours, f.bool(theirs)])) as T;
}

function idKey(text: string, field: string): number {
  const n = /^\d{1,10}$/.test(text) ? Number(text) : NaN;
  if (!(n <= 0xffff_ffff)) throw IggyError.of('InvalidFormat', `${field}: key "${text}" is not a numeric id`);
  return n;
}

export function permissionsJson(p: Permissions): Json {
  const streams: Record<string, Writable> = {};
  for (const [id, s] of [...p.streams].sort(([a], [b]) => a - b)) {
    const topics: Record<string, Writable> = {};
    for (const [topicId, t] of [...s.topics].sort(([a], [b]) => a - b)) topics[String(topicId)] = flagsJson(t, TOPIC_KEYS);
    streams[String(id)] = { ...flagsJson(s, STREAM_KEYS), topics: s.topics.size === 0 ? null : topics };
  }
  return { global: flagsJson(p.global, GLOBAL_KEYS), streams: p.streams.size === 0 ? null : streams };
}

export function readPermissions(f: Fields): Permissions {
  const streams = new Map<number, StreamPermissions>();
  if (f.has('streams')) {
    const all = f.obj('streams');
    for (const key of Object.keys(all.object)) {
      const s = all.obj(key);
      const topics = new Map<number, TopicPermissions>();
      if (s.has('topics')) {
        const allTopics = s.obj('topics');
        for (const topicKey of Object.keys(allTopics.object)) topics.set(idKey(topicKey, allTopics.at), readFlags<TopicPermissions>(allTopics.obj(topicKey), TOPIC_KEYS));
      }
      streams.set(idKey(key, all.at), { ...readFlags<Omit<StreamPermissions, 'topics'>>(s, STREAM_KEYS), topics });
    }
  }
  return { global: readFlags<GlobalPermissions>(f.obj('global'), GLOBAL_KEYS), streams };
}
