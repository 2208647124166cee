// Every command's HTTP binding (HTTP.md §5), keyed by command code, and the
// commands HTTP cannot serve with the reason the SDK gives. Each command of
// src/protocol/commands is in exactly one of the two (bindings.test.ts).
import type { HttpBinding } from '../binding.js';
import * as groups from './groups.js';
import * as messages from './messages.js';
import * as streams from './streams.js';
import * as system from './system.js';
import * as users from './users.js';

export * from './groups.js';
export * from './messages.js';
export * from './streams.js';
export * from './system.js';
export * from './users.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyHttpBinding = HttpBinding<any, any>;

const ALL: readonly AnyHttpBinding[] = [groups, messages, streams, system, users].flatMap((module) =>
  Object.values(module).filter((value): value is AnyHttpBinding => typeof value === 'object' && value !== null && 'writeRequest' in value),
);

export const HTTP_BINDINGS: Readonly<Record<number, AnyHttpBinding>> = Object.freeze(
  Object.fromEntries(ALL.filter((b) => b.code !== null).map((b) => [b.code, b])),
);

/** Commands with no route, and why (HTTP.md §1, §5.7). */
export const HTTP_UNSUPPORTED: Readonly<Record<number, string>> = Object.freeze({
  20: 'GetMe needs a client session; HTTP is stateless (there is no client record)',
  604: 'JoinConsumerGroup needs a client session; HTTP has no join route',
  605: 'LeaveConsumerGroup needs a client session; HTTP has no leave route',
});

/** The binding of a command code; undefined when HTTP has no route for it. */
export function httpBindingOf(code: number): AnyHttpBinding | undefined {
  return Object.hasOwn(HTTP_BINDINGS, code) ? HTTP_BINDINGS[code] : undefined;
}
