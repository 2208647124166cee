// GET /metrics (HTTP.md §5.1) in Prometheus text format via prom-client: the
// server's figures (read at scrape time from storage stats and the client
// registry, so nothing is counted twice) and the request metrics of every
// transport, which src/server/metrics.ts counts (dispatch for the binary
// transports, the pipeline for HTTP) and which are read here at scrape time.
// One registry per server: tests run several in a process.
import { Gauge, type Metric, Registry } from 'prom-client';
import type { ServerContext } from '../../server/context.js';
import { LATENCY_BUCKETS_S, serverMetrics, type ServerMetrics } from '../../server/metrics.js';

type Labels = Record<string, string | number>;
interface Sample {
  metricName?: string;
  labels: Labels;
  value: number;
}
type Kind = 'counter' | 'histogram';

/** A metric whose samples are computed at scrape time, as prom-client asks of a registered metric. */
function scraped(name: string, help: string, type: Kind, samples: () => Sample[]): Metric {
  const metric = {
    name,
    help,
    type,
    aggregator: 'sum',
    get: async () => ({ name, help, type, aggregator: 'sum', values: samples() }),
  };
  return metric as unknown as Metric;
}

function requestSamples(m: ServerMetrics): Sample[] {
  const out: Sample[] = [];
  for (const [transport, t] of m.transports) for (const [command, c] of t.commands) out.push({ labels: { command, transport }, value: c.requests });
  return out;
}

function errorSamples(m: ServerMetrics): Sample[] {
  const out: Sample[] = [];
  for (const [transport, t] of m.transports) {
    for (const [command, c] of t.commands) for (const [status, count] of c.errors) out.push({ labels: { command, transport, status }, value: count });
  }
  return out;
}

function latencySamples(name: string, m: ServerMetrics): Sample[] {
  const out: Sample[] = [];
  for (const [transport, t] of m.transports) {
    for (const [command, c] of t.commands) {
      let cumulative = 0;
      c.bucketCounts.forEach((count, i) => {
        cumulative += count;
        const le = i < LATENCY_BUCKETS_S.length ? LATENCY_BUCKETS_S[i]! : '+Inf';
        out.push({ metricName: `${name}_bucket`, labels: { le, command, transport }, value: cumulative });
      });
      out.push({ metricName: `${name}_sum`, labels: { command, transport }, value: c.latencySumS });
      out.push({ metricName: `${name}_count`, labels: { command, transport }, value: c.requests });
    }
  }
  return out;
}

function byteSamples(m: ServerMetrics, pick: 'bytesIn' | 'bytesOut'): Sample[] {
  return [...m.transports].map(([transport, t]) => ({ labels: { transport }, value: t[pick] }));
}

export class HttpMetrics {
  readonly registry = new Registry();

  constructor(ctx: ServerContext) {
    const m = serverMetrics(ctx);
    const latency = 'iggy_request_duration_seconds';
    for (const metric of [
      scraped('iggy_requests_total', 'Requests per command and transport', 'counter', () => requestSamples(m)),
      scraped('iggy_request_errors_total', 'Failed requests per command, transport and status (Iggy code or HTTP status)', 'counter', () => errorSamples(m)),
      scraped(latency, 'Request latency per command and transport', 'histogram', () => latencySamples(latency, m)),
      scraped('iggy_received_bytes_total', 'Bytes received per transport (binary: whole frames; HTTP: bodies)', 'counter', () => byteSamples(m, 'bytesIn')),
      scraped('iggy_sent_bytes_total', 'Bytes sent per transport (binary: whole frames; HTTP: bodies)', 'counter', () => byteSamples(m, 'bytesOut')),
    ]) {
      this.registry.registerMetric(metric);
    }
    this.#registerFigures(ctx, [this.registry]);
  }

  #registerFigures(ctx: ServerContext, registers: Registry[]): void {
    const figures = [
      ['iggy_streams', 'Streams', (s: Figures) => s.streamsCount],
      ['iggy_topics', 'Topics', (s: Figures) => s.topicsCount],
      ['iggy_partitions', 'Partitions', (s: Figures) => s.partitionsCount],
      ['iggy_segments', 'Segments', (s: Figures) => s.segmentsCount],
      ['iggy_messages', 'Messages stored', (s: Figures) => s.messagesCount],
      ['iggy_messages_size_bytes', 'Bytes of stored messages', (s: Figures) => s.messagesSizeBytes],
    ] as const;
    for (const [name, help, pick] of figures) {
      new Gauge({
        name,
        help,
        registers,
        collect() {
          this.set(Number(pick(ctx.storage.stats())));
        },
      });
    }
    new Gauge({
      name: 'iggy_clients',
      help: 'Connected clients',
      registers,
      collect() {
        this.set(ctx.clients.count);
      },
    });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}

type Figures = ReturnType<ServerContext['storage']['stats']>;
