// Permission checks: one function per row of BINARY.md §5.1. A user must hold
// at least one of the listed flags, at global, stream or topic level (stream
// and topic entries keyed by numeric id). No permissions at all = no rights.
// Missing permission -> Unauthorized (41).
import { IggyError } from '../../errors/iggy_error.js';
import type { GlobalPermissions, Permissions, StreamPermissions, TopicPermissions } from '../../protocol/types.js';
import type { UserInfo } from '../../storage/types.js';
import type { Action, Authorizer } from '../context.js';

type Check = (p: Permissions, streamId: number | undefined, topicId: number | undefined) => boolean;

function stream(p: Permissions, streamId: number | undefined): StreamPermissions | undefined {
  return streamId === undefined ? undefined : p.streams.get(streamId);
}

function topic(p: Permissions, streamId: number | undefined, topicId: number | undefined): TopicPermissions | undefined {
  return topicId === undefined ? undefined : stream(p, streamId)?.topics.get(topicId);
}

const g = (p: Permissions): GlobalPermissions => p.global;

const readTopicsCheck: Check = (p, s) => {
  const st = stream(p, s);
  return (
    g(p).readStreams || g(p).manageStreams || g(p).readTopics || g(p).manageTopics ||
    (st !== undefined && (st.readStream || st.manageStream || st.readTopics || st.manageTopics))
  );
};

const manageTopicCheck: Check = (p, s, t) => {
  const st = stream(p, s);
  const tp = topic(p, s, t);
  return (
    g(p).manageStreams || g(p).manageTopics ||
    (st !== undefined && (st.manageStream || st.manageTopics)) ||
    (tp !== undefined && tp.manageTopic)
  );
};

export const CHECKS: Readonly<Record<Action, Check>> = {
  read_servers: (p) => g(p).readServers || g(p).manageServers,
  read_users: (p) => g(p).readUsers || g(p).manageUsers,
  manage_users: (p) => g(p).manageUsers,
  read_streams: (p) => g(p).readStreams || g(p).manageStreams,
  read_stream: (p, s) => {
    const st = stream(p, s);
    return g(p).readStreams || g(p).manageStreams || (st !== undefined && (st.readStream || st.manageStream));
  },
  create_stream: (p) => g(p).manageStreams,
  manage_stream: (p, s) => g(p).manageStreams || stream(p, s)?.manageStream === true,
  read_topics: readTopicsCheck,
  read_topic: (p, s, t) => {
    const tp = topic(p, s, t);
    return readTopicsCheck(p, s, t) || (tp !== undefined && (tp.readTopic || tp.manageTopic));
  },
  create_topic: (p, s) => {
    const st = stream(p, s);
    return g(p).manageStreams || g(p).manageTopics || (st !== undefined && (st.manageStream || st.manageTopics));
  },
  manage_topic: manageTopicCheck,
  poll_messages: (p, s, t) => {
    const st = stream(p, s);
    const tp = topic(p, s, t);
    const gl = g(p);
    return (
      gl.pollMessages || gl.readTopics || gl.manageTopics || gl.readStreams || gl.manageStreams ||
      (st !== undefined && (st.pollMessages || st.readStream || st.manageStream || st.readTopics || st.manageTopics)) ||
      (tp !== undefined && (tp.pollMessages || tp.readTopic || tp.manageTopic))
    );
  },
  send_messages: (p, s, t) => {
    const st = stream(p, s);
    const tp = topic(p, s, t);
    const gl = g(p);
    return (
      gl.sendMessages || gl.manageStreams || gl.manageTopics ||
      (st !== undefined && (st.sendMessages || st.manageStream || st.manageTopics)) ||
      (tp !== undefined && (tp.sendMessages || tp.manageTopic))
    );
  },
};

/** Whether `user` may do `action`; pure, for callers that branch instead of throwing. */
export function isAllowed(user: UserInfo, action: Action, streamId?: number, topicId?: number): boolean {
  const permissions = user.permissions;
  if (permissions === null) return false;
  return CHECKS[action](permissions, streamId, topicId);
}

export const authorizer: Authorizer = {
  authorize(user, action, streamId, topicId) {
    if (!isAllowed(user, action, streamId, topicId)) {
      const target = streamId === undefined ? '' : topicId === undefined ? ` on stream ${streamId}` : ` on stream ${streamId} topic ${topicId}`;
      throw IggyError.of('Unauthorized', `user ${user.id} may not ${action}${target}`);
    }
  },
};

/** All ten global flags, no stream entries: the root user's permissions (BINARY.md §3.6). */
export function allGlobalPermissions(): Permissions {
  return {
    global: {
      manageServers: true, readServers: true, manageUsers: true, readUsers: true, manageStreams: true,
      readStreams: true, manageTopics: true, readTopics: true, pollMessages: true, sendMessages: true,
    },
    streams: new Map(),
  };
}
