// Permissions (BINARY.md §3.6), "PermBytes":
//   global: 10 × u8 (manage_servers, read_servers, manage_users, read_users,
//           manage_streams, read_streams, manage_topics, read_topics,
//           poll_messages, send_messages)
//   has_streams u8 (non-zero: stream entries follow)
//   stream entry: stream_id u32, 6 × u8 (manage_stream, read_stream,
//           manage_topics, read_topics, poll_messages, send_messages),
//           has_topics u8, [topic entries], has_next_stream u8
//   topic entry: topic_id u32, 4 × u8 (manage_topic, read_topic,
//           poll_messages, send_messages), has_next_topic u8
// Flags: non-zero = true. In requests (OptPermissions):
//   [has_permissions u8: only 1 = present][perm_len u32][PermBytes]
// perm_len must equal the decoded size, else InvalidFormat (4); reading past
// perm_len is truncation, InvalidCommand (3). In responses:
//   [1u8][perm_len u32][PermBytes] when present, or u32 0 when absent.
// The Node SDK 0.8.0 writes no has-next bytes: its global-only permissions are
// byte-identical to ours and decode; its stream entries fail here as they do
// on the 0.8.0 server (3 or 4).
import { IggyError } from '../errors/iggy_error.js';
import { Reader, type Writer } from './reader.js';
import type { GlobalPermissions, Permissions, StreamPermissions, TopicPermissions } from './types.js';

const GLOBAL_FLAGS = 10;
const STREAM_ENTRY_FIXED_BYTES = 4 + 6 + 1 + 1; // id, flags, has_topics, has_next_stream
const TOPIC_ENTRY_BYTES = 4 + 4 + 1; // id, flags, has_next_topic

export function permBytesSize(permissions: Permissions): number {
  let size = GLOBAL_FLAGS + 1;
  for (const stream of permissions.streams.values()) size += STREAM_ENTRY_FIXED_BYTES + TOPIC_ENTRY_BYTES * stream.topics.size;
  return size;
}

function ascending<V>(map: Map<number, V>): [number, V][] {
  return [...map.entries()].sort((a, b) => a[0] - b[0]);
}

export function writePermBytes(writer: Writer, permissions: Permissions): Writer {
  const g = permissions.global;
  writer
    .bool(g.manageServers).bool(g.readServers).bool(g.manageUsers).bool(g.readUsers).bool(g.manageStreams)
    .bool(g.readStreams).bool(g.manageTopics).bool(g.readTopics).bool(g.pollMessages).bool(g.sendMessages);
  const streams = ascending(permissions.streams);
  writer.bool(streams.length > 0);
  streams.forEach(([streamId, s], streamIndex) => {
    writer.u32(streamId);
    writer.bool(s.manageStream).bool(s.readStream).bool(s.manageTopics).bool(s.readTopics).bool(s.pollMessages).bool(s.sendMessages);
    const topics = ascending(s.topics);
    writer.bool(topics.length > 0);
    topics.forEach(([topicId, t], topicIndex) => {
      writer.u32(topicId).bool(t.manageTopic).bool(t.readTopic).bool(t.pollMessages).bool(t.sendMessages);
      writer.bool(topicIndex + 1 < topics.length);
    });
    writer.bool(streamIndex + 1 < streams.length);
  });
  return writer;
}

/** Reads PermBytes; the caller bounds the reader to perm_len. */
export function readPermBytes(reader: Reader): Permissions {
  const global: GlobalPermissions = {
    manageServers: reader.bool('manage_servers'),
    readServers: reader.bool('read_servers'),
    manageUsers: reader.bool('manage_users'),
    readUsers: reader.bool('read_users'),
    manageStreams: reader.bool('manage_streams'),
    readStreams: reader.bool('read_streams'),
    manageTopics: reader.bool('manage_topics'),
    readTopics: reader.bool('read_topics'),
    pollMessages: reader.bool('poll_messages'),
    sendMessages: reader.bool('send_messages'),
  };
  const streams = new Map<number, StreamPermissions>();
  let more = reader.bool('has_streams');
  while (more) {
    const streamId = reader.u32('permission stream id');
    const stream: StreamPermissions = {
      manageStream: reader.bool('manage_stream'),
      readStream: reader.bool('read_stream'),
      manageTopics: reader.bool('manage_topics'),
      readTopics: reader.bool('read_topics'),
      pollMessages: reader.bool('poll_messages'),
      sendMessages: reader.bool('send_messages'),
      topics: new Map<number, TopicPermissions>(),
    };
    let moreTopics = reader.bool('has_topics');
    while (moreTopics) {
      const topicId = reader.u32('permission topic id');
      stream.topics.set(topicId, {
        manageTopic: reader.bool('manage_topic'),
        readTopic: reader.bool('read_topic'),
        pollMessages: reader.bool('poll_messages'),
        sendMessages: reader.bool('send_messages'),
      });
      moreTopics = reader.bool('has_next_topic');
    }
    streams.set(streamId, stream);
    more = reader.bool('has_next_stream');
  }
  return { global, streams };
}

/** Request wrapper size: 1 byte when absent, else 1 + 4 + PermBytes. */
export function optPermissionsSizeBytes(permissions: Permissions | null | undefined): number {
  return permissions ? 5 + permBytesSize(permissions) : 1;
}

/** Request wrapper (OptPermissions): absent → the single byte 0. */
export function writeOptPermissions(writer: Writer, permissions: Permissions | null | undefined): Writer {
  if (!permissions) return writer.u8(0);
  writer.u8(1).u32(permBytesSize(permissions));
  return writePermBytes(writer, permissions);
}

/** Request wrapper: only flag 1 means present; anything else → null and nothing more is read. */
export function readOptPermissions(reader: Reader): Permissions | null {
  const flag = reader.u8('has_permissions');
  if (flag !== 1) return null;
  const length = reader.u32('permissions length');
  const bounded = new Reader(reader.bytesView(length, 'permissions'));
  const permissions = readPermBytes(bounded);
  if (bounded.remaining !== 0) {
    throw IggyError.of('InvalidFormat', `permissions length ${length} but ${bounded.offset} bytes decoded`);
  }
  return permissions;
}

/** Response wrapper size: 4 when absent (u32 0), else 1 + 4 + PermBytes. */
export function responsePermissionsSizeBytes(permissions: Permissions | null): number {
  return permissions ? 5 + permBytesSize(permissions) : 4;
}

/** Response wrapper: `[1][perm_len u32][PermBytes]` or `00 00 00 00`. */
export function writeResponsePermissions(writer: Writer, permissions: Permissions | null): Writer {
  if (!permissions) return writer.u32(0);
  writer.u8(1).u32(permBytesSize(permissions));
  return writePermBytes(writer, permissions);
}

/**
 * Response wrapper, client side: a first byte other than 1 means none (the
 * Rust SDK reads only that byte, so a bare `0` is accepted too; a missing
 * byte is truncation).
 */
export function readResponsePermissions(reader: Reader): Permissions | null {
  return readOptPermissions(reader);
}

/** All ten global flags, no stream entries: the root user's permissions. */
export function allGlobalPermissions(): Permissions {
  return {
    global: {
      manageServers: true, readServers: true, manageUsers: true, readUsers: true, manageStreams: true,
      readStreams: true, manageTopics: true, readTopics: true, pollMessages: true, sendMessages: true,
    },
    streams: new Map(),
  };
}
