// One HTTP request for one binding (src/protocol/http): the binding writes
// the request, global `fetch` carries it, the binding reads the answer.
// Failures become IggyErrors the way the binary client reports them: Iggy's
// error JSON by its own code, a bodiless 401 as Unauthenticated (40), a null
// "get one" 404 as null, framework rejections (plain text) as
// HttpResponseError (300), no answer as Disconnected (8), a timeout as
// TaskTimeout (12001). Browser-safe: fetch, URL, AbortController only.
import { ERROR_TABLE, errorName, IggyError } from '../../../src/errors/iggy_error.js';
import type { HttpBinding, HttpResponseIn } from '../../../src/protocol/http/binding.js';
import { parseJson, writeJson } from '../../../src/protocol/http/json.js';
import { fillPath } from '../../../src/protocol/http/path.js';

export type Fetch = typeof fetch;

export interface ExchangeOptions {
  readonly baseUrl: string;
  readonly fetch: Fetch;
  readonly token: string | null;
  readonly timeoutMs: number;
  readonly headers: Readonly<Record<string, string>>;
}

export function urlOf(baseUrl: string, binding: HttpBinding<unknown, unknown>, params: Readonly<Record<string, string>>, query: Readonly<Record<string, string>>): string {
  const search = new URLSearchParams(query).toString();
  return `${baseUrl.replace(/\/+$/, '')}${fillPath(binding.path, params)}${search === '' ? '' : `?${search}`}`;
}

export async function exchange<Request, Response>(binding: HttpBinding<Request, Response>, request: Request, options: ExchangeOptions): Promise<Response> {
  const out = binding.writeRequest(request); // a refusal (FeatureUnavailable) happens before anything is sent
  const headers: Record<string, string> = { ...options.headers };
  if (out.body !== undefined) headers['content-type'] = 'application/json';
  if (binding.auth && options.token !== null) headers.authorization = `Bearer ${options.token}`;
  const url = urlOf(options.baseUrl, binding as HttpBinding<unknown, unknown>, out.params, out.query);
  const label = `${binding.name} (${binding.method} ${binding.path})`;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), options.timeoutMs);
  try {
    const init: RequestInit = { method: binding.method, headers, signal: abort.signal };
    if (out.body !== undefined) init.body = writeJson(out.body);
    const response = await send(options.fetch, url, init, label, abort);
    return await readAnswer(binding, response, label);
  } catch (error) {
    if (abort.signal.aborted && !(error instanceof IggyError)) throw IggyError.of('TaskTimeout', `${label}: no response within ${options.timeoutMs} ms`, { cause: error });
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

async function send(fetchImpl: Fetch, url: string, init: RequestInit, label: string, abort: AbortController): Promise<globalThis.Response> {
  try {
    return await fetchImpl(url, init);
  } catch (cause) {
    if (abort.signal.aborted) throw cause;
    throw IggyError.of('Disconnected', `${label}: no answer from ${new URL(url).origin}`, { cause });
  }
}

async function readAnswer<Response>(binding: HttpBinding<unknown, Response>, response: globalThis.Response, label: string): Promise<Response> {
  if (response.status === 404 && binding.nullOnNotFound) {
    await response.body?.cancel();
    return binding.readResponse({ status: 404 });
  }
  if (response.status < 200 || response.status > 299) throw errorOf(response.status, await response.text(), label);
  return binding.readResponse(await bodyOf(binding, response));
}

async function bodyOf(binding: HttpBinding<unknown, unknown>, response: globalThis.Response): Promise<HttpResponseIn> {
  switch (binding.responseBody) {
    case 'json':
      return { status: response.status, json: parseJson(await response.text()) };
    case 'text':
      return { status: response.status, text: await response.text() };
    case 'bytes':
      return { status: response.status, bytes: new Uint8Array(await response.arrayBuffer()) };
    case 'empty':
      await response.body?.cancel();
      return { status: response.status };
  }
}

/** The IggyError of a failed response (HTTP.md §3). */
export function errorOf(status: number, text: string, label: string): IggyError {
  if (status === 401 && text === '') return IggyError.of('Unauthenticated', `${label}: missing, invalid, expired or revoked access token`);
  const error = iggyErrorJson(text);
  // Checked first: its id 404 is also Iggy's WebSocketSendError.
  if (error !== null && error.id === 404 && error.code === 'not_found') return IggyError.of('ResourceNotFound', `${label}: ${error.reason}`);
  if (error !== null && ERROR_TABLE[errorName(error.id)].code === error.id) return new IggyError(error.id, `${errorName(error.id)}: ${error.reason}`);
  const shown = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  return IggyError.of('HttpResponseError', `${label}: HTTP ${status}${shown === '' ? '' : `: ${shown}`}`);
}

function iggyErrorJson(text: string): { id: number; code: string; reason: string } | null {
  try {
    const value = parseJson(text);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
    const { id, code, reason } = value as Record<string, unknown>;
    if (typeof id !== 'number' || !Number.isInteger(id)) return null;
    return { id, code: typeof code === 'string' ? code : '', reason: typeof reason === 'string' ? reason : '' };
  } catch {
    return null;
  }
}
