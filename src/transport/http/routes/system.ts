// System routes (HTTP.md §5.1): the public `/`, `/ping` and Prometheus scrape
// at http.metrics.endpoint (/openapi.json is added by http_server.ts), and the
// authenticated ones, each a binding and its op (bound.ts).
import * as b from '../../../protocol/http/bindings/system.js';
import { getClient } from '../../../server/ops/system/get_client.js';
import { getClients } from '../../../server/ops/system/get_clients.js';
import { getClusterMetadata } from '../../../server/ops/system/get_cluster_metadata.js';
import { getSnapshot } from '../../../server/ops/system/get_snapshot.js';
import { getStats } from '../../../server/ops/system/get_stats.js';
import type { HttpMetrics } from '../metrics.js';
import type { Route, RouteResponse } from '../router.js';
import { boundRoute } from './bound.js';

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

/** GET /cluster/metadata waits for a GetClusterMetadata op. */
export function systemOpRoutes(): Route[] {
  return [
    boundRoute(b.getStatsBinding, getStats, 'Server statistics'),
    boundRoute(b.getClientsBinding, getClients, 'Connected clients'),
    boundRoute(b.getClientBinding, getClient, 'One connected client'),
    boundRoute(b.getSnapshotBinding, getSnapshot, 'ZIP of diagnostic files'),
    boundRoute(b.getClusterMetadataBinding, getClusterMetadata, 'Cluster name and nodes with the ports each transport listens on'),
  ];
}
