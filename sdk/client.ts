// IggyClient: a typed method for every command of the Iggy 0.8 binary protocol
// (BINARY.md §8, all 47 codes), on top of a Dispatcher (sdk/dispatcher.ts):
// by default the pipelined, reconnecting binary Connection over the given
// transport. Requests and responses are the shared codecs' domain values
// (src/protocol/commands), so client and server cannot drift, and the client
// holds no wire format of its own. Browser-safe: the transport is passed in
// (`tcp(...)` from sdk/transport/tcp for Node, `ws(...)` from
// sdk/transport/ws for Node and browsers).
//
//   const client = await IggyClient.connect({ transport: tcp({ port: 8090 }),
//     auth: { username: 'iggy', password: 'iggy' } });
//   const stream = await client.streams.create('orders');
import { IggyError } from '../src/errors/iggy_error.js';
import {
  CompressionAlgorithm,
  type Consumer,
  type Partitioning,
  type Permissions,
  UserStatus,
  U64_MAX,
} from '../src/protocol/types.js';
import { assert } from '../src/assert.js';
import { Connection, type ConnectionOptions } from './connection.js';
import type { Command, Dispatcher, DispatcherEvents, DispatcherState, RequestOptions, Session, SessionCall } from './dispatcher.js';
import type { TransportFactory } from './transport/transport.js';
import {
  Consumers,
  type Id,
  messageKeyBytes,
  type MessageKey,
  Partitionings,
  type PollOptions,
  type SendMessage,
  toIdentifier,
  type TopicOptions,
  toOutgoing,
} from './values.js';
import type { Listener } from './emitter.js';
// Commands, by domain (src/protocol/commands/<domain>/<verb_noun>.ts).
import { createPersonalAccessToken } from '../src/protocol/commands/personal_access_tokens/create_personal_access_token.js';
import { deletePersonalAccessToken } from '../src/protocol/commands/personal_access_tokens/delete_personal_access_token.js';
import { getPersonalAccessTokens } from '../src/protocol/commands/personal_access_tokens/get_personal_access_tokens.js';
import { loginWithPersonalAccessToken } from '../src/protocol/commands/personal_access_tokens/login_with_personal_access_token.js';
import { createStream } from '../src/protocol/commands/streams/create_stream.js';
import { deleteStream } from '../src/protocol/commands/streams/delete_stream.js';
import { getStream } from '../src/protocol/commands/streams/get_stream.js';
import { getStreams } from '../src/protocol/commands/streams/get_streams.js';
import { purgeStream } from '../src/protocol/commands/streams/purge_stream.js';
import { updateStream } from '../src/protocol/commands/streams/update_stream.js';
import { getClient } from '../src/protocol/commands/system/get_client.js';
import { getClients } from '../src/protocol/commands/system/get_clients.js';
import { getClusterMetadata } from '../src/protocol/commands/system/get_cluster_metadata.js';
import { getMe } from '../src/protocol/commands/system/get_me.js';
import { type GetSnapshotRequest, getSnapshot, SnapshotCompression, SnapshotType } from '../src/protocol/commands/system/get_snapshot.js';
import { getStats } from '../src/protocol/commands/system/get_stats.js';
import { ping } from '../src/protocol/commands/system/ping.js';
import { createTopic } from '../src/protocol/commands/topics/create_topic.js';
import { deleteTopic } from '../src/protocol/commands/topics/delete_topic.js';
import { getTopic } from '../src/protocol/commands/topics/get_topic.js';
import { getTopics } from '../src/protocol/commands/topics/get_topics.js';
import { purgeTopic } from '../src/protocol/commands/topics/purge_topic.js';
import { updateTopic } from '../src/protocol/commands/topics/update_topic.js';
import { createPartitions } from '../src/protocol/commands/partitions/create_partitions.js';
import { deletePartitions } from '../src/protocol/commands/partitions/delete_partitions.js';
import { deleteSegments } from '../src/protocol/commands/segments/delete_segments.js';
import { createConsumerGroup } from '../src/protocol/commands/consumer_groups/create_consumer_group.js';
import { deleteConsumerGroup } from '../src/protocol/commands/consumer_groups/delete_consumer_group.js';
import { getConsumerGroup } from '../src/protocol/commands/consumer_groups/get_consumer_group.js';
import { getConsumerGroups } from '../src/protocol/commands/consumer_groups/get_consumer_groups.js';
import { joinConsumerGroup } from '../src/protocol/commands/consumer_groups/join_consumer_group.js';
import { leaveConsumerGroup } from '../src/protocol/commands/consumer_groups/leave_consumer_group.js';
import { deleteConsumerOffset } from '../src/protocol/commands/consumer_offsets/delete_consumer_offset.js';
import { getConsumerOffset } from '../src/protocol/commands/consumer_offsets/get_consumer_offset.js';
import { storeConsumerOffset } from '../src/protocol/commands/consumer_offsets/store_consumer_offset.js';
import { flushUnsavedBuffer } from '../src/protocol/commands/messages/flush_unsaved_buffer.js';
import { pollMessages, type PolledMessages } from '../src/protocol/commands/messages/poll_messages.js';
import { sendMessages } from '../src/protocol/commands/messages/send_messages.js';
import { PollingStrategies } from '../src/protocol/polling_strategy.js';
import { changePassword } from '../src/protocol/commands/users/change_password.js';
import { createUser } from '../src/protocol/commands/users/create_user.js';
import { deleteUser } from '../src/protocol/commands/users/delete_user.js';
import { getUser } from '../src/protocol/commands/users/get_user.js';
import { getUsers } from '../src/protocol/commands/users/get_users.js';
import { loginUser } from '../src/protocol/commands/users/login_user.js';
import { logoutUser } from '../src/protocol/commands/users/logout_user.js';
import { updatePermissions } from '../src/protocol/commands/users/update_permissions.js';
import { updateUser } from '../src/protocol/commands/users/update_user.js';

