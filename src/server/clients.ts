// Connected clients across connection-oriented transports (TCP, TLS, QUIC,
// WebSocket). A client is one connection: its Session is registered on
// accept under client_id = XXH32(seed 0) of `ip:port` (BINARY.md §2.5) and
// removed on disconnect, when it also leaves every consumer group it joined.
// With `heartbeat.enabled`, a sweep marks sessions whose last Ping is older
// than 1.2 × interval stale: they are dropped from the registry, and their
// next request is answered StaleClient (30) and the connection closed.
import type { Transport } from '../protocol/types.js';
import type { ServerContext, Session } from './context.js';
import { nowUs } from '../storage/clock.js';
import type { GroupCoordinator } from './groups/types.js';

export interface HeartbeatSettings {
  enabled: boolean;
  /** µs between expected Pings. */
  intervalUs: number;
}

/** Microseconds since the Unix epoch: one clock for the whole server, storage's. */
export { nowUs };

const textEncoder = new TextEncoder();

/** `ip:port`, IPv6 as `[addr]:port`, as Rust formats a SocketAddr. */
export function formatAddress(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/**
 * A new connection's session, registered with the client registry: every
 * connection-oriented transport (TCP, TLS, QUIC, WebSocket) opens one on
 * accept and calls `ctx.clients.remove(session)` when the connection closes.
 */
export function openSession(ctx: ServerContext, transport: Transport, address: string): Session {
  const session: Session = {
    clientId: ctx.core.xxh32(textEncoder.encode(address)),
    transport,
    address,
    userId: null,
    lastHeartbeatUs: nowUs(),
    closeAfterReply: false,
  };
  ctx.clients.add(session);
  return session;
}

export class ClientRegistry {
  readonly #groups: GroupCoordinator;
  readonly #heartbeat: HeartbeatSettings;
  readonly #sessions = new Map<number, Session>();
  readonly #stale = new WeakSet<Session>();
  #sweeper: NodeJS.Timeout | null = null;

  constructor(groups: GroupCoordinator, heartbeat: HeartbeatSettings) {
    this.#groups = groups;
    this.#heartbeat = heartbeat;
    if (heartbeat.enabled && Number.isFinite(heartbeat.intervalUs) && heartbeat.intervalUs > 0) {
      const everyMs = Math.max(10, Math.floor(heartbeat.intervalUs / 1000 / 2));
      this.#sweeper = setInterval(() => this.sweep(nowUs()), everyMs);
      this.#sweeper.unref();
    }
  }

  get count(): number {
    return this.#sessions.size;
  }

  add(session: Session): void {
    // Two live addresses hashing alike is possible (XXH32); the newer wins the
    // lookup, as a hash map keyed by client id behaves in Iggy.
    this.#sessions.set(session.clientId, session);
  }

  /** The connection closed: forget it and leave its consumer groups. */
  remove(session: Session): void {
    if (this.#sessions.get(session.clientId) === session) {
      this.#sessions.delete(session.clientId);
      this.#groups.disconnect(session.clientId);
    }
  }

  get(clientId: number): Session | undefined {
    return this.#sessions.get(clientId);
  }

  /** Whether the session is still registered (GetMe answers ClientNotFound otherwise). */
  has(session: Session): boolean {
    return this.#sessions.get(session.clientId) === session;
  }

  list(): Session[] {
    return [...this.#sessions.values()];
  }

  /** A user was deleted: every session logged in as them becomes unauthenticated. */
  logoutUser(userId: number): void {
    for (const session of this.#sessions.values()) {
      if (session.userId === userId) session.userId = null;
    }
  }

  isStale(session: Session): boolean {
    return this.#stale.has(session);
  }

  /** Marks sessions stale whose last Ping is older than 1.2 × interval; returns how many. */
  sweep(now: bigint): number {
    if (!this.#heartbeat.enabled) return 0;
    const maxAgeUs = BigInt(Math.floor(this.#heartbeat.intervalUs * 1.2));
    let count = 0;
    for (const session of [...this.#sessions.values()]) {
      if (now - session.lastHeartbeatUs > maxAgeUs) {
        this.#stale.add(session);
        this.remove(session);
        count++;
      }
    }
    return count;
  }

  close(): void {
    if (this.#sweeper !== null) clearInterval(this.#sweeper);
    this.#sweeper = null;
  }
}
