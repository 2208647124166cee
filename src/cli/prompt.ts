// Reads a password from the terminal without echoing it, as Iggy's CLI asks
// for one when -u is given without -p. Only called with stdin a terminal.
import { IggyError } from '../../src/errors/iggy_error.js';

export function promptPassword(label = 'Password: '): Promise<string> {
  const stdin = process.stdin;
  process.stdout.write(label);
  const wasRaw = stdin.isRaw === true;
  stdin.setRawMode(true);
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (): void => {
      stdin.off('data', onData);
      stdin.setRawMode(wasRaw);
      if (!wasRaw) stdin.pause();
      process.stdout.write('\n');
    };
    const onData = (chunk: Buffer): void => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          finish();
          resolve(value);
          return;
        }
        if (ch === '\u0003' || ch === '\u0004') {
          finish();
          reject(IggyError.of('InvalidCredentials', 'password prompt cancelled'));
          return;
        }
        value = ch === '\u007f' || ch === '\b' ? value.slice(0, -1) : value + ch;
      }
    };
    stdin.on('data', onData);
  });
}
