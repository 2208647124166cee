// Every command of `iggy`, in Iggy 0.8's order, and the one function that
// resolves a word path (names or visible aliases) to a command.
import { IggyError } from '../../../src/errors/iggy_error.js';
import { loginCommand, logoutCommand, patCommands, userCommands } from './access.js';
import { contextCommands } from './context.js';
import { messageCommands } from './messages.js';
import { partitionCommands, segmentCommands, streamCommands, topicCommands } from './streams.js';
import {
  clientCommands,
  clusterCommands,
  consumerGroupCommands,
  consumerOffsetCommands,
  meCommand,
  pingCommand,
  snapshotCommand,
  statsCommand,
} from './system.js';
import { topCommand } from '../top.js';
import { type CommandSpec, isGroup, matches, type TopCommand } from './types.js';

export const COMMANDS: TopCommand[] = [
  streamCommands,
  topicCommands,
  partitionCommands,
  segmentCommands,
  pingCommand,
  meCommand,
  statsCommand,
  snapshotCommand,
  patCommands,
  userCommands,
  clientCommands,
  clusterCommands,
  consumerGroupCommands,
  consumerOffsetCommands,
  messageCommands,
  contextCommands,
  loginCommand,
  logoutCommand,
  topCommand,
];

export interface Resolved {
  spec: CommandSpec;
  /** Canonical path, e.g. "stream create". */
  path: string;
  /** The words after the path. */
  rest: string[];
}

export function resolveCommand(words: readonly string[]): Resolved {
  const [first, second, ...tail] = words;
  const top = COMMANDS.find((c) => first !== undefined && matches(c, first));
  if (top === undefined) throw IggyError.of('InvalidCommand', `unknown command ${first ?? '(none)'}; try iggy help`);
  if (!isGroup(top)) return { spec: top, path: top.name, rest: words.slice(1) };
  const action = top.actions.find((a) => second !== undefined && matches(a, second));
  if (action === undefined) {
    const names = top.actions.map((a) => a.name).join('|');
    throw IggyError.of('InvalidCommand', `${second === undefined ? 'missing' : `unknown ${second}:`} ${top.name} takes ${names}`);
  }
  return { spec: action, path: `${top.name} ${action.name}`, rest: tail };
}

export function helpText(): string {
  const lines = ['Usage: iggy [global options] <command> [args]   (no command: the shell)', '', 'Commands:'];
  for (const c of COMMANDS) {
    const aliases = c.aliases?.length ? ` (${c.aliases.join(', ')})` : '';
    const actions = isGroup(c) ? ` ${c.actions.map((a) => a.name + (a.aliases?.length ? `/${a.aliases.join('/')}` : '')).join(', ')}` : '';
    lines.push(`  ${(c.name + aliases).padEnd(26)} ${isGroup(c) ? actions.trim() : c.summary}`);
  }
  lines.push('  shell                      interactive shell (also the seed syntax: stream.create|1|dev ...)');
  lines.push('', 'Global options: --transport tcp|quic|http|ws, --tcp-server-address, --quic-server-address,');
  lines.push('  --http-api-url, --websocket-server-address, --tcp-tls-enabled, -u/--username, -p/--password,');
  lines.push('  -t/--token, -n/--token-name, -q/--quiet, -o/--output table|list|json, --generate bash|zsh|fish');
  return lines.join('\n');
}
