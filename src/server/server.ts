// Server assembly: config -> core -> storage -> root user -> consumer groups
// -> clients -> handler table -> transports. close() undoes it in reverse:
// stop accepting, answer idle connections Disconnected (8), let in-flight
// requests finish, stop timers, flush and close storage.
import { parseAddress } from '../config/units.js';
import type { ServerConfig } from '../config/config.js';
import { loadCore } from '../core/load.js';
import type { Core } from '../core/core.js';
import { log } from '../log.js';
import { openStorage } from '../storage/storage.js';
import { startTcpServer } from '../transport/tcp/tcp_server.js';
import type { TransportHandle } from '../transport/transport.js';
import { authorizer } from './auth/authorizer.js';
import { ensureRootUser } from './auth/root_user.js';
import { startTokenCleaner } from './auth/token_cleaner.js';
import { ClientRegistry, nowUs } from './clients.js';
import type { CommandHandler, ServerContext, ServerRuntime } from './context.js';
import { buildHandlerTable, createDispatch, type Dispatch } from './dispatch.js';
import { createGroupCoordinator } from './groups/coordinator.js';
import type { GroupCoordinator } from './groups/types.js';
import { ALL_HANDLERS } from './handlers/index.js';

export interface StartServerOptions {
  /** Overrides the core chosen by config.system.core (tests pass one to share it). */
  core?: Core;
  /** Handler set; defaults to every command (tests may add or replace). */
  handlers?: readonly CommandHandler[];
  /** Where a generated root password is shown; defaults to stdout. */
  printRootPassword?: (username: string, password: string) => void;
  /**
   * Further transports (QUIC, HTTP, WebSocket) started after TCP with the
   * same context and dispatch; each reports its bound port into ctx.runtime.
   */
  transports?: ReadonlyArray<(ctx: ServerContext, dispatch: Dispatch) => Promise<TransportHandle>>;
  /** ms a connection gets on shutdown to finish in-flight requests and close before it is destroyed (default 2000). */
  shutdownGraceMs?: number;
}

export interface RunningServer {
  /** null when tcp.enabled is false. */
  readonly tcpAddress: { host: string; port: number } | null;
  readonly ctx: ServerContext;
  readonly dispatch: Dispatch;
  readonly transports: readonly TransportHandle[];
  close(): Promise<void>;
}

function defaultPrintRootPassword(username: string, password: string): void {
  process.stdout.write(`Root user "${username}" created with a generated password (shown only once): ${password}\n`);
}

/** Registers every persisted consumer group with the coordinator, as membership lives in memory only. */
function registerGroups(ctx: ServerContext): void {
  const { storage, groups } = ctx;
  for (const stream of storage.listStreams()) {
    const streamId = { kind: 'numeric', value: stream.id } as const;
    for (const topic of storage.listTopics(streamId)) {
      const topicId = { kind: 'numeric', value: topic.id } as const;
      for (const group of storage.listConsumerGroups(streamId, topicId)) {
        groups.addGroup({ streamId: stream.id, topicId: topic.id, groupId: group.id }, topic.partitionsCount);
      }
    }
  }
}

export async function startServer(config: ServerConfig, options: StartServerOptions = {}): Promise<RunningServer> {
  const core = options.core ?? (await loadCore(config.system.core));
  const storage = await openStorage(config, core);
  let groups: GroupCoordinator | null = null;
  let clients: ClientRegistry | null = null;
  const stopTimers: Array<() => void> = [];
  const transports: TransportHandle[] = [];
  try {
    const root = await ensureRootUser(storage, config.root);
    if (root.generatedPassword !== null) (options.printRootPassword ?? defaultPrintRootPassword)(config.root.username, root.generatedPassword);

    groups = createGroupCoordinator({
      rebalancingTimeoutUs: config.consumer_group.rebalancing_timeout,
      rebalancingCheckIntervalUs: config.consumer_group.rebalancing_check_interval,
    });
    clients = new ClientRegistry(groups, { enabled: config.heartbeat.enabled, intervalUs: config.heartbeat.interval });
    const runtime: ServerRuntime = { tcpPort: 0, quicPort: 0, httpPort: 0, websocketPort: 0, shuttingDown: false };
    const ctx: ServerContext = { config, storage, core, groups, authorizer, startedAtUs: nowUs(), clients, runtime };
    registerGroups(ctx);
    if (config.personal_access_token.cleaner.enabled) {
      stopTimers.push(startTokenCleaner(storage, config.personal_access_token.cleaner.interval));
    }

    const dispatch = createDispatch(buildHandlerTable(options.handlers ?? ALL_HANDLERS));
    let tcpAddress: RunningServer['tcpAddress'] = null;
    if (config.tcp.enabled) {
      const address = parseAddress(config.tcp.address);
      if (address === null) throw new Error(`tcp.address ${config.tcp.address} is not host:port`);
      const tcp = await startTcpServer(ctx, dispatch, {
        host: address.host,
        port: address.port,
        tls: config.tcp.tls.enabled ? { certFile: config.tcp.tls.cert_file, keyFile: config.tcp.tls.key_file } : null,
        ...(options.shutdownGraceMs === undefined ? {} : { shutdownGraceMs: options.shutdownGraceMs }),
        frameSizeBytesMax: config.limits.frame_size_max,
        connectionsMax: config.limits.connections_max,
        pendingRequestsMax: config.limits.pending_requests_per_connection_max,
        pendingResponseBytesMax: config.limits.pending_response_bytes_per_connection_max,
        socket: {
          overrideDefaults: config.tcp.socket.override_defaults,
          nodelay: config.tcp.socket.nodelay,
          keepalive: config.tcp.socket.keepalive,
        },
      });
      transports.push(tcp);
      runtime.tcpPort = tcp.port;
      tcpAddress = { host: tcp.host, port: tcp.port };
      log.debug({ address: `${tcp.host}:${tcp.port}`, tls: config.tcp.tls.enabled }, `${tcp.name} listening`);
    }
    for (const start of options.transports ?? []) transports.push(await start(ctx, dispatch));
    // QUIC, HTTP and WebSocket listeners are not built yet. Their config keys
    // are accepted (an Iggy config file must load unchanged), but saying
    // nothing would let a user believe those ports serve.
    const missing = (['quic', 'http', 'websocket'] as const).filter((name) => config[name].enabled);
    if (missing.length > 0) {
      log.warn({ transports: missing }, 'these transports are enabled in the config but not available in iggy-ts yet; only TCP is served');
    }

    let closing: Promise<void> | null = null;
    const close = (): Promise<void> => {
      closing ??= (async () => {
        runtime.shuttingDown = true;
        await Promise.all(transports.map((t) => t.shutdown()));
        for (const stop of stopTimers) stop();
        clients!.close();
        groups!.close();
        await storage.close();
      })();
      return closing;
    };
    return { tcpAddress, ctx, dispatch, transports, close };
  } catch (error) {
    await Promise.all(transports.map((t) => t.shutdown().catch(() => undefined)));
    for (const stop of stopTimers) stop();
    clients?.close();
    groups?.close();
    await storage.close().catch(() => undefined);
    throw error;
  }
}
