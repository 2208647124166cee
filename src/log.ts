// Minimal structured logger: one line per event on stderr, level filtered by
// IGGY_LOG_LEVEL (error|warn|info|debug). Kept tiny on purpose: the serving
// path logs only state changes, never per message.
import { inspect } from 'node:util';

const LEVELS = { error: 0, warn: 1, info: 2, debug: 3 } as const;
export type LogLevel = keyof typeof LEVELS;

function thresholdFromEnv(): number {
  const name = (process.env.IGGY_LOG_LEVEL ?? 'info').toLowerCase();
  return name in LEVELS ? LEVELS[name as LogLevel] : LEVELS.info;
}

let threshold = thresholdFromEnv();

export function setLogLevel(level: LogLevel): void {
  threshold = LEVELS[level];
}

function emit(level: LogLevel, fields: Record<string, unknown> | string, message?: string): void {
  if (LEVELS[level] > threshold) return;
  const text = typeof fields === 'string' ? fields : message ?? '';
  const extra = typeof fields === 'string' ? '' : ' ' + inspect(fields, { breakLength: Infinity, depth: 4 });
  process.stderr.write(`${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${text}${extra}\n`);
}

export const log = {
  error: (fields: Record<string, unknown> | string, message?: string) => emit('error', fields, message),
  warn: (fields: Record<string, unknown> | string, message?: string) => emit('warn', fields, message),
  info: (fields: Record<string, unknown> | string, message?: string) => emit('info', fields, message),
  debug: (fields: Record<string, unknown> | string, message?: string) => emit('debug', fields, message),
};
export type Logger = typeof log;
