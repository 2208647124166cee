// GetClusterMetadata (12): login only. Clustering is not supported, so the
// answer is the single-node cluster of Iggy 0.8.0 (§8.4): one node, leader,
// healthy, with the ports actually bound (0 = transport not listening) and
// the host part of tcp.address.
import { parseAddress } from '../../../config/units.js';
import { getClusterMetadata } from '../../../protocol/commands/system/get_cluster_metadata.js';
import { ClusterNodeRole, ClusterNodeStatus } from '../../../protocol/records/cluster_metadata.js';
import { boundPort, type CommandHandler } from '../../context.js';
import { encodeReply } from '../../dispatch.js';

export const getClusterMetadataHandler: CommandHandler<void> = {
  code: getClusterMetadata.code,
  name: getClusterMetadata.name,
  requiresAuth: true,
  decode: (payload) => getClusterMetadata.request.decode(payload),
  handle(ctx) {
    const { runtime, config } = ctx;
    return encodeReply(getClusterMetadata.response, {
      name: 'single-node',
      nodes: [
        {
          name: 'iggy-node',
          ip: parseAddress(config.tcp.address)?.host ?? '127.0.0.1',
          endpoints: { tcp: boundPort(runtime, 'tcp'), quic: boundPort(runtime, 'quic'), http: boundPort(runtime, 'http'), websocket: boundPort(runtime, 'websocket') },
          role: ClusterNodeRole.Leader,
          status: ClusterNodeStatus.Healthy,
        },
      ],
    });
  },
};