export type Credentials = { username: string; password: string } | { token: string };

export interface ClientOptions extends Omit<ConnectionOptions, 'transport'> {
  /** The binary transport for the default dispatcher (a Connection); exactly one of `transport` and `dispatcher`. */
  transport?: TransportFactory;
  /** Another dispatcher (e.g. HTTP); the Connection options above then do not apply. */
  dispatcher?: Dispatcher;
  /** Logged in on connect and again after every reconnect. */
  auth?: Credentials;
  /** Ping interval while idle, keeping the server's heartbeat fresh; 0 = off (default 5000). */
  heartbeatIntervalMs?: number;
  /** Sent in LoginUser (ignored by the 0.8 server). */
  clientVersion?: string;
}

export type { SessionCall };

/**
 * Work that must run on every new connection after login and before queued
 * requests (e.g. re-joining consumer groups). It gets a `call` that writes
 * ahead of the queue; the client's methods would wait behind the handshake.
 */
export type SessionHook = Session;

const SDK_VERSION = '0.1.0';

export class IggyClient {
  readonly #dispatcher: Dispatcher;
  readonly #options: ClientOptions;
  #credentials: Credentials | null = null;
  #sessionHooks = new Set<SessionHook>();
  #heartbeat: ReturnType<typeof setInterval> | undefined;

  private constructor(options: ClientOptions) {
    this.#options = options;
    this.#dispatcher = IggyClient.#dispatcherOf(options);
    this.#dispatcher.setSession((call) => this.#session(call));
  }

