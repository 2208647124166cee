// Server assembly: config -> core -> storage -> root user -> consumer groups
// -> clients -> handler table. Listeners are not started here: the
// composition root (src/app.ts) starts them over the returned context and
// dispatch, and stops them before close(), which undoes the rest in reverse:
// stop timers, close clients and groups, flush and close storage.
import type { ServerConfig } from '../config/config.js';
import { loadCore } from '../core/load.js';
import type { Core } from '../core/core.js';
import { openStorage } from '../storage/storage.js';
import { UserStore } from './auth/user_store.js';
import { authorizer } from './auth/authorizer.js';
import { ensureRootUser } from './auth/root_user.js';
import { startTokenCleaner } from './auth/token_cleaner.js';
import { ClientRegistry, nowUs } from './clients.js';
import type { CommandHandler, ServerContext, ServerRuntime } from './context.js';
import { buildHandlerTable, createDispatch, type Dispatch } from './dispatch.js';
import { createGroupCoordinator } from './groups/coordinator.js';
import type { GroupCoordinator } from './groups/types.js';
import { ALL_HANDLERS } from './handlers/index.js';

export interface ServerOptions {
  /** Overrides the core chosen by config.system.core (tests pass one to share it). */
  core?: Core;
  /** Handler set; defaults to every command (tests may add or replace). */
  handlers?: readonly CommandHandler[];
  /** Where a generated root password is shown; defaults to stdout. */
  printRootPassword?: (username: string, password: string) => void;
}

/** The server without listeners: what transports are started with. */
export interface Server {
  readonly ctx: ServerContext;
  readonly dispatch: Dispatch;
  /** Marks shutdown, stops timers, flushes and closes storage. Stop the listeners first. */
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

export async function openServer(config: ServerConfig, options: ServerOptions = {}): Promise<Server> {
  const core = options.core ?? (await loadCore(config.system.core));
  const users = new UserStore();
  const storage = await openStorage(config, core, { appliers: [users] });
  users.attach(storage.metadata);
  let groups: GroupCoordinator | null = null;
  let clients: ClientRegistry | null = null;
  const stopTimers: Array<() => void> = [];
  const stopAll = async (): Promise<void> => {
    for (const stopTimer of stopTimers) stopTimer();
    clients?.close();
    groups?.close();
    await storage.close();
  };
  try {
    const root = await ensureRootUser(users, config.root);
    if (root.generatedPassword !== null) (options.printRootPassword ?? defaultPrintRootPassword)(config.root.username, root.generatedPassword);

    groups = createGroupCoordinator({
      rebalancingTimeoutUs: config.consumer_group.rebalancing_timeout,
      rebalancingCheckIntervalUs: config.consumer_group.rebalancing_check_interval,
    });
    clients = new ClientRegistry(groups, { enabled: config.heartbeat.enabled, intervalUs: config.heartbeat.interval });
    const runtime: ServerRuntime = { ports: {}, shuttingDown: false };
    const ctx: ServerContext = { config, storage, users, core, groups, authorizer, startedAtUs: nowUs(), clients, runtime };
    registerGroups(ctx);
    if (config.personal_access_token.cleaner.enabled) {
      stopTimers.push(startTokenCleaner(users, config.personal_access_token.cleaner.interval));
    }
    const dispatch = createDispatch(buildHandlerTable(options.handlers ?? ALL_HANDLERS));

    let closing: Promise<void> | null = null;
    const close = (): Promise<void> => {
      closing ??= (async () => {
        runtime.shuttingDown = true;
        await stopAll();
      })();
      return closing;
    };
    return { ctx, dispatch, close };
  } catch (error) {
    await stopAll().catch(() => undefined);
    throw error;
  }
}
