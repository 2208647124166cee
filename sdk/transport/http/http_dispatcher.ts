// IggyClient over Iggy's HTTP REST API (HTTP.md): a Dispatcher that sends
// each command as its route (src/protocol/http bindings) with global fetch.
// It holds the JWT a login returns and refreshes it before it expires
// (POST /users/refresh-token; a token refreshes once, so the new one replaces
// it). When the server no longer accepts the token (expired while idle, or the
// server restarted with a new secret) it logs in again through the client's
// session once and retries. Commands HTTP cannot serve fail with
// FeatureUnavailable (5) before anything is sent. Browser-safe.
//
//   const client = await IggyClient.connect({ dispatcher: new HttpDispatcher({ url: 'http://127.0.0.1:3000' }),
//     auth: { username: 'iggy', password: 'iggy' } });
import { IggyError } from '../../../src/errors/iggy_error.js';
import type { HttpBinding } from '../../../src/protocol/http/binding.js';
import { HTTP_UNSUPPORTED, httpBindingOf } from '../../../src/protocol/http/bindings/index.js';
import { type IdentityInfo, refreshTokenBinding } from '../../../src/protocol/http/bindings/users.js';
import type { Command, Dispatcher, DispatcherEvents, DispatcherState, RequestOptions, Session, SessionCall } from '../../dispatcher.js';
import { Emitter, type Listener } from '../../emitter.js';
import { ping } from '../../../src/protocol/commands/system/ping.js';
import { exchange, type Fetch } from './http_exchange.js';

export interface HttpDispatcherOptions {
  /** Base URL of the API, e.g. `http://127.0.0.1:3000` (or `https://…`). */
  url: string;
  /** Per-request timeout unless a call gives its own (default 30 000 ms). */
  requestTimeoutMs?: number;
  /** Refresh this long before the token's expiry, at most half its lifetime (default 60 000 ms). */
  refreshBeforeExpiryMs?: number;
  /** A token obtained elsewhere, used until a login replaces it. */
  accessToken?: AccessToken;
  /** Told of every new token (login, refresh), e.g. to persist it. */
  onAccessToken?: (token: AccessToken) => void;
  /** Another fetch (tests, proxies); default the global one. */
  fetch?: Fetch;
  /** Sent with every request (e.g. a proxy's own auth). */
  headers?: Record<string, string>;
}

/** A JWT and its expiry (`exp`, seconds since the epoch). */
export interface AccessToken {
  token: string;
  expiryS: number;
}

const LOGIN_CODES: ReadonlySet<number> = new Set([38, 44]);
const LOGOUT_CODE = 39;
const UNAUTHENTICATED = IggyError.of('Unauthenticated', '').code;
const INVALID_ACCESS_TOKEN = IggyError.of('InvalidAccessToken', '').code;

export class HttpDispatcher implements Dispatcher {
  readonly transportName: string;
  readonly #options: HttpDispatcherOptions;
  readonly #events = new Emitter<DispatcherEvents>();
  readonly #fetch: Fetch;
  #state: DispatcherState = 'connecting';
  #session: Session | null = null;
  #token: AccessToken | null;
  /** When the current token is due for refresh (ms since the epoch), fixed when it arrives. */
  #refreshAtMs = Infinity;
  #refreshTimer: ReturnType<typeof setTimeout> | undefined;
  #refreshing: Promise<void> | null = null;
  #relogin: Promise<void> | null = null;
  #inFlight = 0;
  #drained: Array<() => void> = [];

  constructor(options: HttpDispatcherOptions) {
    this.#options = options;
    this.transportName = new URL(options.url).protocol === 'https:' ? 'https' : 'http';
    // Bound: a bare global fetch called as a method of another object throws in browsers.
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#token = null;
    if (options.accessToken !== undefined) this.#setToken(options.accessToken);
  }

  get state(): DispatcherState {
    return this.#state;
  }

  get idle(): boolean {
    return this.#inFlight === 0;
  }

  /** The current access token, null before a login or after logout. */
  get accessToken(): AccessToken | null {
    return this.#token;
  }

  on<K extends keyof DispatcherEvents>(event: K, listener: Listener<DispatcherEvents[K]>): () => void {
    return this.#events.on(event, listener);
  }

  setSession(session: Session | null): void {
    this.#session = session;
  }

  /** Checks the server answers (GET /ping), then runs the session (the client's login). */
  async open(): Promise<void> {
    const direct: SessionCall = (command, request) => this.#send(command, request, undefined, true);
    try {
      await direct(ping, undefined);
      await this.#session?.(direct);
    } catch (error) {
      this.#state = 'closed';
      this.#clearToken();
      throw error;
    }
    this.#state = 'ready';
  }

  call<Request, Response>(command: Command<Request, Response>, request: Request, options?: RequestOptions): Promise<Response> {
    if (this.#state === 'closing' || this.#state === 'closed') {
      return Promise.reject(IggyError.of('ClientShutdown', `${command.name}: the client is closed`));
    }
    return this.#send(command, request, options, false);
  }

