// Request metrics of every transport, counted where every request passes:
// dispatch.ts for the binary ones (TCP, TLS, QUIC, WebSocket) and the HTTP
// pipeline for the REST API. Plain counters, no metrics library, so the
// server layer stays free of exporters: /metrics (src/transport/http/metrics.ts)
// reads them at scrape time. Per transport and command: requests, errors by
// status, a latency histogram; per transport: bytes in and out.
import type { ServerContext } from './context.js';

/** Upper bounds (s) of the latency histogram buckets; one more bucket counts the rest (+Inf). */
export const LATENCY_BUCKETS_S: readonly number[] = [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5];

export interface CommandCounters {
  requests: number;
  /** Failed requests by status: the Iggy error code (binary) or HTTP status (REST). */
  readonly errors: Map<string, number>;
  /** Observations per bucket of LATENCY_BUCKETS_S (not cumulative), the last one beyond them all. */
  readonly bucketCounts: number[];
  latencySumS: number;
}

export interface TransportCounters {
  bytesIn: number;
  bytesOut: number;
  readonly commands: Map<string, CommandCounters>;
}

export class ServerMetrics {
  readonly transports = new Map<string, TransportCounters>();

  /** One answered request; `errorStatus` null when it succeeded. */
  record(transport: string, command: string, errorStatus: string | null, seconds: number, bytesIn: number, bytesOut: number): void {
    const forTransport = this.#transport(transport);
    forTransport.bytesIn += bytesIn;
    forTransport.bytesOut += bytesOut;
    let counters = forTransport.commands.get(command);
    if (counters === undefined) {
      counters = { requests: 0, errors: new Map(), bucketCounts: new Array<number>(LATENCY_BUCKETS_S.length + 1).fill(0), latencySumS: 0 };
      forTransport.commands.set(command, counters);
    }
    counters.requests++;
    if (errorStatus !== null) counters.errors.set(errorStatus, (counters.errors.get(errorStatus) ?? 0) + 1);
    counters.bucketCounts[bucketOf(seconds)]!++;
    counters.latencySumS += seconds;
  }

  #transport(name: string): TransportCounters {
    let counters = this.transports.get(name);
    if (counters === undefined) {
      counters = { bytesIn: 0, bytesOut: 0, commands: new Map() };
      this.transports.set(name, counters);
    }
    return counters;
  }
}

function bucketOf(seconds: number): number {
  for (let i = 0; i < LATENCY_BUCKETS_S.length; i++) if (seconds <= LATENCY_BUCKETS_S[i]!) return i;
  return LATENCY_BUCKETS_S.length;
}

// Keyed by context rather than held in it, so no transport has to create it:
// tests run several servers in one process, each with its own figures.
const BY_CONTEXT = new WeakMap<ServerContext, ServerMetrics>();

/** The metrics of one server. */
export function serverMetrics(ctx: ServerContext): ServerMetrics {
  let metrics = BY_CONTEXT.get(ctx);
  if (metrics === undefined) {
    metrics = new ServerMetrics();
    BY_CONTEXT.set(ctx, metrics);
  }
  return metrics;
}
