// What every command handler gets: the server's parts and the calling session.
// Transports build a Session per connection and call dispatch(); handlers never
// see sockets, so TCP, QUIC, WebSocket and HTTP share them unchanged.
import type { ServerConfig } from '../config/config.js';
import type { Core } from '../core/core.js';
import type { Transport } from '../protocol/types.js';
import type { Storage, UserInfo } from '../storage/types.js';
import type { ClientRegistry } from './clients.js';
import type { UserStore } from './auth/user_store.js';
import type { GroupCoordinator } from './groups/types.js';

export interface Session {
  /** XXH32 (seed 0) of the remote address string `ip:port` / `[v6]:port` (BINARY.md §2.5). */
  readonly clientId: number;
  readonly transport: Transport;
  readonly address: string;
  /** null = not logged in. */
  userId: number | null;
  /** µs of the last Ping (heartbeat). */
  lastHeartbeatUs: bigint;
  /** Closes the connection after the current reply (StaleClient, ClientNotFound). */
  closeAfterReply: boolean;
}

/** What a permission check asks for; each maps to one row of BINARY.md §5.1. */
export type Action =
  | 'read_servers' // GetStats, GetClient(s)
  | 'read_users' // GetUser (other), GetUsers
  | 'manage_users' // Create/Delete/UpdateUser, UpdatePermissions, ChangePassword (other)
  | 'read_streams' // GetStreams
  | 'read_stream' // GetStream
  | 'create_stream' // CreateStream
  | 'manage_stream' // Update/Delete/PurgeStream
  | 'read_topics' // GetTopics
  | 'read_topic' // GetTopic, consumer-group commands
  | 'create_topic' // CreateTopic
  | 'manage_topic' // Update/Delete/PurgeTopic, Create/DeletePartitions, DeleteSegments
  | 'poll_messages' // PollMessages, consumer offsets
  | 'send_messages'; // SendMessages, FlushUnsavedBuffer

export interface Authorizer {
  /** Throws IggyError Unauthorized (41) unless the user may do `action` (on the given stream/topic ids). */
  authorize(user: UserInfo, action: Action, streamId?: number, topicId?: number): void;
}

export interface ServerContext {
  readonly config: ServerConfig;
  readonly storage: Storage;
  /** Users and personal access tokens (their records share the storage's metadata log). */
  readonly users: UserStore;
  readonly core: Core;
  readonly groups: GroupCoordinator;
  readonly authorizer: Authorizer;
  readonly startedAtUs: bigint;
  /** Connected clients of every connection-oriented transport (GetMe/GetClient(s), heartbeat). */
  readonly clients: ClientRegistry;
  /** What the running server knows about itself: bound ports, shutdown state. */
  readonly runtime: ServerRuntime;
}

/** Ports actually bound and whether shutdown began. */
export interface ServerRuntime {
  /**
   * Bound port per transport name ('tcp', 'quic', 'http', 'websocket'),
   * filled in by the composition root as each listener starts; a transport
   * not listening has no entry (reported as 0, see boundPort).
   */
  readonly ports: Record<string, number>;
  /** Set when graceful shutdown starts: logins answer Disconnected (8), new connections are refused. */
  shuttingDown: boolean;
}

/** The port `transport` listens on, 0 when it is not listening (GetClusterMetadata, stats). */
export function boundPort(runtime: ServerRuntime, transport: string): number {
  return runtime.ports[transport] ?? 0;
}

/** A handler's answer: the OK payload as one or more chunks; empty = empty OK. */
export type Reply = Uint8Array | readonly Uint8Array[];

/**
 * One command: decode its payload (IggyError 3/4 on malformed input), then —
 * once dispatch has checked login when `requiresAuth` — handle it. Dispatch
 * answers thrown IggyErrors with their code and an empty payload.
 */
export interface CommandHandler<Request = unknown> {
  readonly code: number;
  readonly name: string;
  /** false only for Ping, LoginUser and LoginWithPersonalAccessToken. */
  readonly requiresAuth: boolean;
  decode(payload: Uint8Array): Request;
  handle(ctx: ServerContext, session: Session, request: Request): Promise<Reply> | Reply;
}

export const EMPTY_REPLY: Reply = new Uint8Array(0);