  /** Exchanges the current token for a new one now (the old one is revoked). */
  async refreshToken(): Promise<AccessToken> {
    const current = this.#token;
    if (current === null) throw IggyError.of('Unauthenticated', 'RefreshToken: not logged in');
    const identity = await exchange(refreshTokenBinding, { token: current.token }, this.#exchangeOptions(undefined));
    this.#setToken(identity.accessToken);
    return identity.accessToken;
  }

  /** Waits for calls in flight, then stops refreshing; later calls fail with ClientShutdown (63). */
  async close(): Promise<void> {
    if (this.#state === 'closed') return;
    this.#state = 'closing';
    if (this.#inFlight > 0) await new Promise<void>((resolve) => this.#drained.push(resolve));
    clearTimeout(this.#refreshTimer);
    this.#state = 'closed';
    this.#events.emit('close', undefined);
  }

  /**
   * `direct`: a call of open() or of the session itself (the login), which neither refreshes nor logs in again,
   * so a session's own calls can never wait on the refresh or re-login that runs them.
   */
  async #send<Request, Response>(command: Command<Request, Response>, request: Request, options: RequestOptions | undefined, direct: boolean): Promise<Response> {
    const binding = httpBindingOf(command.code) as HttpBinding<Request, Response> | undefined;
    if (binding === undefined) {
      const why = HTTP_UNSUPPORTED[command.code] ?? 'no HTTP route';
      throw IggyError.of('FeatureUnavailable', `${command.name} is not available over HTTP: ${why}`);
    }
    this.#inFlight++;
    try {
      if (binding.auth && !direct) await this.#freshToken();
      const response = direct ? await exchange(binding, request, this.#exchangeOptions(options)) : await this.#exchangeAuthenticated(binding, request, options);
      if (LOGIN_CODES.has(command.code)) this.#setToken((response as IdentityInfo).accessToken);
      if (command.code === LOGOUT_CODE) this.#clearToken();
      return response;
    } finally {
      if (--this.#inFlight === 0) for (const resolve of this.#drained.splice(0)) resolve();
    }
  }

  /**
   * Sends; a refused token is replaced once by logging in again (the client's session) and the call retried.
   * Without credentials the session logs nobody in, the token stays the same, and the refusal stands.
   */
  async #exchangeAuthenticated<Request, Response>(binding: HttpBinding<Request, Response>, request: Request, options: RequestOptions | undefined): Promise<Response> {
    const before = this.#token;
    try {
      return await exchange(binding, request, this.#exchangeOptions(options));
    } catch (error) {
      const refused = error instanceof IggyError && (error.code === UNAUTHENTICATED || error.code === INVALID_ACCESS_TOKEN);
      if (!refused || !binding.auth || binding.code === LOGOUT_CODE) throw error;
      await this.#loginAgain();
      if (this.#token === null || this.#token === before) throw error;
      return exchange(binding, request, this.#exchangeOptions(options));
    }
  }

  #exchangeOptions(options: RequestOptions | undefined) {
    return {
      baseUrl: this.#options.url,
      fetch: this.#fetch,
      token: this.#token?.token ?? null,
      timeoutMs: options?.timeoutMs ?? this.#options.requestTimeoutMs ?? 30_000,
      headers: this.#options.headers ?? {},
    };
  }

  /** Before an authenticated call: refresh a token that is due (the timer may not have fired, e.g. a suspended tab). */
  async #freshToken(): Promise<void> {
    const token = this.#token;
    if (token === null || Date.now() < this.#refreshAtMs) return;
    await this.#refreshOnce();
  }

  #refreshOnce(): Promise<void> {
    this.#refreshing ??= this.refreshToken().then(
      () => undefined,
      // An expired or already used token cannot refresh: log in again when there is a session to do it.
      () => (this.#session === null ? undefined : this.#loginAgain()),
    ).finally(() => {
      this.#refreshing = null;
    });
    return this.#refreshing;
  }

  #loginAgain(): Promise<void> {
    const session = this.#session;
    if (session === null) return Promise.resolve();
    this.#relogin ??= session((command, request) => this.#send(command, request, undefined, true)).finally(() => {
      this.#relogin = null;
    });
    return this.#relogin;
  }

  #setToken(token: AccessToken): void {
    this.#token = token;
    clearTimeout(this.#refreshTimer);
    const expiryMs = token.expiryS * 1000;
    const lifetimeMs = Math.max(0, expiryMs - Date.now());
    this.#refreshAtMs = expiryMs - Math.min(this.#options.refreshBeforeExpiryMs ?? 60_000, lifetimeMs / 2);
    const delayMs = Math.max(0, this.#refreshAtMs - Date.now());
    this.#refreshTimer = setTimeout(() => {
      if (this.#state !== 'closing' && this.#state !== 'closed') this.#refreshOnce().catch(() => {});
    }, delayMs);
    // A pending refresh must not keep a Node process alive.
    (this.#refreshTimer as { unref?: () => void }).unref?.();
    this.#options.onAccessToken?.(token);
  }

  #clearToken(): void {
    this.#token = null;
    this.#refreshAtMs = Infinity;
    clearTimeout(this.#refreshTimer);
  }
}
