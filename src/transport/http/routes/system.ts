// Public system routes (HTTP.md §5.1): `/`, `/ping`, the Prometheus scrape at
// http.metrics.endpoint, and /openapi.json generated from the route table.
import type { HttpMetrics } from '../metrics.js';
import type { Route, RouteResponse } from '../router.js';

const text = (body: string): RouteResponse => ({ status: 200, body, contentType: 'text/plain; charset=utf-8' });
const TEXT_DOC = { description: 'OK', contentType: 'text/plain', schema: { type: 'string' } };

export function systemRoutes(metrics: HttpMetrics, metricsConfig: { enabled: boolean; endpoint: string }): Route[] {
  const routes: Route[] = [
    { method: 'GET', path: '/', auth: false, summary: 'API banner', responses: { 200: TEXT_DOC }, handle: () => text('Iggy API') },
    { method: 'GET', path: '/ping', auth: false, summary: 'Liveness check', responses: { 200: TEXT_DOC }, handle: () => text('pong') },
  ];
  if (metricsConfig.enabled) {
    routes.push({
      method: 'GET',
      path: metricsConfig.endpoint,
      auth: false,
      summary: 'Prometheus metrics',
      responses: { 200: { ...TEXT_DOC, description: 'Prometheus text exposition format' } },
      handle: async () => ({ status: 200, body: await metrics.text(), contentType: metrics.registry.contentType }),
    });
  }
  return routes;
}
