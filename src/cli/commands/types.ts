// The shape of a CLI command: Iggy 0.8's name and visible aliases, its
// positional arguments and options, and a run function over the SDK client
// that returns an Output (src/cli/output.ts) for the caller to render.
import type { IggyClient } from '../../../sdk/client.js';
import { IggyError } from '../../../src/errors/iggy_error.js';
import type { OptionSpec, OptionValues } from '../argv.js';
import type { Output, OutputMode } from '../output.js';
import type { CliSession } from '../session.js';

export interface CommandArgs {
  /** Positionals by name; a variadic one (`name...`) is in `rest`. */
  pos: Record<string, string | undefined>;
  rest: string[];
  opt: OptionValues;
}

export interface CommandContext {
  session: CliSession;
  client(): Promise<IggyClient>;
  mode: OutputMode;
  /** Writes progress lines (top, ping) straight away. */
  print(line: string): void;
}

export interface CommandSpec {
  name: string;
  aliases?: string[];
  summary: string;
  /** Positional names; `x?` optional, `x...` the optional rest. */
  args?: string[];
  options?: OptionSpec[];
  run(cx: CommandContext, args: CommandArgs): Promise<Output>;
}

export interface CommandGroup {
  name: string;
  aliases?: string[];
  summary: string;
  actions: CommandSpec[];
}

export type TopCommand = CommandGroup | CommandSpec;

export const isGroup = (command: TopCommand): command is CommandGroup => 'actions' in command;

export function matches(command: { name: string; aliases?: string[] }, word: string): boolean {
  return command.name === word || (command.aliases ?? []).includes(word);
}

/** Binds positionals to the spec's names; too few or too many is InvalidCommand with the usage. */
export function bindArgs(spec: CommandSpec, path: string, positionals: string[], opt: OptionValues): CommandArgs {
  const names = spec.args ?? [];
  const pos: Record<string, string | undefined> = {};
  let rest: string[] = [];
  const usage = `usage: iggy ${path} ${names.map((n) => (n.endsWith('?') || n.endsWith('...') ? `[${n}]` : `<${n}>`)).join(' ')}`.trim();
  let i = 0;
  for (const name of names) {
    if (name.endsWith('...')) {
      rest = positionals.slice(i);
      i = positionals.length;
      break;
    }
    const optional = name.endsWith('?');
    const value = positionals[i];
    if (value === undefined && !optional) throw IggyError.of('InvalidCommand', `missing <${name}>; ${usage}`);
    pos[optional ? name.slice(0, -1) : name] = value;
    if (value !== undefined) i++;
  }
  if (i < positionals.length) throw IggyError.of('InvalidCommand', `unexpected argument ${positionals[i]}; ${usage}`);
  return { pos, rest, opt };
}

/** A required positional (bindArgs has checked it is there). */
export function need(args: CommandArgs, name: string): string {
  const value = args.pos[name];
  if (value === undefined) throw IggyError.of('InvalidCommand', `missing <${name}>`);
  return value;
}

export const LIST_MODE: OptionSpec = { long: 'list-mode', short: 'l', kind: 'value' };