  static #dispatcherOf(options: ClientOptions): Dispatcher {
    const { dispatcher, transport } = options;
    assert((dispatcher === undefined) !== (transport === undefined), 'give exactly one of transport and dispatcher');
    return dispatcher ?? new Connection({ ...options, transport: transport! });
  }

  /** Connects (and logs in when `auth` is given). The first connect is not retried. */
  static async connect(options: ClientOptions): Promise<IggyClient> {
    const client = new IggyClient(options);
    client.#credentials = options.auth ?? null;
    await client.#dispatcher.open();
    const interval = options.heartbeatIntervalMs ?? 5_000;
    if (interval > 0) {
      client.#heartbeat = setInterval(() => {
        if (client.#dispatcher.state === 'ready' && client.#dispatcher.idle) client.#call(ping, undefined).catch(() => {});
      }, interval);
      (client.#heartbeat as { unref?: () => void }).unref?.();
    }
    return client;
  }

  get state(): DispatcherState {
    return this.#dispatcher.state;
  }

  get transportName(): string {
    return this.#dispatcher.transportName;
  }

  /** 'disconnect' | 'reconnect' | 'error' | 'close'; returns an unsubscribe function. */
  on<K extends keyof DispatcherEvents>(event: K, listener: Listener<DispatcherEvents[K]>): () => void {
    return this.#dispatcher.on(event, listener);
  }

  /** Registers work to redo on every reconnect, after login and before queued requests. */
  addSessionHook(hook: SessionHook): () => void {
    this.#sessionHooks.add(hook);
    return () => this.#sessionHooks.delete(hook);
  }

  /** Sends any command codec; the typed namespaces below are built on this. */
  #call<Request, Response>(command: Command<Request, Response>, request: Request, options?: RequestOptions): Promise<Response> {
    return this.#dispatcher.call(command, request, options);
  }

  /** Sends a raw command through the client (for commands or options the namespaces do not cover). */
  send<Request, Response>(command: Command<Request, Response>, request: Request, options?: RequestOptions): Promise<Response> {
    return this.#call(command, request, options);
  }

  /** Runs on every (re)connect, before queued calls: log in again, then the hooks (re-joins). */
  async #session(direct: SessionCall): Promise<void> {
    const credentials = this.#credentials;
    if (credentials !== null) await this.#login(credentials, direct);
    for (const hook of [...this.#sessionHooks]) await hook(direct);
  }

  async #login(credentials: Credentials, call: SessionCall = (codec, request) => this.#call(codec, request)): Promise<number> {
    const { userId } =
      'token' in credentials
        ? await call(loginWithPersonalAccessToken, { token: credentials.token })
        : await call(loginUser, {
            username: credentials.username,
            password: credentials.password,
            version: this.#options.clientVersion ?? `iggy-ts-sdk/${SDK_VERSION}`,
          });
    return userId;
  }

  /** LoginUser (38); the credentials are reused after a reconnect. Resolves with the user id. */
  async login(username: string, password: string): Promise<number> {
    const userId = await this.#login({ username, password });
    this.#credentials = { username, password };
    return userId;
  }

  /** LoginWithPersonalAccessToken (44); the token is reused after a reconnect. */
  async loginWithToken(token: string): Promise<number> {
    const userId = await this.#login({ token });
    this.#credentials = { token };
    return userId;
  }

  /** LogoutUser (39): the connection stays open, unauthenticated, and is not logged in again on reconnect. */
  async logout(): Promise<void> {
    await this.#call(logoutUser, undefined);
    this.#credentials = null;
  }

  /** Waits for pending requests, then closes the connection; further calls fail with ClientShutdown (63). */
  async close(): Promise<void> {
    clearInterval(this.#heartbeat);
    await this.#dispatcher.close();
  }

  readonly system = {
    /** Ping (1). */
    ping: (): Promise<void> => this.#call(ping, undefined),
    /** GetStats (10). */
    stats: () => this.#call(getStats, undefined),
    /** GetSnapshot (11): a ZIP archive of diagnostics. */
    snapshot: (options: Partial<GetSnapshotRequest> = {}) =>
      this.#call(getSnapshot, {
        compression: options.compression ?? SnapshotCompression.Deflated,
        types: options.types ?? [SnapshotType.Test],
      }),
    /** GetClusterMetadata (12). */
    clusterMetadata: () => this.#call(getClusterMetadata, undefined),
    /** GetMe (20): this connection's client record. */
    me: () => this.#call(getMe, undefined),
    /** GetClient (21); null when unknown. */
    client: (clientId: number) => this.#call(getClient, { clientId }),
    /** GetClients (22). */
    clients: () => this.#call(getClients, undefined),
  };

  readonly users = {
    /** GetUser (31); null when unknown. */
    get: (userId: Id) => this.#call(getUser, { userId: toIdentifier(userId) }),
    /** GetUsers (32). */
    list: () => this.#call(getUsers, undefined),
    /** CreateUser (33). */
    create: (user: { username: string; password: string; status?: UserStatus; permissions?: Permissions | null }) =>
      this.#call(createUser, {
        username: user.username,
        password: user.password,
        status: user.status ?? UserStatus.Active,
        permissions: user.permissions ?? null,
      }),
    /** DeleteUser (34). */
    delete: (userId: Id): Promise<void> => this.#call(deleteUser, { userId: toIdentifier(userId) }),
    /** UpdateUser (35): only the given fields change. */
    update: (userId: Id, changes: { username?: string; status?: UserStatus }): Promise<void> =>
      this.#call(updateUser, { userId: toIdentifier(userId), username: changes.username ?? null, status: changes.status ?? null }),
    /** UpdatePermissions (36); null clears them. */
    updatePermissions: (userId: Id, permissions: Permissions | null): Promise<void> =>
      this.#call(updatePermissions, { userId: toIdentifier(userId), permissions }),
    /** ChangePassword (37). */
    changePassword: (userId: Id, currentPassword: string, newPassword: string): Promise<void> =>
      this.#call(changePassword, { userId: toIdentifier(userId), currentPassword, newPassword }),
  };

  readonly tokens = {
    /** GetPersonalAccessTokens (41). */
    list: () => this.#call(getPersonalAccessTokens, undefined),
    /** CreatePersonalAccessToken (42); expiry in µs, 0 / u64::MAX = never. Resolves with the raw token. */
    create: async (name: string, expiryUs: bigint = 0n): Promise<string> =>
      (await this.#call(createPersonalAccessToken, { name, expiryUs })).token,
    /** DeletePersonalAccessToken (43). */
    delete: (name: string): Promise<void> => this.#call(deletePersonalAccessToken, { name }),
  };

  readonly streams = {
    /** GetStream (200): the stream and its topics; null when not found. */
    get: (streamId: Id) => this.#call(getStream, { streamId: toIdentifier(streamId) }),
    /** GetStreams (201). */
    list: () => this.#call(getStreams, undefined),
    /** CreateStream (202): the server assigns the id. */
    create: (name: string) => this.#call(createStream, { name }),
    /** DeleteStream (203). */
    delete: (streamId: Id): Promise<void> => this.#call(deleteStream, { streamId: toIdentifier(streamId) }),
    /** UpdateStream (204): renames. */
    update: (streamId: Id, name: string): Promise<void> => this.#call(updateStream, { streamId: toIdentifier(streamId), name }),
    /** PurgeStream (205): deletes all messages of all topics. */
    purge: (streamId: Id): Promise<void> => this.#call(purgeStream, { streamId: toIdentifier(streamId) }),
  };

  readonly topics = {
    /** GetTopic (300): the topic and its partitions; null when not found. */
    get: (streamId: Id, topicId: Id) => this.#call(getTopic, { streamId: toIdentifier(streamId), topicId: toIdentifier(topicId) }),
    /** GetTopics (301). */
    list: (streamId: Id) => this.#call(getTopics, { streamId: toIdentifier(streamId) }),
    /** CreateTopic (302): the server assigns the id; partitions 0..count-1 are created. */
    create: (streamId: Id, topic: TopicOptions) =>
      this.#call(createTopic, {
        streamId: toIdentifier(streamId),
        name: topic.name,
        partitionsCount: topic.partitionsCount ?? 1,
        compression: topic.compression ?? CompressionAlgorithm.None,
        messageExpiryUs: topic.messageExpiryUs ?? 0n,
        maxTopicSizeBytes: topic.maxTopicSizeBytes ?? 0n,
        replicationFactor: topic.replicationFactor ?? 0,
      }),
    /** DeleteTopic (303). */
    delete: (streamId: Id, topicId: Id): Promise<void> =>
      this.#call(deleteTopic, { streamId: toIdentifier(streamId), topicId: toIdentifier(topicId) }),
    /** UpdateTopic (304): every field is replaced (omitted ones by the server defaults). */
    update: (streamId: Id, topicId: Id, topic: TopicOptions): Promise<void> =>
      this.#call(updateTopic, {
        streamId: toIdentifier(streamId),
        topicId: toIdentifier(topicId),
        name: topic.name,
        compression: topic.compression ?? CompressionAlgorithm.None,
        messageExpiryUs: topic.messageExpiryUs ?? 0n,
        maxTopicSizeBytes: topic.maxTopicSizeBytes ?? 0n,
        replicationFactor: topic.replicationFactor ?? 0,
      }),
    /** PurgeTopic (305): deletes all messages and stored offsets; offsets restart at 0. */
    purge: (streamId: Id, topicId: Id): Promise<void> =>
      this.#call(purgeTopic, { streamId: toIdentifier(streamId), topicId: toIdentifier(topicId) }),
  };

  readonly partitions = {
    /** CreatePartitions (402): appends `count` partitions. */
    create: (streamId: Id, topicId: Id, partitionsCount: number): Promise<void> =>
      this.#call(createPartitions, { streamId: toIdentifier(streamId), topicId: toIdentifier(topicId), partitionsCount }),
    /** DeletePartitions (403): removes the `count` highest-numbered partitions. */
    delete: (streamId: Id, topicId: Id, partitionsCount: number): Promise<void> =>
      this.#call(deletePartitions, { streamId: toIdentifier(streamId), topicId: toIdentifier(topicId), partitionsCount }),
  };

  readonly segments = {
    /** DeleteSegments (503): up to `count` of the oldest sealed segments of a partition. */
    delete: (streamId: Id, topicId: Id, partitionId: number, segmentsCount: number): Promise<void> =>
      this.#call(deleteSegments, { streamId: toIdentifier(streamId), topicId: toIdentifier(topicId), partitionId, segmentsCount }),
  };

  readonly groups = {
    /** GetConsumerGroup (600): the group and its members; null when not found. */
    get: (streamId: Id, topicId: Id, groupId: Id) =>
      this.#call(getConsumerGroup, { streamId: toIdentifier(streamId), topicId: toIdentifier(topicId), groupId: toIdentifier(groupId) }),
    /** GetConsumerGroups (601). */
    list: (streamId: Id, topicId: Id) => this.#call(getConsumerGroups, { streamId: toIdentifier(streamId), topicId: toIdentifier(topicId) }),
    /** CreateConsumerGroup (602): the server assigns the id. */
    create: (streamId: Id, topicId: Id, name: string) =>
      this.#call(createConsumerGroup, { streamId: toIdentifier(streamId), topicId: toIdentifier(topicId), name }),
    /** DeleteConsumerGroup (603). */
    delete: (streamId: Id, topicId: Id, groupId: Id): Promise<void> =>
      this.#call(deleteConsumerGroup, { streamId: toIdentifier(streamId), topicId: toIdentifier(topicId), groupId: toIdentifier(groupId) }),
    /** JoinConsumerGroup (604): this connection becomes a member (undone by a disconnect; `Consumer` re-joins). */
    join: (streamId: Id, topicId: Id, groupId: Id): Promise<void> =>
      this.#call(joinConsumerGroup, { streamId: toIdentifier(streamId), topicId: toIdentifier(topicId), groupId: toIdentifier(groupId) }),
    /** LeaveConsumerGroup (605). */
    leave: (streamId: Id, topicId: Id, groupId: Id): Promise<void> =>
      this.#call(leaveConsumerGroup, { streamId: toIdentifier(streamId), topicId: toIdentifier(topicId), groupId: toIdentifier(groupId) }),
  };

  readonly offsets = {
    /** GetConsumerOffset (120); null when nothing is stored (or the target is missing). */
    get: (consumer: Consumer, streamId: Id, topicId: Id, partitionId: number | null = null) =>
      this.#call(getConsumerOffset, { consumer, streamId: toIdentifier(streamId), topicId: toIdentifier(topicId), partitionId }),
    /** StoreConsumerOffset (121): commits `offset` as processed. */
    store: (consumer: Consumer, streamId: Id, topicId: Id, partitionId: number | null, offset: bigint): Promise<void> =>
      this.#call(storeConsumerOffset, { consumer, streamId: toIdentifier(streamId), topicId: toIdentifier(topicId), partitionId, offset }),
    /** DeleteConsumerOffset (122). */
    delete: (consumer: Consumer, streamId: Id, topicId: Id, partitionId: number | null = null): Promise<void> =>
      this.#call(deleteConsumerOffset, { consumer, streamId: toIdentifier(streamId), topicId: toIdentifier(topicId), partitionId }),
  };

  readonly messages = {
    /** SendMessages (101): one batch, to one partition chosen by `partitioning` (default balanced). */
    send: (
      streamId: Id,
      topicId: Id,
      messages: readonly SendMessage[],
      partitioning: Partitioning = Partitionings.balanced(),
      options?: RequestOptions,
    ): Promise<void> =>
      this.#call(
        sendMessages,
        { streamId: toIdentifier(streamId), topicId: toIdentifier(topicId), partitioning, messages: messages.map(toOutgoing) },
        options,
      ),
    /** PollMessages (100): up to `count` messages (default 100) from `strategy` (default next). */
    poll: (streamId: Id, topicId: Id, options: PollOptions = {}, requestOptions?: RequestOptions): Promise<PolledMessages> =>
      this.#call(pollMessages, {
        consumer: options.consumer ?? Consumers.single(0),
        streamId: toIdentifier(streamId),
        topicId: toIdentifier(topicId),
        partitionId: options.partitionId ?? null,
        strategy: options.strategy ?? PollingStrategies.next(),
        count: options.count ?? 100,
        autoCommit: options.autoCommit ?? false,
      }, requestOptions),
    /** FlushUnsavedBuffer (102): writes the partition's journal to disk now (and fsyncs when asked). */
    flush: (streamId: Id, topicId: Id, partitionId: number, fsync = false): Promise<void> =>
      this.#call(flushUnsavedBuffer, { streamId: toIdentifier(streamId), topicId: toIdentifier(topicId), partitionId, fsync }),
  };
}

export { IggyError, PollingStrategies, U64_MAX };
// The argument values, where callers have always imported them from.
export { Consumers, messageKeyBytes, Partitionings, toIdentifier, toOutgoing };
export type { Id, MessageKey, PollOptions, SendMessage, TopicOptions };
