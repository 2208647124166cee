// One line per failure: the Iggy error's name and code, what was asked, and
// the detail; never a stack trace. Socket errors (refused, timed out) become
// CannotEstablishConnection (9), as Iggy's CLI reports an unreachable server.
import { errorName, IggyError } from '../../src/errors/iggy_error.js';

function asIggyError(error: unknown): IggyError {
  if (error instanceof IggyError) return error;
  const err = error as NodeJS.ErrnoException | undefined;
  const code = err?.code;
  const message = err?.message ?? String(error);
  if (code === 'ECONNREFUSED' || code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || code === 'ENOTFOUND' || code === 'ECONNRESET') {
    return IggyError.of('CannotEstablishConnection', message);
  }
  // Anything else (a file the user named is missing, say) keeps its own message.
  return IggyError.of('Error', message);
}

/** The detail of an IggyError's message, without the "Name: " / "Name (code): " prefix. */
function detailOf(error: IggyError): string {
  const name = errorName(error.code);
  let detail = error.message;
  for (const prefix of [`${name} (${error.code}): `, `${name}: `, `${name} (${error.code})`, name]) {
    if (detail.startsWith(prefix)) {
      detail = detail.slice(prefix.length);
      break;
    }
  }
  const cause = (error as { cause?: { message?: string } }).cause?.message;
  if (detail === '' && cause !== undefined) detail = cause;
  return detail.split('\n')[0]!.trim();
}

export function errorCodeOf(error: unknown): number {
  return asIggyError(error).code;
}

/** `error: StreamIdNotFound (1009) in "stream get 7": stream 7 not found`. */
export function formatError(error: unknown, asked: string): string {
  const iggy = asIggyError(error);
  const detail = detailOf(iggy);
  return `error: ${errorName(iggy.code)} (${iggy.code}) in "${asked}"${detail === '' ? '' : `: ${detail}`}`;
}
