// Iggy's HTTP error JSON (HTTP.md §3): {id, code, reason, field}, with the
// status and `field` Iggy 0.8 gives each code. The status comes from the one
// error table (src/errors/codes.ts); only the field blame lives here.
import { ERROR_TABLE, errorName, IggyError } from '../../errors/iggy_error.js';
import { log } from '../../log.js';
import { writeJson } from '../../protocol/http/json.js';

/** The input field Iggy blames for a code (HTTP.md §3); null otherwise. */
const FIELD_BY_CODE: ReadonlyMap<number, string> = new Map([
  [1009, 'stream_id'], [1014, 'stream_id'],
  [2010, 'topic_id'], [2016, 'topic_id'],
  [3007, 'partition_id'], [4000, 'segment_id'], [100, 'client_id'],
  [1013, 'name'], [1012, 'name'], [2014, 'name'], [2013, 'name'], [5004, 'name'], [51, 'name'],
  [4100, 'offset'], [5002, 'consumer_group_id'], [46, 'username'],
]);

export interface HttpError {
  readonly status: number;
  /** JSON text, or '' for the bodiless 401 of the auth middleware. */
  readonly body: string;
}

export function errorJson(id: number, code: string, reason: string, field: string | null): string {
  return writeJson({ id, code, reason, field });
}

/** The answer to an IggyError; `field` overrides the table (validation names the bad field). */
export function iggyErrorResponse(error: IggyError, field?: string): HttpError {
  const entry = ERROR_TABLE[errorName(error.code)];
  return { status: entry.httpStatus, body: errorJson(error.code, entry.httpCode, error.message, field ?? FIELD_BY_CODE.get(error.code) ?? null) };
}

/** Iggy's generic not-found (HTTP.md §3), also the answer to an unknown route. */
export const NOT_FOUND: HttpError = { status: 404, body: errorJson(404, 'not_found', 'Resource not found', null) };

/** A known path with another method. Iggy (axum) has no JSON for it; ours follows the generic not-found's shape. */
export const METHOD_NOT_ALLOWED: HttpError = { status: 405, body: errorJson(405, 'method_not_allowed', 'Method not allowed', null) };

/** Missing, invalid, expired or revoked token: 401 with an empty body, as Iggy's middleware (HTTP.md §2.1). */
export const UNAUTHENTICATED: HttpError = { status: 401, body: '' };

/** A JSON route called without `Content-Type: application/json`. */
export const UNSUPPORTED_MEDIA_TYPE: HttpError = {
  status: 415,
  body: errorJson(415, 'unsupported_media_type', 'expected Content-Type: application/json', null),
};

/** Body over http.max_request_size. */
export function payloadTooLarge(limitBytes: number): HttpError {
  return { status: 413, body: errorJson(413, 'payload_too_large', `request body exceeds ${limitBytes} bytes`, null) };
}

/** Any thrown value as a response: IggyErrors by their code, anything else is our bug (logged, 500). */
export function toHttpError(error: unknown, route: string): HttpError {
  if (error instanceof IggyError) return iggyErrorResponse(error);
  log.error({ route, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }, 'http route failed with an unexpected error');
  return { status: 500, body: errorJson(1, 'error', 'internal server error', null) };
}
