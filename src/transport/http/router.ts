// The route table: method, path pattern with :params, schemas, handler. Built
// and compiled once at start-up; /openapi.json is generated from the same
// table, so documentation and behaviour cannot drift. Matching prefers literal
// segments over params (DELETE /users/logout is not DELETE /users/:user_id).
import { assert } from '../../assert.js';
import type { ServerContext } from '../../server/context.js';
import { compileSchema, type Check, type ObjectSchema } from './schema.js';
import type { JsonValue } from '../../protocol/http/json.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Who is calling: the user of a verified bearer token (null on public routes). */
export interface Principal {
  readonly userId: number;
  /** The token's id and expiry (s), so logout can revoke exactly it. */
  readonly tokenId: string;
  readonly tokenExpiryS: number;
}

export interface RouteRequest<Body = Record<string, unknown>, Query = Record<string, unknown>> {
  readonly ctx: ServerContext;
  readonly principal: Principal | null;
  readonly params: Readonly<Record<string, string>>;
  readonly query: Query;
  readonly body: Body;
}

export interface RouteResponse {
  readonly status: number;
  /** JSON text (or plain text or bytes with `contentType`); '' = empty body. */
  readonly body: string | Uint8Array;
  readonly contentType?: string;
  /** E.g. the snapshot's content-disposition. */
  readonly extraHeaders?: ReadonlyArray<readonly [string, string]>;
}

export interface ResponseDoc {
  readonly description: string;
  /** JSON Schema of the body; absent for empty bodies. */
  readonly schema?: Record<string, unknown>;
  readonly contentType?: string;
}

export interface Route {
  readonly method: Method;
  readonly path: string;
  /** false only for the public paths of HTTP.md §2.1. */
  readonly auth: boolean;
  readonly summary: string;
  /** The command's name (CreateStream) for metrics, as the binary transports count it; absent for HTTP-only routes. */
  readonly command?: string;
  readonly body?: ObjectSchema;
  readonly query?: ObjectSchema;
  /** Every status the route answers, for /openapi.json. */
  readonly responses: Readonly<Record<number, ResponseDoc>>;
  handle(request: RouteRequest<never, never>): Promise<RouteResponse> | RouteResponse;
}

export interface CompiledRoute {
  readonly route: Route;
  readonly segments: readonly string[];
  /** Count of literal segments: the more, the better the match. */
  readonly literals: number;
  readonly checkBody: Check | null;
  readonly checkQuery: Check | null;
}

export type Match =
  | { kind: 'found'; compiled: CompiledRoute; params: Record<string, string> }
  | { kind: 'method_not_allowed'; allowed: Method[] }
  | { kind: 'not_found' };

export class Router {
  readonly #bySegments = new Map<number, CompiledRoute[]>();
  readonly routes: readonly Route[];

  constructor(routes: readonly Route[]) {
    this.routes = routes;
    const seen = new Set<string>();
    for (const route of routes) {
      const key = `${route.method} ${route.path}`;
      assert(!seen.has(key), `two routes for ${key}`);
      seen.add(key);
      const segments = splitPath(route.path);
      const compiled: CompiledRoute = {
        route,
        segments,
        literals: segments.filter((s) => !s.startsWith(':')).length,
        checkBody: route.body ? compileSchema(route.body, 'body') : null,
        checkQuery: route.query ? compileSchema(route.query, 'query') : null,
      };
      const list = this.#bySegments.get(segments.length) ?? [];
      list.push(compiled);
      // Best (most literal) patterns first, so the first hit wins.
      list.sort((a, b) => b.literals - a.literals);
      this.#bySegments.set(segments.length, list);
    }
  }

  match(method: string, path: string): Match {
    const parts = splitPath(path);
    const allowed: Method[] = [];
    for (const compiled of this.#bySegments.get(parts.length) ?? []) {
      const params = matchSegments(compiled.segments, parts);
      if (params === null) continue;
      if (compiled.route.method === method) return { kind: 'found', compiled, params };
      allowed.push(compiled.route.method);
    }
    return allowed.length > 0 ? { kind: 'method_not_allowed', allowed } : { kind: 'not_found' };
  }
}

function splitPath(path: string): string[] {
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  return trimmed === '/' ? [] : trimmed.slice(1).split('/');
}

/** Params of a pattern match, or null; a param never matches an empty segment. */
function matchSegments(pattern: readonly string[], parts: readonly string[]): Record<string, string> | null {
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    const part = parts[i]!;
    if (p.startsWith(':')) {
      if (part === '') return null;
      const decoded = safeDecode(part);
      if (decoded === null) return null;
      params[p.slice(1)] = decoded;
    } else if (p !== part) {
      return null;
    }
  }
  return params;
}

function safeDecode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/** A JSON response. */
export function json(status: number, body: string): RouteResponse {
  return { status, body };
}

/** An empty response (201/204). */
export function empty(status: number): RouteResponse {
  return { status, body: '' };
}

export type { JsonValue };
