// `npm start` entry: flags -> config -> core -> server; SIGINT/SIGTERM shut
// down gracefully (stop accepting, Disconnected (8) to idle connections,
// in-flight requests finish, storage flushed) and exit 0. Configuration and
// core-loading failures print one clear message and exit 1, no stack trace.
import { ConfigError, configEnvNames, loadConfig } from './config/config.js';
import { coreModeFromEnv, loadCore } from './core/load.js';
import type { Core } from './core/core.js';
import { log } from './log.js';
import { startServer } from './server/server.js';
import { SERVER_VERSION } from './server/stats.js';

const HELP = `iggy-ts ${SERVER_VERSION}-compatible message streaming server

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

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function main(argv: readonly string[]): Promise<void> {
  const flags = new Set(argv);
  if (flags.has('--help') || flags.has('-h')) {
    process.stdout.write(HELP + configEnvNames().map((name) => `  ${name}`).join('\n') + '\n');
    return;
  }
  const unknown = [...flags].filter((flag) => flag !== '--with-default-root-credentials');
  if (unknown.length > 0) fail(`unknown option(s): ${unknown.join(' ')} (see --help)`);

  let config;
  try {
    config = loadConfig({ withDefaultRootCredentials: flags.has('--with-default-root-credentials') });
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }

  let core: Core;
  let mode;
  try {
    mode = process.env.IGGY_CORE !== undefined ? coreModeFromEnv() : config.system.core;
  } catch (error) {
    fail((error as Error).message);
  }
  try {
    core = await loadCore(mode);
  } catch (error) {
    fail(`IGGY_CORE=${mode}: the WebAssembly core could not be loaded (${(error as Error).message}); run "npm run build" or use IGGY_CORE=auto|ts`);
  }

  const server = await startServer(config, { core });
  log.info({ core: core.kind, dataDir: config.system.path }, `iggy-ts server started (Iggy ${SERVER_VERSION} protocol)`);
  for (const transport of server.transports) log.info(`${transport.name} listening on ${transport.host}:${transport.port}`);

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) {
      log.warn(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    log.info(`${signal}: shutting down`);
    server.close().then(
      () => {
        log.info('shutdown complete');
        process.exit(0);
      },
      (error: unknown) => {
        log.error({ error: String(error) }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  fail(`server failed to start: ${error instanceof Error ? error.message : String(error)}`);
});
