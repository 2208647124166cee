// Command-line parsing for `iggy`, shaped like Iggy 0.8's clap definitions:
// global flags before the command path, the command's own flags after it
// (a short flag the command defines wins over a global one with the same
// letter, e.g. `message poll -o 0` is the offset, `-n` the next strategy),
// and long global flags accepted anywhere. No dependency: the grammar is
// small and errors must be one Iggy-style line, not a parser's usage dump.
import { IggyError } from '../../src/errors/iggy_error.js';

export interface OptionSpec {
  long: string;
  short?: string;
  /** 'value' takes an argument, 'flag' takes none, 'bool' takes an optional true|false. */
  kind: 'value' | 'flag' | 'bool';
  /** May be given several times (values collect in order). */
  repeat?: boolean;
}

export type OptionValues = Record<string, string | boolean | string[] | undefined>;

/** Iggy 0.8's global flags (IggyArgsOptional + CliOptions); -o is ours (table|list|json). */
export const GLOBAL_OPTIONS: OptionSpec[] = [
  { long: 'transport', kind: 'value' },
  { long: 'tcp-server-address', kind: 'value' },
  { long: 'quic-server-address', kind: 'value' },
  { long: 'http-api-url', kind: 'value' },
  { long: 'websocket-server-address', kind: 'value' },
  { long: 'tcp-tls-enabled', kind: 'bool' },
  { long: 'tcp-tls-domain', kind: 'value' },
  // Not a 0.8 CLI flag (its SDK config has tcp_tls_ca_file): trusts a self-signed server.
  { long: 'tcp-tls-ca-file', kind: 'value' },
  { long: 'username', short: 'u', kind: 'value' },
  { long: 'password', short: 'p', kind: 'value' },
  { long: 'token', short: 't', kind: 'value' },
  { long: 'token-name', short: 'n', kind: 'value' },
  { long: 'quiet', short: 'q', kind: 'flag' },
  { long: 'output', short: 'o', kind: 'value' },
  { long: 'generate', kind: 'value' },
  { long: 'help', short: 'h', kind: 'flag' },
  { long: 'version', short: 'V', kind: 'flag' },
];

function bad(detail: string): IggyError {
  return IggyError.of('InvalidCommand', detail);
}

function findOption(specs: readonly OptionSpec[], token: string): { spec: OptionSpec; inline: string | undefined } | undefined {
  if (token.startsWith('--')) {
    const eq = token.indexOf('=');
    const name = eq < 0 ? token.slice(2) : token.slice(2, eq);
    const spec = specs.find((s) => s.long === name);
    return spec && { spec, inline: eq < 0 ? undefined : token.slice(eq + 1) };
  }
  const letter = token.slice(1, 2);
  const spec = specs.find((s) => s.short === letter);
  // `-p=x` and `-px` both give x, as clap reads them.
  const inline = token.length > 2 ? token.slice(token[2] === '=' ? 3 : 2) : undefined;
  return spec && { spec, inline };
}

function store(values: OptionValues, spec: OptionSpec, value: string | boolean): void {
  const key = spec.long;
  if (spec.repeat) {
    const list = (values[key] as string[] | undefined) ?? [];
    list.push(String(value));
    values[key] = list;
  } else {
    values[key] = value;
  }
}

/** Reads one option at tokens[i]; returns how many tokens it used (0 = not an option of `specs`). */
function takeOption(specs: readonly OptionSpec[], tokens: readonly string[], i: number, values: OptionValues): number {
  const token = tokens[i]!;
  const found = findOption(specs, token);
  if (found === undefined) return 0;
  const { spec, inline } = found;
  if (spec.kind === 'flag') {
    if (inline !== undefined) throw bad(`option --${spec.long} takes no value (got ${token})`);
    store(values, spec, true);
    return 1;
  }
  if (spec.kind === 'bool') {
    const next = inline ?? (tokens[i + 1] === 'true' || tokens[i + 1] === 'false' ? tokens[i + 1] : undefined);
    if (next !== undefined && next !== 'true' && next !== 'false') throw bad(`option --${spec.long} takes true or false (got ${next})`);
    store(values, spec, next !== 'false');
    return inline === undefined && next !== undefined ? 2 : 1;
  }
  const value = inline ?? tokens[i + 1];
  if (value === undefined) throw bad(`option --${spec.long} needs a value`);
  store(values, spec, value);
  return inline === undefined ? 2 : 1;
}

const isOptionToken = (token: string): boolean => token.length > 1 && token.startsWith('-') && !/^-\d/.test(token);

/** Global flags up to the first word that is not one: the command path starts there. */
export function parseGlobals(tokens: readonly string[]): { globals: OptionValues; rest: string[] } {
  const globals: OptionValues = {};
  let i = 0;
  while (i < tokens.length && isOptionToken(tokens[i]!)) {
    const used = takeOption(GLOBAL_OPTIONS, tokens, i, globals);
    if (used === 0) throw bad(`unknown option ${tokens[i]}`);
    i += used;
  }
  return { globals, rest: tokens.slice(i) };
}

/**
 * A command's arguments: its own options first, then long/short global ones
 * (into `globals`), the rest positional. `--` ends the options.
 */
export function parseCommandArgs(
  tokens: readonly string[],
  specs: readonly OptionSpec[],
  globals: OptionValues,
): { options: OptionValues; positionals: string[] } {
  const options: OptionValues = {};
  const positionals: string[] = [];
  for (let i = 0; i < tokens.length; ) {
    const token = tokens[i]!;
    if (token === '--') {
      positionals.push(...tokens.slice(i + 1));
      break;
    }
    if (!isOptionToken(token)) {
      positionals.push(token);
      i++;
      continue;
    }
    const used = takeOption(specs, tokens, i, options) || takeOption(GLOBAL_OPTIONS, tokens, i, globals);
    if (used === 0) throw bad(`unknown option ${token}`);
    i += used;
  }
  return { options, positionals };
}

/** Splits a shell line into words: whitespace-separated, '...' and "..." quoted, backslash escapes. */
export function splitWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote !== null) {
      if (ch === quote) quote = null;
      else if (ch === '\\' && quote === '"' && i + 1 < line.length) word += line[++i];
      else word += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (quote !== null) throw bad(`unterminated ${quote} quote`);
  if (inWord) words.push(word);
  return words;
}
