// CORS from [http.cors] (HTTP.md §1: on by default, any origin, methods
// GET/POST/PUT/DELETE, headers content-type and authorization). Every response
// carries the origin header; a preflight (OPTIONS) gets methods, headers and
// max-age, answered before routing so it never needs a token.
import type { ServerConfig } from '../../config/config.js';

export interface CorsPolicy {
  /** null = any origin. */
  readonly origins: ReadonlySet<string> | null;
}

const ALLOWED_METHODS = 'GET, POST, PUT, DELETE';
const ALLOWED_HEADERS = 'content-type, authorization';

/** The policy of the config, or null when CORS is off. `allowed_origins` is "*" or a comma-separated list. */
export function corsPolicy(config: ServerConfig['http']['cors']): CorsPolicy | null {
  if (!config.enabled) return null;
  const list = config.allowed_origins.split(',').map((o) => o.trim()).filter((o) => o !== '');
  return { origins: list.length === 0 || list.includes('*') ? null : new Set(list) };
}

export function corsHeaders(policy: CorsPolicy, origin: string, preflight: boolean): Array<[string, string]> {
  const headers: Array<[string, string]> = [];
  if (policy.origins === null) headers.push(['access-control-allow-origin', '*']);
  else if (policy.origins.has(origin)) headers.push(['access-control-allow-origin', origin], ['vary', 'origin']);
  else return headers; // unlisted origin: no grant; the browser blocks the response
  if (preflight) {
    headers.push(['access-control-allow-methods', ALLOWED_METHODS], ['access-control-allow-headers', ALLOWED_HEADERS], ['access-control-max-age', '3600']);
  }
  return headers;
}
