#!/usr/bin/env node
// `npm start` entry: flags -> config -> core -> server and its listeners
// (src/app.ts, the composition root); SIGINT/SIGTERM shut down gracefully
// (stop accepting, Disconnected (8) to idle connections, in-flight requests
// finish, storage flushed) and exit 0. Configuration and
// core-loading failures print one clear message and exit 1, no stack trace.
// `run()` holds the logic with its I/O injected so tests drive it in-process;
// the bottom of the file wires it to the real process when run as a script.
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ConfigError, configEnvNames, loadConfig, type ServerConfig } from './config/config.js';
import type { Core, CoreMode } from './core/core.js';
import { coreModeFromEnv, loadCore } from './core/load.js';
import { log } from './log.js';
import { startServer, type RunningServer } from './app.js';
import { SERVER_VERSION } from './server/stats.js';

const HELP = `iggy-ts: a message streaming server speaking the Apache Iggy ${SERVER_VERSION} binary protocol

Usage: npm start -- [options]      (or: node dist/src/main.js [options])

Options:
  --with-default-root-credentials  create the root user as iggy/iggy on first start
                                   (unless IGGY_ROOT_USERNAME/IGGY_ROOT_PASSWORD are set)
  -h, --help                       show this help

Configuration: a TOML file named by IGGY_CONFIG_PATH (Iggy 0.8 sections and keys),
overridden by environment variables. IGGY_CORE=auto|wasm|ts picks the message-path
core; IGGY_LOG_LEVEL=error|warn|info|debug the log level; IGGY_ROOT_USERNAME and
IGGY_ROOT_PASSWORD the root credentials for the first start.

Environment variables:
`;

export interface MainIo {
  env: NodeJS.ProcessEnv;
  out(text: string): void;
  err(text: string): void;
}

export type MainResult =
  | { kind: 'exit'; exitCode: number }
  | { kind: 'running'; server: RunningServer; config: ServerConfig; core: Core; stop(reason: string): Promise<number> };

const exit = (exitCode: number): MainResult => ({ kind: 'exit', exitCode });

export async function run(argv: readonly string[], io: MainIo): Promise<MainResult> {
  const flags = new Set(argv);
  if (flags.has('--help') || flags.has('-h')) {
    io.out(HELP + configEnvNames().map((name) => `  ${name}`).join('\n') + '\n');
    return exit(0);
  }
  const unknown = [...flags].filter((flag) => flag !== '--with-default-root-credentials');
  if (unknown.length > 0) {
    io.err(`unknown option(s): ${unknown.join(' ')} (see --help)\n`);
    return exit(1);
  }

  let config: ServerConfig;
  try {
    config = loadConfig({ env: io.env, withDefaultRootCredentials: flags.has('--with-default-root-credentials') });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(`${error.message}\n`);
    return exit(1);
  }

  let mode: CoreMode;
  try {
    mode = io.env.IGGY_CORE !== undefined ? coreModeFromEnv(io.env.IGGY_CORE) : config.system.core;
  } catch (error) {
    io.err(`${(error as Error).message}\n`);
    return exit(1);
  }
  let core: Core;
  try {
    core = await loadCore(mode);
  } catch (error) {
    io.err(`IGGY_CORE=${mode}: the WebAssembly core could not be loaded (${(error as Error).message}); run "npm run build" or use IGGY_CORE=auto|ts\n`);
    return exit(1);
  }

  let server: RunningServer;
  try {
    server = await startServer(config, {
      core,
      reservePayloadArena: true,
      printRootPassword: (username, password) => io.out(`Root user "${username}" created with a generated password (shown only once): ${password}\n`),
    });
  } catch (error) {
    io.err(`server failed to start: ${(error as Error).message}\n`);
    return exit(1);
  }
  log.info({ core: core.kind, dataDir: config.system.path }, `iggy-ts server started (Iggy ${SERVER_VERSION} protocol)`);
  for (const transport of server.transports) log.info(`${transport.name} listening on ${transport.host}:${transport.port}`);

  let stopping: Promise<number> | null = null;
  const stop = (reason: string): Promise<number> => {
    stopping ??= (async () => {
      log.info(`${reason}: shutting down`);
      try {
        await server.close();
        log.info('shutdown complete');
        return 0;
      } catch (error) {
        log.error({ error: String(error) }, 'shutdown failed');
        return 1;
      }
    })();
    return stopping;
  };
  return { kind: 'running', server, config, core, stop };
}

/** True when this module is the process entry point (not imported by a test). */
function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(script)).href;
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  const io: MainIo = { env: process.env, out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };
  // Handlers go in before start-up: a signal that arrives while listeners are
  // still opening (they log as they come up) must stop the server gracefully
  // once it runs, not kill it with Node's default action.
  let stop: ((signal: string) => Promise<number>) | null = null;
  let pending: string | null = null;
  let signalled = false;
  const onSignal = (signal: string): void => {
    if (signalled) {
      log.warn(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    signalled = true;
    if (stop === null) pending = signal;
    else void stop(signal).then((code) => process.exit(code));
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  run(process.argv.slice(2), io).then(
    (result) => {
      if (result.kind === 'exit') {
        process.exitCode = result.exitCode;
        process.removeAllListeners('SIGINT').removeAllListeners('SIGTERM');
        return;
      }
      stop = result.stop;
      if (pending !== null) void result.stop(pending).then((code) => process.exit(code));
    },
    (error: unknown) => {
      process.stderr.write(`server failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
