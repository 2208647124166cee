// What a call throws, as one value expect() can compare: the IggyError's
// numeric code, 'no error', or the text of any other error (a bug, not a
// protocol answer, so it never equals a code).
import { IggyError } from '../../src/errors/iggy_error.js';

export function thrownCode(fn: () => unknown): number | string {
  try {
    fn();
  } catch (error) {
    return error instanceof IggyError ? error.code : `not an IggyError: ${String(error)}`;
  }
  return 'no error';
}
