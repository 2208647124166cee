// JSON with exact u64/u128 (HTTP.md §1): Iggy sends and accepts them as JSON
// numbers, which JSON.parse rounds above 2^53 and JSON.stringify refuses as
// bigint. So bodies are read by a small strict parser that yields a bigint for
// every integer beyond Number.MAX_SAFE_INTEGER, and responses are written by a
// writer that prints bigints as bare digits. Everything else is standard JSON.
import { IggyError } from '../../errors/iggy_error.js';

export type JsonValue = null | boolean | number | bigint | string | JsonValue[] | { [key: string]: JsonValue };

/** Nesting limit, so a hostile body cannot exhaust the stack. */
const DEPTH_MAX = 64;

function syntaxError(text: string, at: number, what: string): IggyError {
  const near = text.slice(at, at + 16);
  return IggyError.of('InvalidFormat', `invalid JSON at byte ${at}: ${what}${near ? ` near "${near}"` : ''}`);
}

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const STRING_PLAIN = /[^"\\\u0000-\u001f]*/y;

class Parser {
  at = 0;
  constructor(readonly text: string) {}

  skipSpace(): void {
    const t = this.text;
    while (this.at < t.length) {
      const c = t.charCodeAt(this.at);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return;
      this.at++;
    }
  }

  value(depth: number): JsonValue {
    if (depth > DEPTH_MAX) throw syntaxError(this.text, this.at, 'nested too deeply');
    this.skipSpace();
    const c = this.text[this.at];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') return this.string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.text.startsWith(word, this.at)) {
        this.at += word.length;
        return value;
      }
    }
    throw syntaxError(this.text, this.at, c === undefined ? 'unexpected end' : 'unexpected character');
  }

  number(): number | bigint {
    NUMBER.lastIndex = this.at;
    const match = NUMBER.exec(this.text);
    if (match === null) throw syntaxError(this.text, this.at, 'bad number');
    this.at += match[0].length;
    const isInteger = match[1] === undefined && match[2] === undefined;
    if (isInteger) {
      const n = Number(match[0]);
      return Number.isSafeInteger(n) ? n : BigInt(match[0]);
    }
    return Number(match[0]);
  }

  string(): string {
    const t = this.text;
    this.at++; // opening quote
    let out = '';
    for (;;) {
      STRING_PLAIN.lastIndex = this.at;
      const plain = STRING_PLAIN.exec(t)![0];
      out += plain;
      this.at += plain.length;
      const c = t[this.at];
      if (c === '"') {
        this.at++;
        return out;
      }
      if (c !== '\\') throw syntaxError(t, this.at, c === undefined ? 'unterminated string' : 'control character in string');
      out += this.escape();
    }
  }

  escape(): string {
    const t = this.text;
    const c = t[this.at + 1];
    this.at += 2;
    switch (c) {
      case '"': return '"';
      case '\\': return '\\';
      case '/': return '/';
      case 'b': return '\b';
      case 'f': return '\f';
      case 'n': return '\n';
      case 'r': return '\r';
      case 't': return '\t';
      case 'u': {
        const hex = t.slice(this.at, this.at + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw syntaxError(t, this.at, 'bad \\u escape');
        this.at += 4;
        return String.fromCharCode(parseInt(hex, 16));
      }
      default:
        throw syntaxError(t, this.at - 2, 'bad escape');
    }
  }

  array(depth: number): JsonValue[] {
    this.at++;
    const out: JsonValue[] = [];
    this.skipSpace();
    if (this.text[this.at] === ']') {
      this.at++;
      return out;
    }
    for (;;) {
      out.push(this.value(depth + 1));
      this.skipSpace();
      const c = this.text[this.at++];
      if (c === ']') return out;
      if (c !== ',') throw syntaxError(this.text, this.at - 1, 'expected , or ]');
    }
  }

  object(depth: number): { [key: string]: JsonValue } {
    this.at++;
    // Null prototype: a "__proto__" key is data, never a prototype change.
    const out: { [key: string]: JsonValue } = Object.create(null);
    this.skipSpace();
    if (this.text[this.at] === '}') {
      this.at++;
      return out;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.at] !== '"') throw syntaxError(this.text, this.at, 'expected a key');
      const key = this.string();
      this.skipSpace();
      if (this.text[this.at++] !== ':') throw syntaxError(this.text, this.at - 1, 'expected :');
      out[key] = this.value(depth + 1);
      this.skipSpace();
      const c = this.text[this.at++];
      if (c === '}') return out;
      if (c !== ',') throw syntaxError(this.text, this.at - 1, 'expected , or }');
    }
  }
}

/** Parses JSON text; integers beyond 2^53 - 1 come back as bigint. Throws InvalidFormat (4). */
export function parseJson(text: string): JsonValue {
  const parser = new Parser(text);
  const value = parser.value(0);
  parser.skipSpace();
  if (parser.at !== text.length) throw syntaxError(text, parser.at, 'trailing characters');
  return value;
}

/** What the writer accepts: JSON values plus undefined fields, which are left out as JSON.stringify does. */
export type Writable = JsonValue | undefined | readonly Writable[] | { readonly [key: string]: Writable };

/** Serialises a value; bigints become bare JSON numbers, exactly. */
export function writeJson(value: Writable): string {
  const parts: string[] = [];
  writeInto(parts, value);
  return parts.join('');
}

/** Object keys repeat (a poll answers 1000 messages of the same fields): each is quoted once. */
const QUOTED_KEYS = new Map<string, string>();
const QUOTED_KEYS_MAX = 4096;

function quotedKey(key: string): string {
  let quoted = QUOTED_KEYS.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (QUOTED_KEYS.size < QUOTED_KEYS_MAX) QUOTED_KEYS.set(key, quoted);
  }
  return quoted;
}

/** One flat list of pieces, joined once: no intermediate string per array or object. */
function writeInto(parts: string[], value: Writable): void {
  switch (typeof value) {
    case 'bigint':
      parts.push(value.toString());
      return;
    case 'number':
      parts.push(Number.isFinite(value) ? String(value) : 'null');
      return;
    case 'string':
      parts.push(JSON.stringify(value));
      return;
    case 'boolean':
      parts.push(value ? 'true' : 'false');
      return;
    case 'undefined':
      parts.push('null');
      return;
  }
  if (value === null) {
    parts.push('null');
  } else if (Array.isArray(value)) {
    parts.push('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) parts.push(',');
      writeInto(parts, value[i] as Writable);
    }
    parts.push(']');
  } else {
    parts.push('{');
    let first = true;
    for (const key in value) {
      const item = (value as { readonly [key: string]: Writable })[key];
      if (item === undefined || !Object.hasOwn(value, key)) continue;
      parts.push(first ? quotedKey(key) : `,${quotedKey(key)}`, ':');
      first = false;
      writeInto(parts, item);
    }
    parts.push('}');
  }
}
