// GetClusterMetadata (BINARY.md §8.4): login only, no permission. As the 0.8
// server answers it: with [cluster] disabled (default) one node,
// 'single-node'/'iggy-node' at the host of tcp.address; enabled, the
// configured cluster name and current node, then every configured other
// node as a follower, its missing ports filled with this server's configured
// ports. This node is always the healthy leader (no clustering runs), and
// its ports are the ones actually bound (0 = transport not listening).
import type { ClusterNodePorts } from '../../../config/cluster.js';
import type { ServerConfig } from '../../../config/config.js';
import { parseAddress } from '../../../config/units.js';
import type { GetClusterMetadataRequest, GetClusterMetadataResponse } from '../../../protocol/commands/system/get_cluster_metadata.js';
import { ClusterNodeRole, ClusterNodeStatus, type ClusterNode } from '../../../protocol/records/cluster_metadata.js';
import { boundPort, type ServerRuntime } from '../../context.js';
import type { Operation } from '../principal.js';

const TRANSPORTS = ['tcp', 'quic', 'http', 'websocket'] as const;
type Endpoints = ClusterNode['endpoints'];

function boundEndpoints(runtime: ServerRuntime): Endpoints {
  return { tcp: boundPort(runtime, 'tcp'), quic: boundPort(runtime, 'quic'), http: boundPort(runtime, 'http'), websocket: boundPort(runtime, 'websocket') };
}

/** A node's configured ports, this server's configured port for each one left out. */
function configuredEndpoints(config: ServerConfig, ports: ClusterNodePorts): Endpoints {
  const endpoints = {} as Endpoints;
  for (const transport of TRANSPORTS) endpoints[transport] = ports[transport] ?? parseAddress(config[transport].address)?.port ?? 0;
  return endpoints;
}

export const getClusterMetadata: Operation<GetClusterMetadataRequest, GetClusterMetadataResponse> = (ctx) => {
  const { config, runtime } = ctx;
  const { cluster } = config;
  const current: ClusterNode = {
    name: cluster.enabled ? cluster.node.current.name : 'iggy-node',
    ip: cluster.enabled ? cluster.node.current.ip : (parseAddress(config.tcp.address)?.host ?? '127.0.0.1'),
    endpoints: boundEndpoints(runtime),
    role: ClusterNodeRole.Leader,
    status: ClusterNodeStatus.Healthy,
  };
  if (!cluster.enabled) return { name: 'single-node', nodes: [current] };
  const others = cluster.node.others.map(
    (node): ClusterNode => ({
      name: node.name,
      ip: node.ip,
      endpoints: configuredEndpoints(config, node.ports),
      role: ClusterNodeRole.Follower,
      status: ClusterNodeStatus.Healthy,
    }),
  );
  return { name: cluster.name, nodes: [current, ...others] };
};
