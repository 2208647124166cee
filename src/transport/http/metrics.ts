// GET /metrics (HTTP.md §5.1) in Prometheus text format via prom-client: the
// server's figures (read at scrape time from storage stats and the client
// registry, so nothing is counted twice) and this listener's requests, errors,
// latency and bytes. One registry per server: tests run several in a process.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ServerContext } from '../../server/context.js';

const TRANSPORT = 'http';

export class HttpMetrics {
  readonly registry = new Registry();
  readonly #requests: Counter<'route' | 'transport'>;
  readonly #errors: Counter<'route' | 'transport' | 'status'>;
  readonly #latency: Histogram<'route' | 'transport'>;
  readonly #bytesIn: Counter<'transport'>;
  readonly #bytesOut: Counter<'transport'>;

  constructor(ctx: ServerContext) {
    const registers = [this.registry];
    this.#requests = new Counter({ name: 'iggy_requests_total', help: 'Requests per route and transport', labelNames: ['route', 'transport'], registers });
    this.#errors = new Counter({ name: 'iggy_request_errors_total', help: 'Requests answered with a status >= 400', labelNames: ['route', 'transport', 'status'], registers });
    this.#latency = new Histogram({
      name: 'iggy_request_duration_seconds',
      help: 'Request latency per route and transport',
      labelNames: ['route', 'transport'],
      buckets: [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
      registers,
    });
    this.#bytesIn = new Counter({ name: 'iggy_received_bytes_total', help: 'Request body bytes received', labelNames: ['transport'], registers });
    this.#bytesOut = new Counter({ name: 'iggy_sent_bytes_total', help: 'Response body bytes sent', labelNames: ['transport'], registers });
    this.#registerFigures(ctx, registers);
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

  /** Records one answered request; `route` is the pattern (never the raw path, which would explode label cardinality). */
  observe(route: string, status: number, seconds: number, bytesIn: number, bytesOut: number): void {
    this.#requests.inc({ route, transport: TRANSPORT });
    if (status >= 400) this.#errors.inc({ route, transport: TRANSPORT, status: String(status) });
    this.#latency.observe({ route, transport: TRANSPORT }, seconds);
    if (bytesIn > 0) this.#bytesIn.inc({ transport: TRANSPORT }, bytesIn);
    if (bytesOut > 0) this.#bytesOut.inc({ transport: TRANSPORT }, bytesOut);
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}

type Figures = ReturnType<ServerContext['storage']['stats']>;
