// One HTTP request through uWebSockets.js: CORS -> route match -> body (with
// the http.max_request_size limit) -> bearer token -> JSON + schema -> route ->
// response. uWS rules (TRANSPORTS.md, STYLE.md §5): `req` is read before any
// await; onData's ArrayBuffer is copied before the callback returns; onAborted
// is set before going async, and `res` is never touched after an abort; every
// asynchronous write goes inside res.cork().
import { STATUS_CODES } from 'node:http';
import type { HttpRequest, HttpResponse } from '@trufflesuite/uws-js-unofficial';
import type { ServerContext } from '../../server/context.js';
import { serverMetrics } from '../../server/metrics.js';
import { corsHeaders, type CorsPolicy } from './cors.js';
import { METHOD_NOT_ALLOWED, NOT_FOUND, payloadTooLarge, toHttpError, UNAUTHENTICATED, UNSUPPORTED_MEDIA_TYPE, iggyErrorResponse, type HttpError } from './errors.js';
import { parseJson } from '../../protocol/http/json.js';
import type { JwtManager } from './jwt.js';
import type { CompiledRoute, Principal, Router, RouteResponse } from './router.js';
import { FieldError } from './schema.js';
import { IggyError } from '../../errors/iggy_error.js';

export interface Pipeline {
  readonly ctx: ServerContext;
  readonly router: Router;
  readonly jwt: JwtManager;
  readonly cors: CorsPolicy | null;
  readonly maxRequestBytes: number;
}

/** What is read from `req` synchronously, before it dies. */
interface RequestHead {
  readonly method: string;
  readonly url: string;
  readonly query: string;
  readonly authorization: string;
  readonly contentLength: number | null;
  readonly origin: string;
  readonly contentType: string;
  readonly startedAt: bigint;
}

interface Answer extends Omit<HttpError, 'body'> {
  /** Text, or bytes (the snapshot's ZIP). */
  readonly body: string | Uint8Array;
  readonly contentType?: string;
  readonly extraHeaders?: ReadonlyArray<readonly [string, string]>;
}

function readHead(req: HttpRequest): RequestHead {
  const length = req.getHeader('content-length');
  return {
    method: req.getCaseSensitiveMethod().toUpperCase(),
    url: req.getUrl(),
    query: req.getQuery() ?? '',
    authorization: req.getHeader('authorization'),
    contentLength: /^\d{1,15}$/.test(length) ? Number(length) : null,
    origin: req.getHeader('origin'),
    contentType: req.getHeader('content-type'),
    startedAt: process.hrtime.bigint(),
  };
}

const statusLine = (status: number): string => `${status} ${STATUS_CODES[status] ?? ''}`.trimEnd();

export function handleRequest(p: Pipeline, res: HttpResponse, req: HttpRequest): void {
  const head = readHead(req);
  const state = { aborted: false, bytesIn: 0 };
  res.onAborted(() => {
    state.aborted = true;
  });
  const respond = (answer: Answer, command: string): void => {
    if (state.aborted) return;
    res.cork(() => writeAnswer(p, res, head, answer));
    const seconds = Number(process.hrtime.bigint() - head.startedAt) / 1e9;
    const errorStatus = answer.status >= 400 ? String(answer.status) : null;
    serverMetrics(p.ctx).record('http', command, errorStatus, seconds, state.bytesIn, answer.body.length);
  };

  if (head.method === 'OPTIONS' && p.cors !== null) return respond({ status: 204, body: '' }, 'OPTIONS');
  const match = p.router.match(head.method, head.url);
  if (match.kind === 'not_found') return respond(NOT_FOUND, 'unknown');
  if (match.kind === 'method_not_allowed') {
    return respond({ ...METHOD_NOT_ALLOWED, extraHeaders: [['allow', match.allowed.join(', ')]] }, 'unknown');
  }
  const { compiled, params } = match;
  // The command a route serves (CreateStream), else its pattern (GET /ping): never the raw path, whose ids would explode label cardinality.
  const routeName = compiled.route.command ?? `${compiled.route.method} ${compiled.route.path}`;
  if (head.contentLength !== null && head.contentLength > p.maxRequestBytes) {
    return respond(payloadTooLarge(p.maxRequestBytes), routeName);
  }
  readBody(res, head.method, p.maxRequestBytes, head.contentLength, state, (body) => {
    if (body === null) return respond(payloadTooLarge(p.maxRequestBytes), routeName);
    run(p, compiled, params, head, body).then(
      (answer) => respond(answer, routeName),
      (error: unknown) => respond(toHttpError(error, routeName), routeName),
    );
  });
}

