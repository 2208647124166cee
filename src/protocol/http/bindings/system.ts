// System routes over HTTP (HTTP.md §5.1). GetMe has no route: HTTP keeps no
// client record (HTTP.md §1), so the SDK refuses it.
import { getClient } from '../../commands/system/get_client.js';
import { getClients } from '../../commands/system/get_clients.js';
import { getClusterMetadata } from '../../commands/system/get_cluster_metadata.js';
import { IggyError } from '../../../errors/iggy_error.js';
import { getSnapshot, SnapshotType } from '../../commands/system/get_snapshot.js';
import { getStats } from '../../commands/system/get_stats.js';
import { ping } from '../../commands/system/ping.js';
import { bind, bodyFields, jsonResponse, listResponse, NO_REQUEST, nullableResponse, type ResponseMapping } from '../binding.js';
import { readClientInfo, readClientInfoDetails, clientInfoDetailsJson, clientInfoJson, clusterMetadataJson, readClusterMetadata, readStats, snapshotCompressionName, snapshotCompressionOf, snapshotTypeName, snapshotTypeOf, statsJson } from '../system_shapes.js';
import { asArray } from '../fields.js';
import { u32Param } from './params.js';

const pong: ResponseMapping<void> = {
  status: 200,
  body: 'text',
  nullOnNotFound: false,
  write: () => ({ status: 200, text: 'pong', contentType: 'text/plain; charset=utf-8' }),
  read: () => undefined,
};

export const pingBinding = bind(ping, { method: 'GET', path: '/ping', auth: false }, NO_REQUEST, pong);
export const getStatsBinding = bind(getStats, { method: 'GET', path: '/stats' }, NO_REQUEST, jsonResponse(200, statsJson, readStats));
export const getClusterMetadataBinding = bind(getClusterMetadata, { method: 'GET', path: '/cluster/metadata' }, NO_REQUEST, jsonResponse(200, clusterMetadataJson, readClusterMetadata));
export const getClientsBinding = bind(
  getClients,
  { method: 'GET', path: '/clients' },
  NO_REQUEST,
  listResponse(clientInfoJson, readClientInfo, (a, b) => a.clientId - b.clientId),
);
export const getClientBinding = bind(
  getClient,
  { method: 'GET', path: '/clients/:client_id' },
  { write: (r) => ({ params: { client_id: String(r.clientId) }, query: {} }), read: (r) => ({ clientId: u32Param(r, 'client_id') }) },
  nullableResponse(clientInfoDetailsJson, readClientInfoDetails),
);

const pad = (n: number): string => String(n).padStart(2, '0');

/** iggy_snapshot_<YYYYMMDD_HHMMSS>.zip, in UTC. */
export function snapshotFileName(at: Date): string {
  const date = `${at.getUTCFullYear()}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}`;
  return `iggy_snapshot_${date}_${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}${pad(at.getUTCSeconds())}.zip`;
}

const zip: ResponseMapping<Uint8Array> = {
  status: 200,
  body: 'bytes',
  nullOnNotFound: false,
  write: (bytes) => ({
    status: 200, bytes, contentType: 'application/zip',
    headers: [['content-disposition', `attachment; filename="${snapshotFileName(new Date())}"`]],
  }),
  read: (response) => response.bytes ?? new Uint8Array(0),
};

/** "All" with other types is InvalidCommand (3), as the binary codec's decode answers it. */
export const getSnapshotBinding = bind(
  getSnapshot,
  { method: 'POST', path: '/snapshot' },
  {
    write: (r) => ({ params: {}, query: {}, body: { compression: snapshotCompressionName(r.compression), snapshot_types: r.types.map(snapshotTypeName) } }),
    read: (r) => {
      const f = bodyFields(r);
      const names = asArray(f.raw('snapshot_types'), 'snapshot_types');
      const types = names.map((name, i) => snapshotTypeOf(typeof name === 'string' ? name : JSON.stringify(name), `snapshot_types[${i}]`));
      if (types.includes(SnapshotType.All) && types.length > 1) throw IggyError.of('InvalidCommand', 'snapshot type "All" cannot be combined with other types');
      return { compression: snapshotCompressionOf(f.str('compression'), 'compression'), types };
    },
  },
  zip,
);
