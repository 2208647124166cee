// The HTTP binding of a command (HTTP.md §5): its route (method, path
// template with :params, public or not), how its request value becomes path
// params, query and JSON body and back, and how its response value becomes a
// status and body and back. One object per command serves both sides: the
// server reads requests and writes responses, the SDK writes requests and
// reads responses, so the two cannot drift. I/O-free.
//
// Request and response values are the command's domain types (the Response
// type of src/protocol/commands/<domain>/<command>.ts). Where the binary codec
// has a wire-only shape, the binding uses the decoded domain form instead:
// SendMessages takes SendMessagesRequest (messages, not a packed batch) and
// PollMessages gives PolledMessages.
import type { Codec } from '../codec.js';
import type { JsonValue, Writable } from './json.js';
import { Fields } from './fields.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** How a success response carries its value. */
export type BodyKind = 'json' | 'text' | 'bytes' | 'empty';

/** A request as the SDK sends it: path params and query not yet URL-encoded, the JSON body (absent = none). */
export interface HttpRequestOut {
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  readonly body?: Writable;
}

/** A request as the server received it: decoded path params and query, the parsed JSON body (undefined = none). */
export interface HttpRequestIn {
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string | undefined>>;
  readonly body: JsonValue | undefined;
}

export interface HttpResponseOut {
  readonly status: number;
  readonly json?: Writable;
  readonly text?: string;
  readonly bytes?: Uint8Array;
  readonly contentType?: string;
  readonly headers?: ReadonlyArray<readonly [string, string]>;
}

/** A success response as the SDK received it, its body read as the binding's `responseBody` says. */
export interface HttpResponseIn {
  readonly status: number;
  readonly json?: JsonValue;
  readonly text?: string;
  readonly bytes?: Uint8Array;
}

export interface HttpBinding<Request, Response> {
  /** The command's code and name (src/protocol/commands); code null for HTTP-only routes (refresh-token). */
  readonly code: number | null;
  readonly name: string;
  readonly method: HttpMethod;
  /** Path template with :params, as the server's router matches it. */
  readonly path: string;
  /** false only for the public paths of HTTP.md §2.1. */
  readonly auth: boolean;
  /** Status of success. */
  readonly status: number;
  readonly responseBody: BodyKind;
  /** "Get one" commands: a null response is Iggy's generic 404, and a 404 reads back as null. */
  readonly nullOnNotFound: boolean;
  writeRequest(request: Request): HttpRequestOut;
  readRequest(request: HttpRequestIn): Request;
  writeResponse(response: Response): HttpResponseOut;
  readResponse(response: HttpResponseIn): Response;
}

/** Iggy's generic not-found body (HTTP.md §3), the answer to a null "get one". */
export const NOT_FOUND_JSON = { id: 404, code: 'not_found', reason: 'Resource not found', field: null } as const;

export interface RequestMapping<Request> {
  write(request: Request): HttpRequestOut;
  read(request: HttpRequestIn): Request;
}

export interface ResponseMapping<Response> {
  readonly status: number;
  readonly body: BodyKind;
  readonly nullOnNotFound: boolean;
  write(response: Response): HttpResponseOut;
  read(response: HttpResponseIn): Response;
}

type Route = { method: HttpMethod; path: string; auth?: boolean };

/** A command's binding; Request and Response come from its codec (the SDK-side types). */
export function bind<Request, Response>(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  command: { readonly code: number; readonly name: string; readonly request: Codec<Request, any>; readonly response: Codec<any, Response> },
  route: Route,
  request: RequestMapping<Request>,
  response: ResponseMapping<Response>,
): HttpBinding<Request, Response>;
/** A binding whose types differ from the codec's (login gives more) or with no command (refresh-token). */
export function bind<Request, Response>(
  command: { readonly code: number | null; readonly name: string },
  route: Route,
  request: RequestMapping<Request>,
  response: ResponseMapping<Response>,
): HttpBinding<Request, Response>;
export function bind<Request, Response>(
  command: { readonly code: number | null; readonly name: string },
  route: Route,
  request: RequestMapping<Request>,
  response: ResponseMapping<Response>,
): HttpBinding<Request, Response> {
  return {
    code: command.code,
    name: command.name,
    method: route.method,
    path: route.path,
    auth: route.auth ?? true,
    status: response.status,
    responseBody: response.body,
    nullOnNotFound: response.nullOnNotFound,
    writeRequest: request.write,
    readRequest: request.read,
    writeResponse: response.write,
    readResponse: response.read,
  };
}

/** A request with nothing in it (void). */
export const NO_REQUEST: RequestMapping<void> = {
  write: () => ({ params: {}, query: {} }),
  read: () => undefined,
};

/** An empty success response (201/204, or 200 for flush). */
export function emptyResponse(status: number): ResponseMapping<void> {
  return { status, body: 'empty', nullOnNotFound: false, write: () => ({ status }), read: () => undefined };
}

/** A JSON object response. */
export function jsonResponse<T>(status: number, write: (value: T) => Writable, read: (f: Fields) => T): ResponseMapping<T> {
  return {
    status,
    body: 'json',
    nullOnNotFound: false,
    write: (value) => ({ status, json: write(value) }),
    read: (response) => read(Fields.of(response.json, 'response')),
  };
}

/** A JSON array response, in the order HTTP.md gives (`compare`) whatever order the op returned. */
export function listResponse<T>(write: (value: T) => Writable, read: (f: Fields) => T, compare?: (a: T, b: T) => number): ResponseMapping<readonly T[]> {
  return {
    status: 200,
    body: 'json',
    nullOnNotFound: false,
    write: (values) => ({ status: 200, json: (compare === undefined ? values : [...values].sort(compare)).map(write) }),
    read: (response) => new Fields({ response: response.json ?? null }).list('response').map(read),
  };
}

/** A "get one" response: 200 JSON, or null as Iggy's generic 404. */
export function nullableResponse<T>(write: (value: T) => Writable, read: (f: Fields) => T): ResponseMapping<T | null> {
  const inner = jsonResponse(200, write, read);
  return {
    status: 200,
    body: 'json',
    nullOnNotFound: true,
    write: (value) => (value === null ? { status: 404, json: NOT_FOUND_JSON } : inner.write(value)),
    read: (response) => (response.status === 404 ? null : inner.read(response)),
  };
}

/**
 * A list whose parent may be missing (GetTopics of an unknown stream): the op's
 * null is Iggy's generic 404, which reads back as [] as the binary reply does.
 */
export function nullableListResponse<T>(write: (value: T) => Writable, read: (f: Fields) => T, compare?: (a: T, b: T) => number): ResponseMapping<readonly T[] | null> {
  const inner = listResponse(write, read, compare);
  return {
    status: 200,
    body: 'json',
    nullOnNotFound: true,
    write: (values) => (values === null ? { status: 404, json: NOT_FOUND_JSON } : inner.write(values)),
    read: (response) => (response.status === 404 ? [] : inner.read(response)),
  };
}

/** Reads a JSON request body as an object. */
export const bodyFields = (request: HttpRequestIn): Fields => Fields.of(request.body, 'body');

/** Ascending numeric id, the order of Iggy's lists of streams, topics, users and groups. */
export const byId = (a: { id: number }, b: { id: number }): number => a.id - b.id;