/**
 * Collects the body into one buffer (sized by content-length when given), or
 * null once it passes `limit`. onData's chunk is copied before returning.
 */
function readBody(res: HttpResponse, method: string, limit: number, contentLength: number | null, state: { bytesIn: number }, done: (body: Buffer | null) => void): void {
  // A bodiless request may never raise onData: answer it without waiting.
  if (contentLength === 0 || contentLength === null && (method === 'GET' || method === 'DELETE')) return done(EMPTY_BODY);
  let body: Buffer = Buffer.allocUnsafe(contentLength ?? 0);
  let over = false;
  res.onData((chunk, isLast) => {
    if (!over) {
      const bytes = new Uint8Array(chunk);
      const end = state.bytesIn + bytes.length;
      if (end > limit) {
        over = true;
      } else {
        if (end > body.length) body = grow(body, state.bytesIn, end);
        body.set(bytes, state.bytesIn);
        state.bytesIn = end;
      }
    }
    if (isLast) done(over ? null : body.subarray(0, state.bytesIn));
  });
}

const EMPTY_BODY = Buffer.alloc(0);

function grow(body: Buffer, used: number, needed: number): Buffer {
  const next = Buffer.allocUnsafe(Math.max(needed, body.length * 2, 1024));
  body.copy(next, 0, 0, used);
  return next;
}

async function run(p: Pipeline, compiled: CompiledRoute, params: Record<string, string>, head: RequestHead, raw: Buffer): Promise<Answer> {
  const { route } = compiled;
  let principal: Principal | null = null;
  if (route.auth) {
    principal = await authenticate(p.jwt, head.authorization);
    if (principal === null) return UNAUTHENTICATED;
  }
  // As axum's Json extractor: a JSON body needs its content type (HTTP.md §3: 415).
  if (compiled.checkBody !== null && !isJsonContentType(head.contentType)) return UNSUPPORTED_MEDIA_TYPE;
  try {
    const query = compiled.checkQuery ? compiled.checkQuery(Object.fromEntries(new URLSearchParams(head.query))) : {};
    const body = compiled.checkBody ? compiled.checkBody(parseBody(raw)) : {};
    const response: RouteResponse = await route.handle({ ctx: p.ctx, principal, params, query: query as never, body: body as never });
    return response;
  } catch (error) {
    if (error instanceof FieldError) return iggyErrorResponse(error.error, error.field ?? undefined);
    throw error;
  }
}

function isJsonContentType(value: string): boolean {
  const type = value.split(';', 1)[0]!.trim().toLowerCase();
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

function parseBody(raw: Buffer): unknown {
  if (raw.length === 0) throw new FieldError(IggyError.of('InvalidFormat', 'missing JSON body'), null);
  return parseJson(raw.toString('utf8'));
}

async function authenticate(jwt: JwtManager, header: string): Promise<Principal | null> {
  if (!header.startsWith('Bearer ')) return null;
  return jwt.verify(header.slice('Bearer '.length).trim());
}

function writeAnswer(p: Pipeline, res: HttpResponse, head: RequestHead, answer: Answer): void {
  res.writeStatus(statusLine(answer.status));
  if (p.cors !== null) for (const [name, value] of corsHeaders(p.cors, head.origin, head.method === 'OPTIONS')) res.writeHeader(name, value);
  for (const [name, value] of answer.extraHeaders ?? []) res.writeHeader(name, value);
  if (answer.body.length > 0) res.writeHeader('content-type', answer.contentType ?? 'application/json');
  res.end(answer.body);
}

export type { RouteResponse };
