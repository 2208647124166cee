// A route that is nothing but a binding and an op (src/protocol/http,
// src/server/ops): the binding reads the request from path, query and JSON
// body, the op runs as the token's user with no session (HTTP keeps none),
// and the binding writes the result. No domain logic lives here, so HTTP and
// the binary protocol answer from the same code.
import { IggyError } from '../../../errors/iggy_error.js';
import type { HttpBinding, HttpResponseOut } from '../../../protocol/http/binding.js';
import { writeJson, type JsonValue } from '../../../protocol/http/json.js';
import type { ServerContext } from '../../../server/context.js';
import type { Operation, Principal as OpPrincipal } from '../../../server/ops/principal.js';
import type { Principal, ResponseDoc, Route, RouteResponse } from '../router.js';
import { ERROR_DOC } from './docs.js';

/** The op's principal for a verified token: its user, or Unauthenticated (40) if the user is gone. */
export function httpPrincipal(ctx: ServerContext, principal: Principal | null): OpPrincipal {
  // auth: true routes always have a principal; null here is our bug, answered as 40 all the same.
  const user = principal === null ? undefined : ctx.users.findUser({ kind: 'numeric', value: principal.userId });
  if (user === undefined) throw IggyError.of('Unauthenticated', 'the token user no longer exists');
  return { user, session: null };
}

export function routeResponse(out: HttpResponseOut): RouteResponse {
  const extra = out.headers === undefined ? {} : { extraHeaders: out.headers };
  if (out.json !== undefined) return { status: out.status, body: writeJson(out.json), ...extra };
  if (out.text !== undefined) return { status: out.status, body: out.text, contentType: out.contentType ?? 'text/plain; charset=utf-8', ...extra };
  if (out.bytes !== undefined) return { status: out.status, body: out.bytes, contentType: out.contentType ?? 'application/octet-stream', ...extra };
  return { status: out.status, body: '', ...extra };
}

/** The statuses a bound route answers, for /openapi.json. */
export function boundDocs(binding: HttpBinding<unknown, unknown>): Record<number, ResponseDoc> {
  const success: ResponseDoc =
    binding.responseBody === 'json' ? { description: 'Iggy JSON', schema: { type: ['object', 'array'] } }
    : binding.responseBody === 'bytes' ? { description: 'Binary body', contentType: 'application/octet-stream' }
    : { description: 'Empty body' };
  const errors = { 400: ERROR_DOC, 401: { description: 'Missing, invalid, expired or revoked token' }, 403: ERROR_DOC, 404: ERROR_DOC };
  return { [binding.status]: success, ...errors };
}

/** The route of a command: binding parse -> op -> binding write. POST/PUT routes take a JSON object body. */
export function boundRoute<Request, Result>(binding: HttpBinding<Request, Result>, op: Operation<Request, Result>, summary: string): Route {
  const hasBody = binding.method === 'POST' || binding.method === 'PUT';
  return {
    method: binding.method,
    path: binding.path,
    auth: binding.auth,
    summary,
    command: binding.name,
    // Empty schemas: the pipeline then checks the content type and that the body is a JSON object and hands
    // over the raw query; the binding reads and checks every field, naming the bad one.
    ...(hasBody ? { body: {} } : {}),
    query: {},
    responses: boundDocs(binding as HttpBinding<unknown, unknown>),
    async handle({ ctx, principal, params, query, body }) {
      const request = binding.readRequest({ params, query: query as Record<string, string>, body: hasBody ? (body as JsonValue) : undefined });
      const result = await op(ctx, httpPrincipal(ctx, principal), request);
      return routeResponse(binding.writeResponse(result));
    },
  };
}
