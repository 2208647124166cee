// Proves the CLI's argument grammar: globals before the command path, a
// command's own short flags winning over global ones with the same letter,
// long globals anywhere, `--x=v`, optional booleans, and shell word quoting.
import { describe, expect, it } from 'vitest';
import { parseCommandArgs, parseGlobals, splitWords } from './argv.js';

describe('parseGlobals', () => {
  it('takes global flags up to the command path', () => {
    expect(parseGlobals(['--transport', 'tcp', '-u', 'iggy', '-p=x', '-q', 'stream', 'list', '-u', 'y'])).toEqual({
      globals: { transport: 'tcp', username: 'iggy', password: 'x', quiet: true },
      rest: ['stream', 'list', '-u', 'y'],
    });
    expect(parseGlobals(['--tcp-tls-enabled', 'me']).globals).toEqual({ 'tcp-tls-enabled': true });
    expect(parseGlobals(['--tcp-tls-enabled', 'false', 'me'])).toEqual({ globals: { 'tcp-tls-enabled': false }, rest: ['me'] });
  });

  it('names the bad option in an InvalidCommand error', () => {
    expect(() => parseGlobals(['--nope'])).toThrow(/InvalidCommand: unknown option --nope/);
    expect(() => parseGlobals(['--transport'])).toThrow(/--transport needs a value/);
    expect(() => parseGlobals(['-q=1'])).toThrow(/takes no value/);
  });
});

describe('parseCommandArgs', () => {
  const poll = [
    { long: 'offset', short: 'o', kind: 'value' as const },
    { long: 'next', short: 'n', kind: 'flag' as const },
  ];

  it("lets the command's short flags shadow global ones, and keeps long globals", () => {
    const globals = {};
    const parsed = parseCommandArgs(['dev', '-o', '0', '-n', '--output', 'json', '-u', 'bob', 'x', '--', '-1'], poll, globals);
    expect(parsed).toEqual({ options: { offset: '0', next: true }, positionals: ['dev', 'x', '-1'] });
    expect(globals).toEqual({ output: 'json', username: 'bob' });
  });

  it('treats negative numbers as positionals and collects repeated options', () => {
    const parsed = parseCommandArgs(['-5', '-H', 'a:string:1', '-H', 'b:string:2'], [{ long: 'headers', short: 'H', kind: 'value', repeat: true }], {});
    expect(parsed).toEqual({ options: { headers: ['a:string:1', 'b:string:2'] }, positionals: ['-5'] });
  });
});

describe('splitWords', () => {
  it('splits on blanks and honours quotes and escapes', () => {
    expect(splitWords(`message send dev t "hello world" 'it''s' a\\ b ""`)).toEqual(['message', 'send', 'dev', 't', 'hello world', 'its', 'a b', '']);
    expect(() => splitWords('say "unclosed')).toThrow(/unterminated " quote/);
  });
});
